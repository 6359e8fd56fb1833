import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { annotations } from '../schema/annotations.ts';
import {
  type DocumentRow,
  documents,
  type NewDocumentRow,
  type NewSentenceRow,
  type SentenceRow,
  sentences,
} from '../schema/documents.ts';
import { assignments } from '../schema/members.ts';
import { projects } from '../schema/projects.ts';

export interface DocumentSummaryRow extends Omit<DocumentRow, 'body'> {
  projectSlug: string;
  sentenceCount: number;
  annotatableCount: number;
  /** Annotatable sentences the given annotator has labelled. */
  annotatedCount: number;
}

export interface DocumentCursor {
  createdAt: Date;
  id: string;
}

function summaryColumns(annotatorId: string) {
  return {
    id: documents.id,
    projectId: documents.projectId,
    projectSlug: projects.slug,
    title: documents.title,
    outlet: documents.outlet,
    url: documents.url,
    publishedAt: documents.publishedAt,
    bodySha256: documents.bodySha256,
    createdBy: documents.createdBy,
    createdAt: documents.createdAt,
    sentenceCount:
      sql<number>`(select count(*) from ${sentences} where ${sentences.documentId} = ${documents.id})`.mapWith(
        Number,
      ),
    annotatableCount: sql<number>`(select count(*) from ${sentences}
      where ${sentences.documentId} = ${documents.id} and ${sentences.kind} <> 'boilerplate')`.mapWith(
      Number,
    ),
    annotatedCount: sql<number>`(select count(*) from ${annotations}
      join ${sentences} on ${sentences.id} = ${annotations.sentenceId}
      where ${sentences.documentId} = ${documents.id} and ${sentences.kind} <> 'boilerplate'
        and ${annotations.annotatorId} = ${annotatorId})`.mapWith(Number),
  };
}

export interface ListDocumentsParams {
  projectId: string;
  annotatorId: string;
  /** Only documents assigned to this user (an analyst's queue). */
  assignedTo?: string | undefined;
  /** Only documents in which the annotator has not labelled every sentence yet. */
  unfinishedOnly?: boolean;
  /** Newest first (the default, keyset-paged) or oldest first (the order of a work queue). */
  order?: 'newest' | 'oldest';
  limit: number;
  after?: DocumentCursor | undefined;
}

/** Newest first, keyset-paged: stable while documents are being imported. */
export async function listDocuments(
  db: Executor,
  params: ListDocumentsParams,
): Promise<DocumentSummaryRow[]> {
  const { after } = params;
  const columns = summaryColumns(params.annotatorId);
  return db
    .select(columns)
    .from(documents)
    .innerJoin(projects, eq(projects.id, documents.projectId))
    .where(
      and(
        eq(documents.projectId, params.projectId),
        params.assignedTo
          ? sql`exists (select 1 from ${assignments} where ${assignments.documentId} = ${documents.id}
              and ${assignments.userId} = ${params.assignedTo})`
          : undefined,
        params.unfinishedOnly ? sql`${columns.annotatedCount} < ${columns.annotatableCount}` : undefined,
        after
          ? or(
              lt(documents.createdAt, after.createdAt),
              and(eq(documents.createdAt, after.createdAt), lt(documents.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(
      ...(params.order === 'oldest'
        ? [asc(documents.createdAt), asc(documents.id)]
        : [desc(documents.createdAt), desc(documents.id)]),
    )
    .limit(params.limit);
}

export async function findDocumentSummary(
  db: Executor,
  documentId: string,
  annotatorId: string,
): Promise<(DocumentSummaryRow & { body: string }) | undefined> {
  const [document] = await db
    .select({ ...summaryColumns(annotatorId), body: documents.body })
    .from(documents)
    .innerJoin(projects, eq(projects.id, documents.projectId))
    .where(eq(documents.id, documentId));
  return document;
}

export async function findDocumentByHash(
  db: Executor,
  projectId: string,
  bodySha256: string,
): Promise<DocumentRow | undefined> {
  const [document] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.projectId, projectId), eq(documents.bodySha256, bodySha256)));
  return document;
}

/**
 * Inserts a document and its sentences; returns undefined, writing nothing, when the project
 * already holds the same body (the unique key on the hash decides, so concurrent imports agree).
 */
export async function insertDocumentWithSentences(
  db: Executor,
  document: NewDocumentRow,
  documentSentences: Omit<NewSentenceRow, 'documentId'>[],
): Promise<DocumentRow | undefined> {
  const [created] = await db
    .insert(documents)
    .values(document)
    .onConflictDoNothing({ target: [documents.projectId, documents.bodySha256] })
    .returning();
  if (!created) return undefined;
  // Postgres takes at most 65,535 parameters per statement; a sentence row uses 7.
  const batchSize = 5_000;
  for (let index = 0; index < documentSentences.length; index += batchSize) {
    await db
      .insert(sentences)
      .values(
        documentSentences.slice(index, index + batchSize).map((row) => ({ ...row, documentId: created.id })),
      );
  }
  return created;
}

export async function listSentences(db: Executor, documentId: string): Promise<SentenceRow[]> {
  return db
    .select()
    .from(sentences)
    .where(eq(sentences.documentId, documentId))
    .orderBy(asc(sentences.position));
}

export interface SentenceWithProject extends SentenceRow {
  projectId: string;
}

export async function findSentence(
  db: Executor,
  sentenceId: string,
): Promise<SentenceWithProject | undefined> {
  const [sentence] = await db
    .select({
      id: sentences.id,
      documentId: sentences.documentId,
      position: sentences.position,
      start: sentences.start,
      end: sentences.end,
      kind: sentences.kind,
      text: sentences.text,
      suggestion: sentences.suggestion,
      projectId: documents.projectId,
    })
    .from(sentences)
    .innerJoin(documents, eq(documents.id, sentences.documentId))
    .where(eq(sentences.id, sentenceId));
  return sentence;
}

/** Just the project a document belongs to: what authorization needs, without counting. */
export async function findDocumentProjectId(db: Executor, documentId: string): Promise<string | undefined> {
  const [document] = await db
    .select({ projectId: documents.projectId })
    .from(documents)
    .where(eq(documents.id, documentId));
  return document?.projectId;
}
