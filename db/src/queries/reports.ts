// Aggregates for the provenance reports, computed by PostgreSQL: nothing here loads a
// project's sentences into memory. The gold label of a sentence is the reviewer's decision;
// else the label every analyst agreed on (two or more); else none, and its status says why.
//
// A document's figures are counted from its sentences and labels; a project's are added up
// from the per-document counts that `refreshReportCounts` (report-counts.ts) keeps true.
import type { GoldStatus } from '@attest/core';
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { goldSentences } from '../sql/gold.ts';
import { rowsOf as rows } from '../sql/rows.ts';
import type { DocumentScope } from '../sql/scope.ts';

export interface StripRow {
  position: number;
  gold: string | null;
  status: GoldStatus;
}

export async function documentStrip(db: Executor, params: DocumentScope): Promise<StripRow[]> {
  return rows(
    db,
    sql`select position, gold, status from (${goldSentences(inDocument(params))}) g order by position`,
  );
}

export interface CountRow {
  key: string | null;
  total: number;
}

/** The sentences (`s`) of a document of the project (`d`, joined by the caller). */
function inDocument({ projectId, documentId }: DocumentScope): SQL {
  return sql`s.document_id = ${documentId} and d.project_id = ${projectId}`;
}

/** How often each source entity was recorded by analysts in a document. */
export async function sourceCounts(db: Executor, params: DocumentScope): Promise<CountRow[]> {
  return rows(
    db,
    sql`select an.source as key, count(*)::int as total
      from annotations an join sentences s on s.id = an.sentence_id join documents d on d.id = s.document_id
      where an.source is not null and an.source <> '' and ${inDocument(params)}
      group by an.source order by total desc, key limit 50`,
  );
}

/** The same over a project's documents that are not archived. */
export async function projectSourceCounts(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<CountRow[]> {
  return rows(
    db,
    sql`select c.source as key, sum(c.total)::int as total
      from report_source_counts c join documents d on d.id = c.document_id
      where ${inProject(projectId)}
      group by c.source order by total desc, key limit 50`,
  );
}

/** The documents of a project a report counts: those not archived (`d`). */
function inProject(projectId: string): SQL {
  return sql`d.project_id = ${projectId} and d.archived_at is null`;
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
export async function chainCounts(db: Executor, params: DocumentScope): Promise<ChainCountRow[]> {
  return rows(
    db,
    sql`select chain,
        count(*) filter (where origin = 'annotation')::int as annotations,
        count(*) filter (where origin = 'suggestion')::int as suggestions
      from (
        select 'annotation' as origin,
          array_to_string(array(select jsonb_array_elements_text(an.chain)), ' → ') as chain
        from annotations an join sentences s on s.id = an.sentence_id join documents d on d.id = s.document_id
        where ${inDocument(params)}
        union all
        select 'suggestion', array_to_string(array(select jsonb_array_elements_text(s.suggestion -> 'chain')), ' → ')
        from sentences s join documents d on d.id = s.document_id
        where ${inDocument(params)} and s.kind <> 'boilerplate' and s.suggestion is not null
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
 * suggestions against the gold labels, from the per-document counts: the documents' rows as
 * they are, the days and outlets grouped from them, the suggestions from their own counts.
 */
export async function projectGoldCounts(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<ProjectGoldCounts> {
  const day = sql`to_char(d.published_at at time zone 'UTC', 'YYYY-MM-DD')`;
  const [byDocument, byDayOrOutlet, suggestionPairs] = await Promise.all([
    rows<CompositionRow>(
      db,
      sql`select c.document_id::text as "group", c.gold, c.status, c.total
        from report_gold_counts c join documents d on d.id = c.document_id
        where ${inProject(projectId)}
        order by c.document_id`,
    ),
    rows<CompositionRow & { by: 'published' | 'outlet' }>(
      db,
      sql`select 'published' as "by", ${day} as "group", c.gold, c.status, sum(c.total)::int as total
        from report_gold_counts c join documents d on d.id = c.document_id
        where ${inProject(projectId)} group by 2, 3, 4
        union all
        select 'outlet', d.outlet, c.gold, c.status, sum(c.total)::int
        from report_gold_counts c join documents d on d.id = c.document_id
        where ${inProject(projectId)} group by 2, 3, 4
        order by 1, 2, 3, 4`,
    ),
    rows<PairRow>(
      db,
      sql`select c.suggested as first, c.gold as second, sum(c.total)::int as total
        from report_suggestion_counts c join documents d on d.id = c.document_id
        where ${inProject(projectId)}
        group by 1, 2 order by 1, 2`,
    ),
  ]);
  const of = (by: string) =>
    byDayOrOutlet
      .filter((row) => row.by === by)
      .map(({ group, gold, status, total }) => ({ group, gold, status, total }));
  return { byDocument, byPublished: of('published'), byOutlet: of('outlet'), suggestionPairs };
}

export interface PairRow {
  first: string;
  second: string;
  total: number;
}

/** Label pairs given by two different analysts assigned to a sentence's document, over the project. */
export async function analystConfusion(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<PairRow[]> {
  return rows(
    db,
    sql`select c.first, c.second, sum(c.total)::int as total
      from report_pair_counts c join documents d on d.id = c.document_id
      where ${inProject(projectId)}
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
 * never compares that person's label with it (both settled when the document's counts are).
 */
export async function analystProgress(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<AnalystRow[]> {
  return rows(
    db,
    sql`with labelled as (
        select c.annotator_id, sum(c.labelled)::int as labelled, sum(c.accepted)::int as accepted,
          sum(c.same_label)::int as same_label, sum(c.other_label)::int as other_label,
          sum(c.no_suggestion)::int as no_suggestion, sum(c.unrecorded)::int as unrecorded,
          sum(c.with_gold)::int as with_gold, sum(c.matching_gold)::int as matching_gold
        from report_analyst_counts c join documents d on d.id = c.document_id
        where ${inProject(projectId)}
        group by c.annotator_id
      ),
      assigned as (
        select asg.user_id, count(*)::int as assigned
        from assignments asg join documents d on d.id = asg.document_id
        where ${inProject(projectId)}
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
export async function documentRatings(db: Executor, params: DocumentScope): Promise<RatingRow[]> {
  return rows(
    db,
    sql`select s.id as unit, an.annotator_id::text as coder, l.key as label
      from annotations an join sentences s on s.id = an.sentence_id join labels l on l.id = an.label_id
        join assignments asg on asg.document_id = s.document_id and asg.user_id = an.annotator_id
        join documents d on d.id = s.document_id
      where ${inDocument(params)} and s.kind <> 'boilerplate' order by s.position, an.annotator_id`,
  );
}
