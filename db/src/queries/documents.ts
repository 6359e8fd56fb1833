import { and, asc, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
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
import { copyConnectionOf, copyLines, copyTextLine } from '../sql/copy-rows.ts';
import { rowsOf } from '../sql/rows.ts';
import { type DocumentScope, documentInProject, type SentenceScope } from '../sql/scope.ts';

export interface DocumentSummaryRow extends Omit<DocumentRow, 'body'> {
  projectSlug: string;
  sentenceCount: number;
  annotatableCount: number;
  /** Annotatable sentences the given annotator has labelled. */
  annotatedCount: number;
}

/** Where a page of documents ended: the last one's creation time to the microsecond, and its id. */
export interface DocumentCursor {
  /** ISO 8601 in UTC with microseconds, as `cursorAt` gives it: a Date's milliseconds would skip rows. */
  createdAt: string;
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
    archivedAt: documents.archivedAt,
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
  /** The archived documents instead of the others (an owner's archive list). */
  archived?: boolean | undefined;
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
): Promise<(DocumentSummaryRow & { cursorAt: string })[]> {
  const { after } = params;
  const columns = summaryColumns(params.annotatorId);
  return db
    .select({
      ...columns,
      cursorAt: sql<string>`to_char(${documents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(documents)
    .innerJoin(projects, eq(projects.id, documents.projectId))
    .where(
      and(
        eq(documents.projectId, params.projectId),
        params.archived ? isNotNull(documents.archivedAt) : isNull(documents.archivedAt),
        params.assignedTo
          ? sql`exists (select 1 from ${assignments} where ${assignments.documentId} = ${documents.id}
              and ${assignments.userId} = ${params.assignedTo})`
          : undefined,
        params.unfinishedOnly ? sql`${columns.annotatedCount} < ${columns.annotatableCount}` : undefined,
        after
          ? sql`(${documents.createdAt}, ${documents.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`
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

export interface FindDocumentSummaryParams extends DocumentScope {
  /** Whose labels `annotatedCount` counts. */
  annotatorId: string;
  withBody?: boolean;
}

/** A document's summary, with its text only when asked for: the text may be megabytes. */
export async function findDocumentSummary(
  db: Executor,
  params: FindDocumentSummaryParams & { withBody: true },
): Promise<(DocumentSummaryRow & { body: string }) | undefined>;
export async function findDocumentSummary(
  db: Executor,
  params: FindDocumentSummaryParams,
): Promise<(DocumentSummaryRow & { body?: string }) | undefined>;
export async function findDocumentSummary(
  db: Executor,
  params: FindDocumentSummaryParams,
): Promise<(DocumentSummaryRow & { body?: string }) | undefined> {
  const columns = summaryColumns(params.annotatorId);
  const [document] = await db
    .select(params.withBody ? { ...columns, body: documents.body } : columns)
    .from(documents)
    .innerJoin(projects, eq(projects.id, documents.projectId))
    .where(and(eq(documents.id, params.documentId), eq(documents.projectId, params.projectId)));
  return document;
}

export async function findDocumentByHash(
  db: Executor,
  { projectId, bodySha256 }: { projectId: string; bodySha256: string },
): Promise<DocumentRow | undefined> {
  const [document] = await db
    .select()
    .from(documents)
    .where(and(eq(documents.projectId, projectId), eq(documents.bodySha256, bodySha256)));
  return document;
}

/** The documents of a project among the given body hashes: a bulk import's duplicate check. */
export async function findDocumentIdsByHash(
  db: Executor,
  { projectId, bodySha256s }: { projectId: string; bodySha256s: readonly string[] },
): Promise<Map<string, string>> {
  if (bodySha256s.length === 0) return new Map();
  const found = await db
    .select({ id: documents.id, bodySha256: documents.bodySha256 })
    .from(documents)
    .where(and(eq(documents.projectId, projectId), inArray(documents.bodySha256, [...bodySha256s])));
  return new Map(found.map((document) => [document.bodySha256, document.id]));
}

/**
 * Inserts a document and its sentences; returns undefined, writing nothing, when the project
 * already holds the same body (the unique key on the hash decides, so concurrent imports agree).
 */
export async function insertDocumentWithSentences(
  db: Executor,
  entry: NewDocumentWithSentences,
): Promise<CreatedDocument | undefined> {
  const [created] = await insertDocumentsWithSentences(db, { entries: [entry] });
  return created;
}

export interface NewDocumentWithSentences {
  document: NewDocumentRow;
  sentences: Omit<NewSentenceRow, 'documentId'>[];
}

/** Documents a statement inserts, as one JSON parameter: about 2 MB of news text at most. */
const documentsPerStatement = 1_000;

/** What an insert answers of a created document: its keys, not its text. */
export type CreatedDocument = Pick<DocumentRow, 'id' | 'projectId' | 'bodySha256'>;
/** Sentences a statement inserts; they travel as one JSON parameter, so only size limits them. */
const sentencesPerStatement = 20_000;

/**
 * Inserts documents and their sentences in a few statements (a bulk import's batch); returns the
 * documents created. Those whose body the project already holds are left out, as above.
 */
export async function insertDocumentsWithSentences(
  db: Executor,
  { entries }: { entries: readonly NewDocumentWithSentences[] },
): Promise<CreatedDocument[]> {
  const created: CreatedDocument[] = [];
  for (let index = 0; index < entries.length; index += documentsPerStatement) {
    const rows = entries.slice(index, index + documentsPerStatement).map(({ document }) => ({
      project_id: document.projectId,
      title: wellFormed(document.title),
      outlet: document.outlet == null ? null : wellFormed(document.outlet),
      url: document.url == null ? null : wellFormed(document.url),
      published_at: document.publishedAt?.toISOString() ?? null,
      body: wellFormed(document.body),
      body_sha256: document.bodySha256,
      created_by: document.createdBy ?? null,
    }));
    // One JSON parameter rather than eight a row, and only the keys back: binding 4,000
    // parameters and reading every body back cost a tenth of a bulk import's time.
    created.push(
      ...(await rowsOf<CreatedDocument>(
        db,
        // One transaction's now() for every row would leave their order to their random ids:
        // a microsecond apart, they list in the order they came (newest first: the last on top).
        sql`insert into ${documents} (project_id, title, outlet, url, published_at, body, body_sha256, created_by,
            created_at)
          select project_id, title, outlet, url, published_at, body, body_sha256, created_by,
            now() + (${index} + row.ordinality) * interval '1 microsecond'
          from rows from (json_to_recordset(${JSON.stringify(rows)}::json) as (project_id uuid, title text,
            outlet text, url text, published_at timestamptz, body text, body_sha256 text, created_by uuid))
            with ordinality as row(project_id, title, outlet, url, published_at, body, body_sha256, created_by,
              ordinality)
          on conflict (project_id, body_sha256) do nothing
          returning id, project_id as "projectId", body_sha256 as "bodySha256"`,
      )),
    );
  }
  const createdIdByHash = new Map(created.map((document) => [document.bodySha256, document.id]));
  const sentenceRows = entries.flatMap(({ document, sentences: documentSentences }) => {
    const documentId = createdIdByHash.get(document.bodySha256);
    // Only the first of two equal bodies in one batch owns the created document.
    if (!documentId) return [];
    createdIdByHash.delete(document.bodySha256);
    return documentSentences.map((sentence) => ({
      document_id: documentId,
      position: sentence.position,
      start: sentence.start,
      end: sentence.end,
      kind: sentence.kind,
      text: wellFormed(sentence.text),
      suggestion: sentence.suggestion ?? null,
    }));
  });
  const copyConnection = copyConnectionOf(db);
  if (copyConnection) {
    await copyLines(
      copyConnection,
      'copy sentences (document_id, position, start, "end", kind, text, suggestion) from stdin',
      sentenceRows.map((row) =>
        copyTextLine([
          row.document_id,
          row.position,
          row.start,
          row.end,
          row.kind,
          row.text,
          row.suggestion === null ? null : JSON.stringify(row.suggestion),
        ]),
      ),
    );
    return created;
  }
  // PGlite: one JSON parameter unpacked by the server instead of seven parameters a row, far
  // fewer statements and much less parameter binding than a plain multi-row insert.
  for (let index = 0; index < sentenceRows.length; index += sentencesPerStatement) {
    await db.execute(sql`insert into ${sentences} (document_id, position, start, "end", kind, text, suggestion)
      select document_id, position, start, "end", kind, text, suggestion
      from json_to_recordset(${JSON.stringify(sentenceRows.slice(index, index + sentencesPerStatement))}::json)
        as row(document_id uuid, position integer, start integer, "end" integer, kind segment_kind, text text, suggestion jsonb)`);
  }
  return created;
}

/**
 * Replaces unpaired surrogates with U+FFFD, as the driver does for ordinary parameters; in
 * JSON they would travel as escapes PostgreSQL refuses.
 */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** A document's sentences in order: all of them, or `limit` of them from the `offset`-th on. */
export async function listSentences(
  db: Executor,
  params: DocumentScope & { range?: { offset: number; limit: number } | undefined },
): Promise<SentenceRow[]> {
  const { range } = params;
  const query = db
    .select()
    .from(sentences)
    .where(and(eq(sentences.documentId, params.documentId), documentInProject(params)))
    .orderBy(asc(sentences.position));
  return range ? query.offset(range.offset).limit(range.limit) : query;
}

/** A sentence's columns without the claim text, which only claim linking reads. */
const sentenceColumns = {
  id: sentences.id,
  documentId: sentences.documentId,
  position: sentences.position,
  start: sentences.start,
  end: sentences.end,
  kind: sentences.kind,
  text: sentences.text,
  suggestion: sentences.suggestion,
};

/** A sentence and its project; without the claim text, which only claim linking reads. */
export interface SentenceWithProject extends Omit<SentenceRow, 'claimText'> {
  projectId: string;
}

/** A sentence of the project; undefined when there is none or it belongs to another. */
export async function findSentence(
  db: Executor,
  { projectId, sentenceId }: SentenceScope,
): Promise<SentenceWithProject | undefined> {
  return selectSentence(db, and(eq(sentences.id, sentenceId), eq(documents.projectId, projectId)));
}

/**
 * A sentence with the project it belongs to, whatever the project: the lookup the access check
 * (`requireSentence`) starts from, to learn which project to check the caller's role in.
 */
export async function findSentenceAndProject(
  db: Executor,
  { sentenceId }: { sentenceId: string },
): Promise<SentenceWithProject | undefined> {
  return selectSentence(db, eq(sentences.id, sentenceId));
}

async function selectSentence(
  db: Executor,
  where: SQL | undefined,
): Promise<SentenceWithProject | undefined> {
  const [sentence] = await db
    .select({ ...sentenceColumns, projectId: documents.projectId })
    .from(sentences)
    .innerJoin(documents, eq(documents.id, sentences.documentId))
    .where(where);
  return sentence;
}

/**
 * Just the project a document belongs to, whatever the project: the lookup the access check
 * (`requireDocument`) starts from, without counting.
 */
export async function findDocumentProjectId(
  db: Executor,
  { documentId }: { documentId: string },
): Promise<string | undefined> {
  const [document] = await db
    .select({ projectId: documents.projectId })
    .from(documents)
    .where(eq(documents.id, documentId));
  return document?.projectId;
}

/** A sentence with whether one annotator has labelled it: what the active queue reads. */
export interface SentenceForAnnotator extends Omit<SentenceRow, 'claimText'> {
  /** This annotator's own label exists; nobody else's annotations are read. */
  isLabelled: boolean;
}

/**
 * Every sentence of the given documents in document order, each with whether `annotatorId`
 * (and only they) has labelled it: the active queue orders a member's own unlabelled sentences.
 */
export async function listSentencesForAnnotator(
  db: Executor,
  {
    projectId,
    documentIds,
    annotatorId,
  }: { projectId: string; documentIds: readonly string[]; annotatorId: string },
): Promise<SentenceForAnnotator[]> {
  if (documentIds.length === 0) return [];
  return db
    .select({
      ...sentenceColumns,
      isLabelled: sql<boolean>`${annotations.id} is not null`.mapWith(Boolean),
    })
    .from(sentences)
    .innerJoin(documents, and(eq(documents.id, sentences.documentId), eq(documents.projectId, projectId)))
    .leftJoin(
      annotations,
      and(eq(annotations.sentenceId, sentences.id), eq(annotations.annotatorId, annotatorId)),
    )
    .where(inArray(sentences.documentId, [...documentIds]))
    .orderBy(asc(sentences.documentId), asc(sentences.position));
}
