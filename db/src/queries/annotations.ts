import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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
import {
  type DocumentScope,
  documentInProject,
  type SentenceScope,
  sentenceInProject,
} from '../sql/scope.ts';

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
    suggestionRelation: annotations.suggestionRelation,
    suggestionVersion: annotations.suggestionVersion,
    version: annotations.version,
    createdAt: annotations.createdAt,
    updatedAt: annotations.updatedAt,
  };
}

/** One annotator's annotations on a document, in sentence order. */
export async function listAnnotationsForDocument(
  db: Executor,
  params: DocumentScope & { annotatorId: string },
): Promise<AnnotationWithLabel[]> {
  return db
    .select(annotationColumns())
    .from(annotations)
    .innerJoin(sentences, eq(sentences.id, annotations.sentenceId))
    .innerJoin(labels, eq(labels.id, annotations.labelId))
    .where(
      and(
        eq(sentences.documentId, params.documentId),
        eq(annotations.annotatorId, params.annotatorId),
        documentInProject(params),
      ),
    )
    .orderBy(asc(sentences.position));
}

/** Reads an annotation; `forUpdate` locks the row until the transaction ends. */
export async function findAnnotation(
  db: Executor,
  params: SentenceScope & { annotatorId: string; forUpdate?: boolean },
): Promise<AnnotationWithLabel | undefined> {
  const query = db
    .select(annotationColumns())
    .from(annotations)
    .innerJoin(labels, eq(labels.id, annotations.labelId))
    .where(
      and(
        eq(annotations.sentenceId, params.sentenceId),
        eq(annotations.annotatorId, params.annotatorId),
        sentenceInProject(params),
      ),
    );
  const [annotation] = params.forUpdate ? await query.for('update', { of: annotations }) : await query;
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
  /** Left out: an insert records none, an update keeps what was recorded. */
  suggestionRelation?: AnnotationRow['suggestionRelation'] | undefined;
  suggestionVersion?: string | null | undefined;
}

/**
 * Inserts a first version; returns undefined when a concurrent writer inserted one first. The
 * sentence is one the caller found in its project.
 */
export async function insertAnnotation(
  db: Executor,
  values: AnnotationValues,
): Promise<AnnotationRow | undefined> {
  const [created] = await insertAnnotationQuery(db, values);
  return created;
}

function insertAnnotationQuery(db: Executor, values: AnnotationValues) {
  return db
    .insert(annotations)
    .values({ ...values, version: 1 })
    .onConflictDoNothing({ target: [annotations.sentenceId, annotations.annotatorId] })
    .returning();
}

/** Writes a new version over `expectedVersion`; returns undefined when the version moved on. */
export async function updateAnnotation(
  db: Executor,
  params: AnnotationValues & { projectId: string; expectedVersion: number },
): Promise<AnnotationRow | undefined> {
  const { projectId, expectedVersion, ...values } = params;
  const [updated] = await db
    .update(annotations)
    .set({
      labelId: values.labelId,
      source: values.source,
      chain: values.chain,
      cues: values.cues,
      note: values.note,
      suggestionRelation: values.suggestionRelation,
      suggestionVersion: values.suggestionVersion,
      version: expectedVersion + 1,
    })
    .where(
      and(
        eq(annotations.sentenceId, values.sentenceId),
        eq(annotations.annotatorId, values.annotatorId),
        eq(annotations.version, expectedVersion),
        sentenceInProject({ projectId, sentenceId: values.sentenceId }),
      ),
    )
    .returning();
  return updated;
}

