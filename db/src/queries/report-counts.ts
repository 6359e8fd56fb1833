// Brings the project report's per-document counts (schema/reports.ts) up to date: recomputes
// the documents that triggers marked as changed since the last refresh, with the rules a report
// over the whole project would apply, scoped to those documents. A project report then adds up
// ten thousand documents' rows instead of grouping half a million labels.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { goldSentences } from './gold.ts';
import { rowsOf } from './rows.ts';

const countTables = [
  'report_gold_counts',
  'report_suggestion_counts',
  'report_source_counts',
  'report_pair_counts',
  'report_analyst_counts',
];

/** Refreshes take turns: two at once could write one document's counts from different moments. */
const refreshLockId = 7_426_020;

/**
 * Recomputes every document marked stale and clears the marks, in one transaction; returns how
 * many documents it recomputed. Cheap when nothing changed. Race-free with concurrent saves:
 * a save's mark and its labels commit together, so a mark this refresh reads and deletes
 * belongs to a change its later statements see, and a mark committed after that read stays for
 * the next refresh.
 */
export async function refreshReportCounts(db: Executor): Promise<number> {
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`select pg_advisory_xact_lock(${refreshLockId})`);
    const [pending] = await rowsOf<{ any: boolean }>(
      transaction,
      sql`select exists (select from report_stale_documents) as any`,
    );
    if (!pending?.any) return 0;
    await transaction.execute(sql`create temp table if not exists report_refresh_documents
      (document_id uuid primary key) on commit drop`);
    await transaction.execute(sql`create temp table if not exists report_refresh_gold
      (id uuid primary key, document_id uuid, suggested text, gold text, status text) on commit drop`);
    await transaction.execute(sql`truncate report_refresh_documents, report_refresh_gold`);
    // A deleted document's counts are deleted here and, finding no sentences, not written again.
    await transaction.execute(sql`
      with marked as (delete from report_stale_documents returning document_id)
      insert into report_refresh_documents select distinct document_id from marked`);
    await transaction.execute(sql`analyze report_refresh_documents`);
    const inRefresh = (column: SQL) => sql`${column} in (select document_id from report_refresh_documents)`;
    // A first report after a large import recomputes everything: let its aggregates hash in memory.
    await transaction.execute(sql`set local work_mem = '64MB'`);
    await transaction.execute(sql`
      insert into report_refresh_gold (id, document_id, suggested, gold, status)
      select id, document_id, suggested, gold, status from (${goldSentences(inRefresh(sql`d.id`))}) g`);
    await transaction.execute(sql`analyze report_refresh_gold`);
    for (const table of countTables)
      await transaction.execute(
        sql`delete from ${sql.identifier(table)} where ${inRefresh(sql`document_id`)}`,
      );
    await transaction.execute(sql`
      insert into report_gold_counts (document_id, gold, status, total)
      select document_id, gold, status, count(*) from report_refresh_gold group by 1, 2, 3`);
    await transaction.execute(sql`
      insert into report_suggestion_counts (document_id, suggested, gold, total)
      select document_id, suggested, gold, count(*) from report_refresh_gold
      where suggested is not null and gold is not null group by 1, 2, 3`);
    await transaction.execute(sql`
      insert into report_source_counts (document_id, source, total)
      select s.document_id, an.source, count(*)
      from annotations an join sentences s on s.id = an.sentence_id
      where an.source is not null and an.source <> '' and ${inRefresh(sql`s.document_id`)}
      group by 1, 2`);
    await transaction.execute(sql`
      insert into report_pair_counts (document_id, first, second, total)
      select s.document_id, l1.key, l2.key, count(*)
      from annotations a1
        join annotations a2 on a2.sentence_id = a1.sentence_id and a2.annotator_id > a1.annotator_id
        join labels l1 on l1.id = a1.label_id join labels l2 on l2.id = a2.label_id
        join sentences s on s.id = a1.sentence_id
        join assignments asg1 on asg1.document_id = s.document_id and asg1.user_id = a1.annotator_id
        join assignments asg2 on asg2.document_id = s.document_id and asg2.user_id = a2.annotator_id
      where ${inRefresh(sql`s.document_id`)}
      group by 1, 2, 3`);
    // Only labels of analysts assigned to the document; a sentence whose gold label someone
    // decided never compares that person's label with it.
    await transaction.execute(sql`
      insert into report_analyst_counts (document_id, annotator_id, labelled, accepted, same_label,
        other_label, no_suggestion, unrecorded, with_gold, matching_gold)
      select s.document_id, an.annotator_id, count(*),
        count(*) filter (where an.suggestion_relation = 'accepted'),
        count(*) filter (where an.suggestion_relation = 'same_label'),
        count(*) filter (where an.suggestion_relation = 'other_label'),
        count(*) filter (where an.suggestion_relation = 'no_suggestion'),
        count(*) filter (where an.suggestion_relation is null),
        count(*) filter (where g.gold is not null and not decided_by_them),
        count(*) filter (where g.gold = l.key and not decided_by_them)
      from annotations an join labels l on l.id = an.label_id
        join sentences s on s.id = an.sentence_id
        join assignments asg on asg.document_id = s.document_id and asg.user_id = an.annotator_id
        left join report_refresh_gold g on g.id = an.sentence_id
        cross join lateral (
          select exists (
            select from adjudications a where a.sentence_id = an.sentence_id and a.decided_by = an.annotator_id
          ) as decided_by_them
        ) decided
      where ${inRefresh(sql`s.document_id`)}
      group by 1, 2`);
    const [refreshed] = await rowsOf<{ total: number }>(
      transaction,
      sql`select count(*)::int as total from report_refresh_documents`,
    );
    const total = refreshed?.total ?? 0;
    // After many documents, fresh statistics: estimates from the empty tables made PostgreSQL
    // plan the report's joins for millions of rows (and compile them, 1.3 s) instead of 50,000.
    if (total >= 1000)
      for (const table of countTables) await transaction.execute(sql`analyze ${sql.identifier(table)}`);
    return total;
  });
}

/** Marks every document stale, so the next refresh recomputes all counts from scratch. */
export async function markAllReportCountsStale(db: Executor): Promise<void> {
  await db.execute(sql`insert into report_stale_documents (document_id) select id from documents`);
}
