import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  type AnnotationEventAction,
  type AnnotationRow,
  type AnnotationSnapshot,
  annotationEvents,
  annotations,
} from '../schema/annotations.ts';
import { sentences } from '../schema/documents.ts';
import { labels } from '../schema/projects.ts';
import { users } from '../schema/users.ts';

export interface AnnotationWithLabel extends AnnotationRow {
  labelKey: string;
}

/** The columns of an annotation joined with its label's key. */
export function annotationColumns() {
  return {
    id: annotations.id,
    sentenceId: annotations.sentenceId,
    annotatorId: annotations.annotatorId,
    labelId: annotations.labelId,
    labelKey: labels.key,
    source: annotations.source,
    chain: annotations.chain,
    cues: annotations.cues,
    note: annotations.note,
    version: annotations.version,
    createdAt: annotations.createdAt,
    updatedAt: annotations.updatedAt,
  };
}

/** One annotator's annotations on a document, in sentence order. */
export async function listAnnotationsForDocument(
  db: Executor,
  documentId: string,
  annotatorId: string,
): Promise<AnnotationWithLabel[]> {
  return db
    .select(annotationColumns())
    .from(annotations)
    .innerJoin(sentences, eq(sentences.id, annotations.sentenceId))
    .innerJoin(labels, eq(labels.id, annotations.labelId))
    .where(and(eq(sentences.documentId, documentId), eq(annotations.annotatorId, annotatorId)))
    .orderBy(asc(sentences.position));
}

/** Reads an annotation; `forUpdate` locks the row until the transaction ends. */
export async function findAnnotation(
  db: Executor,
  sentenceId: string,
  annotatorId: string,
  options: { forUpdate?: boolean } = {},
): Promise<AnnotationWithLabel | undefined> {
  const query = db
    .select(annotationColumns())
    .from(annotations)
    .innerJoin(labels, eq(labels.id, annotations.labelId))
    .where(and(eq(annotations.sentenceId, sentenceId), eq(annotations.annotatorId, annotatorId)));
  const [annotation] = options.forUpdate ? await query.for('update', { of: annotations }) : await query;
  return annotation;
}

export interface AnnotationValues {
  sentenceId: string;
  annotatorId: string;
  labelId: string;
  source: string | null;
  chain: string[];
  cues: AnnotationRow['cues'];
  note: string | null;
}

/** Inserts a first version; returns undefined when a concurrent writer inserted one first. */
export async function insertAnnotation(
  db: Executor,
  values: AnnotationValues,
): Promise<AnnotationRow | undefined> {
  const [created] = await db
    .insert(annotations)
    .values({ ...values, version: 1 })
    .onConflictDoNothing({ target: [annotations.sentenceId, annotations.annotatorId] })
    .returning();
  return created;
}

/** Writes a new version over `expectedVersion`; returns undefined when the version moved on. */
export async function updateAnnotation(
  db: Executor,
  values: AnnotationValues,
  expectedVersion: number,
): Promise<AnnotationRow | undefined> {
  const [updated] = await db
    .update(annotations)
    .set({
      labelId: values.labelId,
      source: values.source,
      chain: values.chain,
      cues: values.cues,
      note: values.note,
      version: expectedVersion + 1,
    })
    .where(
      and(
        eq(annotations.sentenceId, values.sentenceId),
        eq(annotations.annotatorId, values.annotatorId),
        eq(annotations.version, expectedVersion),
      ),
    )
    .returning();
  return updated;
}

export async function deleteAnnotation(
  db: Executor,
  sentenceId: string,
  annotatorId: string,
  expectedVersion: number,
): Promise<boolean> {
  const deleted = await db
    .delete(annotations)
    .where(
      and(
        eq(annotations.sentenceId, sentenceId),
        eq(annotations.annotatorId, annotatorId),
        eq(annotations.version, expectedVersion),
      ),
    )
    .returning({ id: annotations.id });
  return deleted.length > 0;
}

export interface AnnotationEventValues {
  documentId: string;
  sentenceId: string;
  annotatorId: string;
  action: AnnotationEventAction;
  before: AnnotationSnapshot | null;
  after: AnnotationSnapshot | null;
  clientOpId?: string | null | undefined;
}

export async function insertAnnotationEvent(db: Executor, event: AnnotationEventValues): Promise<void> {
  await db.insert(annotationEvents).values({ ...event, clientOpId: event.clientOpId ?? null });
}

export async function hasAnnotationEvent(db: Executor, clientOpId: string): Promise<boolean> {
  const [event] = await db
    .select({ id: annotationEvents.id })
    .from(annotationEvents)
    .where(eq(annotationEvents.clientOpId, clientOpId));
  return event !== undefined;
}

export async function listAnnotationEvents(db: Executor, sentenceId: string) {
  return db
    .select()
    .from(annotationEvents)
    .where(eq(annotationEvents.sentenceId, sentenceId))
    .orderBy(asc(annotationEvents.id));
}

export async function findLabel(db: Executor, projectId: string, key: string) {
  const [label] = await db
    .select()
    .from(labels)
    .where(and(eq(labels.projectId, projectId), eq(labels.key, key)));
  return label;
}

/** Every annotator's annotations on a document with the annotator's name: the reviewer's view. */
export async function listAllAnnotationsForDocument(db: Executor, documentId: string) {
  return db
    .select({ ...annotationColumns(), annotatorName: users.name })
    .from(annotations)
    .innerJoin(sentences, eq(sentences.id, annotations.sentenceId))
    .innerJoin(labels, eq(labels.id, annotations.labelId))
    .innerJoin(users, eq(users.id, annotations.annotatorId))
    .where(eq(sentences.documentId, documentId))
    .orderBy(asc(sentences.position), asc(users.name));
}
