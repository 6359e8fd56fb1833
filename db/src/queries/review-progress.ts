// Where the team stands on each document of a page of the documents list, for the people who
// review it: how many of the assigned analysts have labelled every sentence, and how many
// sentences are disputed with no decision yet. Counted from the labels themselves for the
// listed documents only (at most a page), not from the report's per-document counts, which are
// brought up to date only when a report is read: a list must not wait for that refresh.
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { goldSentences } from '../sql/gold.ts';
import { rowsOf } from '../sql/rows.ts';
import { uuidArray } from '../sql/uuid-array.ts';

export interface ReviewProgressRow {
  documentId: string;
  /** Analysts the document is assigned to. */
  analystsAssigned: number;
  /** Of those, the ones who have labelled every sentence that takes a label. */
  analystsFinished: number;
  /** Sentences whose labels differ and that no reviewer has decided: the gold rule's `disputed`. */
  disputed: number;
}

export async function listReviewProgress(
  db: Executor,
  { projectId, documentIds }: { projectId: string; documentIds: readonly string[] },
): Promise<Map<string, ReviewProgressRow>> {
  if (documentIds.length === 0) return new Map();
  const ids = uuidArray(documentIds);
  const listed = sql`d.project_id = ${projectId} and d.id = any(${ids})`;
  // The ids on the sentences too, so PostgreSQL reads them by index, not the whole table.
  const listedSentence = sql`s.document_id = any(${ids}) and ${listed}`;
  const rows = await rowsOf<ReviewProgressRow>(
    db,
    sql`with listed_sentences as (
        select s.id, s.document_id
        from sentences s join documents d on d.id = s.document_id
        where s.kind <> 'boilerplate' and ${listedSentence}
      ),
      annotatable as (
        select document_id, count(*)::int as total from listed_sentences group by document_id
      ),
      -- Counted from the listed documents' sentences: an analyst's own labels may be a project's
      -- worth, and looking them up by annotator read them all for every assignment.
      labelled as (
        select ls.document_id, an.annotator_id, count(*)::int as total
        from listed_sentences ls join annotations an on an.sentence_id = ls.id
        group by ls.document_id, an.annotator_id
      ),
      analysts as (
        select a.document_id, count(*)::int as assigned,
          count(*) filter (where coalesce(labelled.total, 0) >= coalesce(annotatable.total, 0))::int as finished
        from assignments a
          join documents d on d.id = a.document_id
          left join annotatable on annotatable.document_id = a.document_id
          left join labelled on labelled.document_id = a.document_id and labelled.annotator_id = a.user_id
        where ${listed}
        group by a.document_id
      ),
      disputed as (
        select g.document_id, count(*)::int as total
        from (${goldSentences(listedSentence)}) g
        where g.status = 'disputed'
        group by g.document_id
      )
      select d.id as "documentId", coalesce(analysts.assigned, 0) as "analystsAssigned",
        coalesce(analysts.finished, 0) as "analystsFinished", coalesce(disputed.total, 0) as disputed
      from documents d
        left join analysts on analysts.document_id = d.id
        left join disputed on disputed.document_id = d.id
      where ${listed}`,
  );
  return new Map(rows.map((row) => [row.documentId, row]));
}

/**
 * The first document of the project, in import order, with a disputed sentence (labels that
 * differ, no decision): where a reviewer has work. Archived documents and `exceptDocumentId`
 * (the one the reviewer is on) are left out; null when no other document has a dispute.
 */
export async function findNextDisputedDocumentId(
  db: Executor,
  { projectId, exceptDocumentId }: { projectId: string; exceptDocumentId?: string | undefined },
): Promise<string | null> {
  const [row] = await rowsOf<{ id: string }>(
    db,
    sql`select d.id from documents d
      where d.project_id = ${projectId} and d.archived_at is null
        ${exceptDocumentId ? sql`and d.id <> ${exceptDocumentId}` : sql``}
        and exists (
          select 1 from sentences s
          where s.document_id = d.id and s.kind <> 'boilerplate'
            and not exists (select 1 from adjudications a where a.sentence_id = s.id)
            and (select count(distinct an.label_id) from annotations an where an.sentence_id = s.id) > 1
        )
      order by d.created_at, d.id
      limit 1`,
  );
  return row?.id ?? null;
}
