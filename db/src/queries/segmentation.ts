// Changing a document's segmentation in place: splitting and merging sentences. `lockDocument`
// finds the document in its project and locks it; what follows runs in the same transaction on
// the sentences and annotations of that locked document, so those queries take the ids it led to
// and add no project to their SQL (it would be a join per statement of a split, for nothing).
import { and, asc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { annotations } from '../schema/annotations.ts';
import { documents, type NewSentenceRow, type SentenceRow, sentences } from '../schema/documents.ts';
import { labels, projects } from '../schema/projects.ts';
import { type AnnotationWithLabel, annotationColumns } from './annotations.ts';

/**
 * Locks a document so concurrent splits and merges of its sentences apply one after another.
 * `no key update` rather than `update`: a save elsewhere in the document checks its history
 * row's foreign key with a key-share lock on the document, which this lock lets through.
 */
export async function lockDocument(
  db: Executor,
  { projectId, documentId }: { projectId: string; documentId: string },
): Promise<{ id: string; body: string; analystsMaySegment: boolean } | undefined> {
  const [document] = await db
    .select({ id: documents.id, body: documents.body, analystsMaySegment: projects.analystsMaySegment })
    .from(documents)
    .innerJoin(projects, eq(projects.id, documents.projectId))
    .where(and(eq(documents.id, documentId), eq(documents.projectId, projectId)))
    .for('no key update', { of: documents });
  return document;
}

/** Whether the project lets analysts split and merge sentences. */
export async function findAnalystsMaySegment(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<boolean> {
  const [project] = await db
    .select({ analystsMaySegment: projects.analystsMaySegment })
    .from(projects)
    .where(eq(projects.id, projectId));
  return project?.analystsMaySegment ?? false;
}

/** Moves every sentence after `position` by `delta` places, in one statement. */
export async function shiftSentencePositions(
  db: Executor,
  { documentId, afterPosition, delta }: { documentId: string; afterPosition: number; delta: number },
): Promise<void> {
  await db
    .update(sentences)
    .set({ position: sql`${sentences.position} + ${delta}` })
    .where(and(eq(sentences.documentId, documentId), gt(sentences.position, afterPosition)));
}

export async function insertSentence(db: Executor, sentence: NewSentenceRow): Promise<SentenceRow> {
  const [created] = await db.insert(sentences).values(sentence).returning();
  if (!created) throw new Error('The sentence was not inserted.');
  return created;
}

export async function updateSentenceSpan(
  db: Executor,
  params: { sentenceId: string } & Pick<SentenceRow, 'start' | 'end' | 'text' | 'kind'>,
): Promise<void> {
  const { sentenceId, start, end, text, kind } = params;
  // The claim text and keys follow the old text: cleared, they are written again at the next
  // linking (the old keys stay counted until a re-link: see claimKeyCounts). The keys are not in
  // the Drizzle schema, hence the SQL.
  await db.execute(sql`update sentences set start = ${start}, "end" = ${end}, text = ${text},
    kind = ${kind}::segment_kind, claim_text = null, claim_keys = null where id = ${sentenceId}`);
}

export async function deleteSentence(db: Executor, { sentenceId }: { sentenceId: string }): Promise<void> {
  await db.delete(sentences).where(eq(sentences.id, sentenceId));
}

/** A document's sentences from one position to another (both included), in order. */
export async function listSentencesBetween(
  db: Executor,
  { documentId, fromPosition, toPosition }: { documentId: string; fromPosition: number; toPosition: number },
): Promise<SentenceRow[]> {
  return db
    .select()
    .from(sentences)
    .where(
      and(
        eq(sentences.documentId, documentId),
        gte(sentences.position, fromPosition),
        lte(sentences.position, toPosition),
      ),
    )
    .orderBy(asc(sentences.position));
}

export async function findNextSentence(
  db: Executor,
  sentence: Pick<SentenceRow, 'documentId' | 'position'>,
): Promise<SentenceRow | undefined> {
  const [next] = await db
    .select()
    .from(sentences)
    .where(and(eq(sentences.documentId, sentence.documentId), gt(sentences.position, sentence.position)))
    .orderBy(asc(sentences.position))
    .limit(1);
  return next;
}

/**
 * Every annotator's annotation on the given sentences, locked until the transaction ends (unless
 * `lock` is false): a save racing the split or merge waits for it instead of failing it.
 */
export async function listAnnotationsForSentences(
  db: Executor,
  { sentenceIds, lock }: { sentenceIds: readonly string[]; lock?: boolean },
): Promise<AnnotationWithLabel[]> {
  if (sentenceIds.length === 0) return [];
  const query = db
    .select(annotationColumns())
    .from(annotations)
    .innerJoin(labels, eq(labels.id, annotations.labelId))
    .where(inArray(annotations.sentenceId, [...sentenceIds]))
    .orderBy(asc(annotations.annotatorId));
  return lock === false ? query : query.for('update', { of: annotations });
}

/** Moves an annotation to another sentence (the merged one), bumping its version. */
export async function reassignAnnotation(
  db: Executor,
  params: {
    annotationId: string;
    sentenceId: string;
    cues: AnnotationWithLabel['cues'];
    note: string | null;
  },
): Promise<void> {
  const { annotationId, ...values } = params;
  await db
    .update(annotations)
    .set({ ...values, version: sql`${annotations.version} + 1` })
    .where(eq(annotations.id, annotationId));
}

export async function deleteAnnotationById(
  db: Executor,
  { annotationId }: { annotationId: string },
): Promise<void> {
  await db.delete(annotations).where(eq(annotations.id, annotationId));
}

/** Writes changed suggestions of sentences the caller read in their project, in one statement however many. */
export async function updateSentenceSuggestions(
  db: Executor,
  { updates }: { updates: readonly { id: string; suggestion: SentenceRow['suggestion'] }[] },
): Promise<void> {
  if (updates.length === 0) return;
  // One jsonb parameter rather than one per row: PostgreSQL caps a statement at 65,535.
  await db.execute(sql`
    update ${sentences} set suggestion = nullif(changed.suggestion, 'null'::jsonb)
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as changed(id uuid, suggestion jsonb)
    where ${sentences.id} = changed.id`);
}
