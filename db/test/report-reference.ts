// The project report's SQL as it was before the per-document counts (db/src/queries/
// report-counts.ts): every figure grouped from the project's labels in one go. Kept, unchanged
// but for names, as the reference the counts are compared with on randomised projects.
import { sql } from 'drizzle-orm';
import type { Executor } from '../src/client.ts';
import type {
  AnalystRow,
  CompositionRow,
  CountRow,
  PairRow,
  ProjectGoldCounts,
} from '../src/queries/reports.ts';
import { goldSentences } from '../src/sql/gold.ts';
import { rowsOf as rows } from '../src/sql/rows.ts';

/** How often each source entity was recorded by analysts in a document or project. */
export async function referenceSourceCounts(
  db: Executor,
  scope: { documentId?: string; projectId?: string },
): Promise<CountRow[]> {
  const where = scope.documentId
    ? sql`s.document_id = ${scope.documentId}`
    : sql`d.project_id = ${scope.projectId} and d.archived_at is null`;
  return rows(
    db,
    sql`select an.source as key, count(*)::int as total
      from annotations an join sentences s on s.id = an.sentence_id join documents d on d.id = s.document_id
      where an.source is not null and an.source <> '' and ${where}
      group by an.source order by total desc, key limit 50`,
  );
}

/**
 * Gold labels and statuses counted per document, day of publication and outlet, and the
 * suggestions against the gold labels, in one statement: the project's gold set is the costly
 * part, so it is computed once and grouped four ways (GROUPING SETS) instead of once per count.
 */
export async function referenceProjectGoldCounts(
  db: Executor,
  projectId: string,
): Promise<ProjectGoldCounts> {
  const day = sql`to_char(d.published_at at time zone 'UTC', 'YYYY-MM-DD')`;
  const counted = await rows<CompositionRow & { by: 'document' | 'published' | 'outlet' | 'suggestion' }>(
    db,
    sql`with g as materialized (${goldSentences(sql`d.project_id = ${projectId} and d.archived_at is null`)})
      select case
          when grouping(g.document_id) = 0 then 'document'
          when grouping(${day}) = 0 then 'published'
          when grouping(d.outlet) = 0 then 'outlet'
          else 'suggestion'
        end as "by",
        case
          when grouping(g.document_id) = 0 then g.document_id::text
          when grouping(${day}) = 0 then ${day}
          when grouping(d.outlet) = 0 then d.outlet
          else g.suggested
        end as "group",
        g.gold, g.status, count(*)::int as total
      from g join documents d on d.id = g.document_id
      group by grouping sets ((g.document_id, g.gold, g.status), (${day}, g.gold, g.status),
        (d.outlet, g.gold, g.status), (g.suggested, g.gold))
      order by 1, 2, 3`,
  );
  const of = (by: string) =>
    counted
      .filter((row) => row.by === by)
      .map(({ group, gold, status, total }) => ({ group, gold, status, total }));
  return {
    byDocument: of('document'),
    byPublished: of('published'),
    byOutlet: of('outlet'),
    suggestionPairs: counted
      .filter((row) => row.by === 'suggestion' && row.group !== null && row.gold !== null)
      .map((row) => ({ first: row.group!, second: row.gold!, total: row.total })),
  };
}

/** Label pairs given by two different analysts assigned to a sentence's document, over the project. */
export async function referenceAnalystConfusion(db: Executor, projectId: string): Promise<PairRow[]> {
  return rows(
    db,
    sql`select l1.key as first, l2.key as second, count(*)::int as total
      from annotations a1
      join annotations a2 on a2.sentence_id = a1.sentence_id and a2.annotator_id > a1.annotator_id
      join labels l1 on l1.id = a1.label_id join labels l2 on l2.id = a2.label_id
      join sentences s on s.id = a1.sentence_id join documents d on d.id = s.document_id
      join assignments asg1 on asg1.document_id = d.id and asg1.user_id = a1.annotator_id
      join assignments asg2 on asg2.document_id = d.id and asg2.user_id = a2.annotator_id
      where d.project_id = ${projectId} and d.archived_at is null
      group by 1, 2`,
  );
}

/**
 * Per assigned analyst: assignments, labels, how the labels relate to the suggestions,
 * agreement with gold. Only labels on documents assigned to the person count, so an owner who
 * labelled to try the editor is no analyst; and a sentence whose gold label someone decided
 * never compares that person's label with it. Labels and assignments are each counted once
 * per annotator over the project, then joined to the members: correlating them per member made
 * PostgreSQL re-read the project's annotations for every member (13 s over 300,000 sentences).
 */
export async function referenceAnalystProgress(db: Executor, projectId: string): Promise<AnalystRow[]> {
  return rows(
    db,
    sql`with g as materialized (${goldSentences(sql`d.project_id = ${projectId} and d.archived_at is null`)}),
      labelled as (
        select an.annotator_id, count(*)::int as labelled,
          count(*) filter (where an.suggestion_relation = 'accepted')::int as accepted,
          count(*) filter (where an.suggestion_relation = 'same_label')::int as same_label,
          count(*) filter (where an.suggestion_relation = 'other_label')::int as other_label,
          count(*) filter (where an.suggestion_relation = 'no_suggestion')::int as no_suggestion,
          count(*) filter (where an.suggestion_relation is null)::int as unrecorded,
          count(*) filter (where g.gold is not null and not decided_by_them)::int as with_gold,
          count(*) filter (where g.gold = l.key and not decided_by_them)::int as matching_gold
        from annotations an join labels l on l.id = an.label_id
          join sentences s on s.id = an.sentence_id join documents d on d.id = s.document_id
          join assignments asg on asg.document_id = d.id and asg.user_id = an.annotator_id
          left join g on g.id = an.sentence_id
          cross join lateral (
            select exists (
              select from adjudications a where a.sentence_id = an.sentence_id and a.decided_by = an.annotator_id
            ) as decided_by_them
          ) decided
        where d.project_id = ${projectId} and d.archived_at is null
        group by an.annotator_id
      ),
      assigned as (
        select asg.user_id, count(*)::int as assigned
        from assignments asg join documents d on d.id = asg.document_id
        where d.project_id = ${projectId} and d.archived_at is null
        group by asg.user_id
      )
      select u.id as "userId", u.name,
        coalesce(assigned.assigned, 0) as assigned,
        coalesce(labelled.labelled, 0) as labelled,
        coalesce(labelled.accepted, 0) as "acceptedSuggestions",
        coalesce(labelled.same_label, 0) as "choseSuggestedLabel",
        coalesce(labelled.other_label, 0) as "choseOtherLabel",
        coalesce(labelled.no_suggestion, 0) as "withoutSuggestion",
        coalesce(labelled.unrecorded, 0) as unrecorded,
        coalesce(labelled.with_gold, 0) as "withGold",
        coalesce(labelled.matching_gold, 0) as "matchingGold"
      from project_members m join users u on u.id = m.user_id
        left join labelled on labelled.annotator_id = u.id
        left join assigned on assigned.user_id = u.id
      where m.project_id = ${projectId}
        -- Analysts, and whoever else was given documents to label; owners and reviewers who
        -- only labelled unassigned documents are no analysts.
        and (m.role = 'analyst' or coalesce(assigned.assigned, 0) > 0)
      order by u.name`,
  );
}
