// Brings the project report's per-document counts (schema/reports.ts) up to date: recomputes
// the documents that triggers marked as changed since the last refresh, with the rules a report
// over the whole project would apply, scoped to those documents. A project report then adds up
// ten thousand documents' rows instead of grouping half a million labels.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { goldColumns } from '../sql/gold.ts';
import { rowsOf } from '../sql/rows.ts';

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
    await transaction.execute(sql`create temp table if not exists report_refresh_labels
      (sentence_id uuid, document_id uuid, annotator_id uuid, label text, source text,
       suggestion_relation text, assigned boolean, decided_by_them boolean) on commit drop`);
    await transaction.execute(sql`create temp table if not exists report_refresh_gold
      (id uuid primary key, document_id uuid, suggested text, gold text, status text) on commit drop`);
    await transaction.execute(
      sql`truncate report_refresh_documents, report_refresh_labels, report_refresh_gold`,
    );
    // A deleted document's counts are deleted here and, finding no sentences, not written again.
    await transaction.execute(sql`
      with marked as (delete from report_stale_documents returning document_id)
      insert into report_refresh_documents select distinct document_id from marked`);
    await transaction.execute(sql`analyze report_refresh_documents`);
    const inRefresh = (column: SQL) => sql`${column} in (select document_id from report_refresh_documents)`;
    // A first report after a large import recomputes everything: let its aggregates hash in memory.
    await transaction.execute(sql`set local work_mem = '64MB'`);
    // The documents' labels, read once (the counts below each needed them again): whether the
    // analyst is assigned to the document, and whether the sentence's gold label is their decision.
    await transaction.execute(sql`
      insert into report_refresh_labels
      select an.sentence_id, s.document_id, an.annotator_id, l.key, an.source, an.suggestion_relation,
        asg.user_id is not null, coalesce(adjudication.decided_by = an.annotator_id, false)
      from annotations an join labels l on l.id = an.label_id join sentences s on s.id = an.sentence_id
        left join assignments asg on asg.document_id = s.document_id and asg.user_id = an.annotator_id
        left join adjudications adjudication on adjudication.sentence_id = an.sentence_id
      where ${inRefresh(sql`s.document_id`)}`);
    await transaction.execute(sql`analyze report_refresh_labels`);
    // The gold rule of goldColumns, over those labels: per sentence and label, then per sentence.
    await transaction.execute(sql`
      insert into report_refresh_gold (id, document_id, suggested, gold, status)
      select s.id, s.document_id, s.suggestion ->> 'label', ${goldColumns(sql`gold_adjudicated.key`)}
      from sentences s
        left join (
          select a.sentence_id, l.key from adjudications a join labels l on l.id = a.label_id
        ) gold_adjudicated on gold_adjudicated.sentence_id = s.id
        left join (
          select sentence_id, sum(given)::int as annotation_count, count(*)::int as distinct_labels,
            min(label) as only_label
          from (select sentence_id, label, count(*) as given from report_refresh_labels group by 1, 2) per_label
          group by sentence_id
        ) labelled on labelled.sentence_id = s.id
      where s.kind <> 'boilerplate' and ${inRefresh(sql`s.document_id`)}`);
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
      select document_id, source, count(*) from report_refresh_labels
      where source is not null and source <> '' group by 1, 2`);
    await transaction.execute(sql`
      insert into report_pair_counts (document_id, first, second, total)
      select a1.document_id, a1.label, a2.label, count(*)
      from report_refresh_labels a1
        join report_refresh_labels a2 on a2.sentence_id = a1.sentence_id and a2.annotator_id > a1.annotator_id
      where a1.assigned and a2.assigned
      group by 1, 2, 3`);
    // Only labels of analysts assigned to the document; a sentence whose gold label someone
    // decided never compares that person's label with it.
    await transaction.execute(sql`
      insert into report_analyst_counts (document_id, annotator_id, labelled, accepted, same_label,
        other_label, no_suggestion, unrecorded, with_gold, matching_gold)
      select r.document_id, r.annotator_id, count(*),
        count(*) filter (where r.suggestion_relation = 'accepted'),
        count(*) filter (where r.suggestion_relation = 'same_label'),
        count(*) filter (where r.suggestion_relation = 'other_label'),
        count(*) filter (where r.suggestion_relation = 'no_suggestion'),
        count(*) filter (where r.suggestion_relation is null),
        count(*) filter (where g.gold is not null and not r.decided_by_them),
        count(*) filter (where g.gold = r.label and not r.decided_by_them)
      from report_refresh_labels r left join report_refresh_gold g on g.id = r.sentence_id
      where r.assigned
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
