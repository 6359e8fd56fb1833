// Aggregates for the provenance reports, computed by PostgreSQL: nothing here loads a
// project's sentences into memory. The gold label of a sentence is the reviewer's decision;
// else the label every analyst agreed on (two or more); else none, and its status says why.
import type { GoldStatus } from '@attest/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { goldColumns } from './gold.ts';

/**
 * One row per annotatable sentence in scope, with its gold label and status. The labels are
 * counted for the whole scope at once (per sentence and label, then per sentence: two hash
 * aggregates) rather than by a lateral subquery per sentence, which took tens of seconds over
 * a project of 300,000 sentences.
 */
export function goldSentences(scope: SQL): SQL {
  return sql`
    select s.id, s.document_id, s.position, s.suggestion ->> 'label' as suggested,
      gold_adjudicated.key as adjudicated, labelled.annotation_count, labelled.distinct_labels, labelled.only_label,
      ${goldColumns(sql`gold_adjudicated.key`)}
    from sentences s
    join documents d on d.id = s.document_id
    left join lateral (
      select l.key from adjudications a join labels l on l.id = a.label_id where a.sentence_id = s.id
    ) gold_adjudicated on true
    left join (
      select sentence_id, sum(given)::int as annotation_count, count(*)::int as distinct_labels, min(key) as only_label
      from (
        select an.sentence_id, l.key, count(*) as given
        from annotations an join labels l on l.id = an.label_id
          join sentences s on s.id = an.sentence_id join documents d on d.id = s.document_id
        where ${scope}
        group by an.sentence_id, l.key
      ) per_label
      group by sentence_id
    ) labelled on labelled.sentence_id = s.id
    where s.kind <> 'boilerplate' and ${scope}`;
}

async function rows<Row>(db: Executor, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  // postgres.js returns the rows, PGlite an object holding them.
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

export interface StripRow {
  position: number;
  gold: string | null;
  status: GoldStatus;
}

export async function documentStrip(db: Executor, documentId: string): Promise<StripRow[]> {
  return rows(
    db,
    sql`select position, gold, status from (${goldSentences(sql`s.document_id = ${documentId}`)}) g order by position`,
  );
}

export interface CountRow {
  key: string | null;
  total: number;
}

/** How often each source entity was recorded by analysts in a document or project. */
export async function sourceCounts(
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

export interface ChainCountRow {
  chain: string;
  /** Analysts' labels that recorded the chain (one per analyst and sentence). */
  annotations: number;
  /** Sentences whose suggestion proposed it. */
  suggestions: number;
}

/**
 * Attribution chains (e.g. "Yonhap → KCNA") as recorded by analysts and as suggested, counted
 * apart, on the sentences that take a label: a boilerplate line ("Source: …") attributes nothing.
 */
export async function chainCounts(db: Executor, documentId: string): Promise<ChainCountRow[]> {
  return rows(
    db,
    sql`select chain,
        count(*) filter (where origin = 'annotation')::int as annotations,
        count(*) filter (where origin = 'suggestion')::int as suggestions
      from (
        select 'annotation' as origin,
          array_to_string(array(select jsonb_array_elements_text(an.chain)), ' → ') as chain
        from annotations an join sentences s on s.id = an.sentence_id where s.document_id = ${documentId}
        union all
        select 'suggestion', array_to_string(array(select jsonb_array_elements_text(s.suggestion -> 'chain')), ' → ')
        from sentences s
        where s.document_id = ${documentId} and s.kind <> 'boilerplate' and s.suggestion is not null
      ) chains where chain <> '' group by chain order by count(*) desc, chain limit 20`,
  );
}

export interface CompositionRow {
  group: string | null;
  gold: string | null;
  status: GoldStatus;
  total: number;
}

export interface ProjectGoldCounts {
  byDocument: CompositionRow[];
  byPublished: CompositionRow[];
  byOutlet: CompositionRow[];
  /** Suggested label against gold label, for sentences with both: the suggestions' confusion. */
  suggestionPairs: PairRow[];
}

/**
 * Gold labels and statuses counted per document, day of publication and outlet, and the
 * suggestions against the gold labels, in one statement: the project's gold set is the costly
 * part, so it is computed once and grouped four ways (GROUPING SETS) instead of once per count.
 */
export async function projectGoldCounts(db: Executor, projectId: string): Promise<ProjectGoldCounts> {
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

export interface PairRow {
  first: string;
  second: string;
  total: number;
}

/** Label pairs given by two different analysts assigned to a sentence's document, over the project. */
export async function analystConfusion(db: Executor, projectId: string): Promise<PairRow[]> {
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

export interface AnalystRow {
  userId: string;
  name: string;
  assigned: number;
  /** Labels on documents assigned to them: the only labels the analyst figures count. */
  labelled: number;
  /** How those labels relate to the suggestion shown when saved (see `suggestionRelations`). */
  acceptedSuggestions: number;
  choseSuggestedLabel: number;
  choseOtherLabel: number;
  withoutSuggestion: number;
  /** Saved before Attest recorded the relation, or by a client that did not say. */
  unrecorded: number;
  /** Labels on sentences whose gold label is known and was not decided by them, and matches. */
  withGold: number;
  matchingGold: number;
}

/**
 * Per assigned analyst: assignments, labels, how the labels relate to the suggestions,
 * agreement with gold. Only labels on documents assigned to the person count, so an owner who
 * labelled to try the editor is no analyst; and a sentence whose gold label someone decided
 * never compares that person's label with it. Labels and assignments are each counted once
 * per annotator over the project, then joined to the members: correlating them per member made
 * PostgreSQL re-read the project's annotations for every member (13 s over 300,000 sentences).
 */
export async function analystProgress(db: Executor, projectId: string): Promise<AnalystRow[]> {
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

export interface RatingRow {
  unit: string;
  coder: string;
  label: string;
}

/**
 * Every (sentence, analyst, label) of a document by the analysts assigned to it: the input of
 * the agreement statistics. Anyone else's labels (an owner trying the editor) are no rating.
 */
export async function documentRatings(db: Executor, documentId: string): Promise<RatingRow[]> {
  return rows(
    db,
    sql`select s.id as unit, an.annotator_id::text as coder, l.key as label
      from annotations an join sentences s on s.id = an.sentence_id join labels l on l.id = an.label_id
        join assignments asg on asg.document_id = s.document_id and asg.user_id = an.annotator_id
      where s.document_id = ${documentId} and s.kind <> 'boilerplate' order by s.position, an.annotator_id`,
  );
}