export async function deleteAnnotation(
  db: Executor,
  params: SentenceScope & { annotatorId: string; expectedVersion: number },
): Promise<boolean> {
  const deleted = await db
    .delete(annotations)
    .where(
      and(
        eq(annotations.sentenceId, params.sentenceId),
        eq(annotations.annotatorId, params.annotatorId),
        eq(annotations.version, params.expectedVersion),
        sentenceInProject(params),
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
  /** Who split or merged, when the event records a segmentation change. */
  actorId?: string | null | undefined;
}

export async function insertAnnotationEvent(db: Executor, event: AnnotationEventValues): Promise<void> {
  await insertAnnotationEvents(db, { events: [event] });
}

/**
 * Records several changes in one statement (a split or merge changes several at once), of
 * annotations the caller has just written in their project.
 */
export async function insertAnnotationEvents(
  db: Executor,
  { events }: { events: readonly AnnotationEventValues[] },
): Promise<void> {
  if (events.length === 0) return;
  await db.insert(annotationEvents).values(
    events.map((event) => ({
      ...event,
      clientOpId: event.clientOpId ?? null,
      actorId: event.actorId ?? null,
    })),
  );
}

/**
 * Writes an annotation over `previousVersion` (undefined: there was none) and records the
 * change in its history in one statement, so the pair is atomic without a transaction and
 * costs one round trip. Returns undefined, writing nothing, when the row moved on meanwhile.
 * No project in its params: this is the save's hot path, whose caller read the sentence with
 * its project (`findSaveTarget`) just before; a scope would add a lookup to every save.
 */
export async function writeAnnotationWithEvent(
  db: Executor,
  params: {
    values: AnnotationValues;
    previousVersion: number | undefined;
    event: Omit<AnnotationEventValues, 'sentenceId' | 'annotatorId'>;
  },
): Promise<AnnotationRow | undefined> {
  const { values, previousVersion, event } = params;
  let prepared = annotationWrites.get(db);
  if (!prepared) {
    prepared = { insert: prepareAnnotationWrite(db, 'insert'), update: prepareAnnotationWrite(db, 'update') };
    annotationWrites.set(db, prepared);
  }
  const parameters = {
    ...values,
    suggestionRelation: values.suggestionRelation ?? null,
    suggestionVersion: values.suggestionVersion ?? null,
    previousVersion: previousVersion ?? 0,
    version: (previousVersion ?? 0) + 1,
    updatedAt: new Date(),
    documentId: event.documentId,
    action: event.action,
    before: jsonParameter(event.before),
    after: jsonParameter(event.after),
    clientOpId: event.clientOpId ?? null,
  };
  const statement = previousVersion === undefined ? prepared.insert : prepared.update;
  const [row] = await statement.execute(parameters);
  return row;
}

/** Building these statements costs more CPU than sending them, so each is built once per database. */
const annotationWrites = new WeakMap<
  Executor,
  Record<'insert' | 'update', ReturnType<typeof prepareAnnotationWrite>>
>();

function prepareAnnotationWrite(db: Executor, kind: 'insert' | 'update') {
  const value = (name: keyof AnnotationValues | 'version' | 'updatedAt') => sql.placeholder(name);
  const written = db.$with('written').as(
    kind === 'insert'
      ? db
          .insert(annotations)
          .values({
            sentenceId: value('sentenceId'),
            annotatorId: value('annotatorId'),
            labelId: value('labelId'),
            source: value('source'),
            chain: value('chain'),
            cues: value('cues'),
            note: value('note'),
            suggestionRelation: value('suggestionRelation'),
            suggestionVersion: value('suggestionVersion'),
            version: 1,
          })
          .onConflictDoNothing({ target: [annotations.sentenceId, annotations.annotatorId] })
          .returning()
      : db
          .update(annotations)
          // Drizzle's types take placeholders in inserts only, but its update wraps each value,
          // a placeholder too, in a parameter encoded by its column, as an insert does.
          .set({
            labelId: value('labelId'),
            source: value('source'),
            chain: value('chain'),
            cues: value('cues'),
            note: value('note'),
            suggestionRelation: value('suggestionRelation'),
            suggestionVersion: value('suggestionVersion'),
            version: value('version'),
            // Set here: the column's $onUpdate would run once, when the statement is built.
            updatedAt: value('updatedAt'),
          } as unknown as Partial<typeof annotations.$inferInsert>)
          .where(
            and(
              eq(annotations.sentenceId, value('sentenceId')),
              eq(annotations.annotatorId, value('annotatorId')),
              eq(annotations.version, sql.placeholder('previousVersion')),
            ),
          )
          .returning(),
  );
  const recorded = db.$with('recorded', {}).as(sql`
    insert into ${annotationEvents} (document_id, sentence_id, annotator_id, action, before, after, client_op_id)
    select ${sql.placeholder('documentId')}::uuid, written.sentence_id, written.annotator_id, ${sql.placeholder('action')}::text,
      ${sql.placeholder('before')}::jsonb, ${sql.placeholder('after')}::jsonb, ${sql.placeholder('clientOpId')}::text
    from ${written}`);
  return db
    .with(written, recorded)
    .select()
    .from(written)
    .prepare(kind === 'insert' ? 'insert_annotation_with_event' : 'update_annotation_with_event');
}

function jsonParameter(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** What a user's earlier edit under a client op id did, to tell a retry from a reused key. */
export interface AppliedOperation {
  sentenceId: string | null;
  action: AnnotationEventAction;
  after: AnnotationSnapshot | null;
}

/** The user's edit recorded under a client op id (keys are per user, not per project), if any. */
export async function findAppliedOperation(
  db: Executor,
  { annotatorId, clientOpId }: { annotatorId: string; clientOpId: string },
): Promise<AppliedOperation | undefined> {
  const [event] = await db
    .select({
      sentenceId: annotationEvents.sentenceId,
      action: annotationEvents.action,
      after: annotationEvents.after,
    })
    .from(annotationEvents)
    .where(and(eq(annotationEvents.annotatorId, annotatorId), eq(annotationEvents.clientOpId, clientOpId)));
  return event;
}

/** A sentence's history, oldest first, with the names of whose label changed and of who changed it. */
export async function listAnnotationEvents(db: Executor, params: SentenceScope) {
  const annotators = alias(users, 'annotators');
  const actors = alias(users, 'actors');
  return db
    .select({
      ...getTableColumns(annotationEvents),
      annotatorName: annotators.name,
      actorName: actors.name,
    })
    .from(annotationEvents)
    .leftJoin(annotators, eq(annotators.id, annotationEvents.annotatorId))
    .leftJoin(actors, eq(actors.id, annotationEvents.actorId))
    .where(and(eq(annotationEvents.sentenceId, params.sentenceId), sentenceInProject(params)))
    .orderBy(asc(annotationEvents.id));
}

export async function findLabel(db: Executor, { projectId, key }: { projectId: string; key: string }) {
  const [label] = await db
    .select()
    .from(labels)
    .where(and(eq(labels.projectId, projectId), eq(labels.key, key)));
  return label;
}

/** Every annotator's annotations on a document with the annotator's name: the reviewer's view. */
export async function listAllAnnotationsForDocument(db: Executor, params: DocumentScope) {
  return db
    .select({ ...annotationColumns(), annotatorName: users.name })
    .from(annotations)
    .innerJoin(sentences, eq(sentences.id, annotations.sentenceId))
    .innerJoin(labels, eq(labels.id, annotations.labelId))
    .innerJoin(users, eq(users.id, annotations.annotatorId))
    .where(and(eq(sentences.documentId, params.documentId), documentInProject(params)))
    .orderBy(asc(sentences.position), asc(users.name));
}
