import type { DocumentDetail, DocumentPage } from '@attest/core';
import {
  type DocumentCursor,
  findDocumentSummary,
  findProjectBySlug,
  listAnnotationsForDocument,
  listDocuments,
  listLabels,
  listSentences,
} from '@attest/db';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { toAnnotation, toDocumentSummary, toLabel, toSentence } from './serialize.ts';

export async function getDocumentDetail(
  context: ServiceContext,
  documentId: string,
): Promise<DocumentDetail> {
  const document = await findDocumentSummary(context.db, documentId, context.userId);
  if (!document) throw new NotFoundError('Document');
  const [labels, sentences, annotations, project] = await Promise.all([
    listLabels(context.db, document.projectId),
    listSentences(context.db, documentId),
    listAnnotationsForDocument(context.db, documentId, context.userId),
    findProjectBySlug(context.db, document.projectSlug),
  ]);
  return {
    document: { ...toDocumentSummary(document), body: document.body },
    labels: labels.map(toLabel),
    guidelines: project?.guidelines ?? '',
    sentences: sentences.map(toSentence),
    annotations: annotations.map(toAnnotation),
  };
}

export async function listDocumentPage(
  context: ServiceContext,
  params: { projectId: string; limit: number; cursor?: string | undefined },
): Promise<DocumentPage> {
  const rows = await listDocuments(context.db, {
    projectId: params.projectId,
    annotatorId: context.userId,
    limit: params.limit + 1,
    after: params.cursor ? decodeCursor(params.cursor) : undefined,
  });
  const items = rows.slice(0, params.limit);
  const last = items.at(-1);
  return {
    items: items.map(toDocumentSummary),
    nextCursor:
      rows.length > params.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

function encodeCursor(cursor: DocumentCursor): string {
  return Buffer.from(`${cursor.createdAt.toISOString()}|${cursor.id}`).toString('base64url');
}

function decodeCursor(cursor: string): DocumentCursor {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(createdAt ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new InvalidInputError('The cursor is not one this API handed out; start again without it.');
  }
  return { createdAt: date, id };
}
