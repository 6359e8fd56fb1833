import type { DocumentDetail, DocumentPage, SentencePage } from '@attest/core';
import {
  type DocumentCursor,
  findDocumentSummary,
  findProjectBySlug,
  isUuid,
  listAnnotationsForDocument,
  listDocuments,
  listLabels,
  listReviewProgress,
  listSentences,
} from '@attest/db';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import { requireDocument, requireProject, seesEveryone } from './access.ts';
import { queuedDocuments } from './active-queue.ts';
import type { ServiceContext } from './context.ts';
import { toAnnotation, toDocumentSummary, toLabel, toSentence } from './serialize.ts';
import { ensureSuggestions } from './suggestion-filler.ts';
import { withLearnedSuggestions } from './suggestion-model/served-model.ts';

/** A document with its sentences and the caller's own annotations (never anyone else's). */
export async function getDocumentDetail(
  context: ServiceContext,
  documentId: string,
  parts: {
    /** Send only this many sentences, the first ones (the summary's sentenceCount says how many there are). */
    sentenceLimit?: number | undefined;
    /** False leaves the document's text out: each sentence carries its own. */
    withBody?: boolean;
  } = {},
): Promise<DocumentDetail> {
  const { sentenceLimit, withBody = true } = parts;
  const { projectId, role } = await requireDocument(context, documentId);
  await ensureSuggestions(context.db, [documentId]);
  const document = await findDocumentSummary(context.db, {
    projectId,
    documentId,
    annotatorId: context.userId,
    withBody,
  });
  if (!document) throw new NotFoundError('Document');
  const [labels, sentences, annotations, project] = await Promise.all([
    listLabels(context.db, { projectId: document.projectId }),
    listSentences(context.db, {
      projectId,
      documentId,
      range: sentenceLimit === undefined ? undefined : { offset: 0, limit: sentenceLimit },
    }),
    listAnnotationsForDocument(context.db, { projectId, documentId, annotatorId: context.userId }),
    findProjectBySlug(context.db, { slug: document.projectSlug }),
  ]);
  return {
    document: {
      ...toDocumentSummary(document),
      ...(document.body === undefined ? {} : { body: document.body }),
    },
    labels: labels.map(toLabel),
    guidelines: project?.guidelines ?? '',
    sentences: await withLearnedSuggestions(
      context.db,
      { projectId: document.projectId, documentId, outlet: document.outlet },
      sentences.map(toSentence),
    ),
    annotations: annotations.map(toAnnotation),
    role,
    maySegment: seesEveryone(role) || project?.analystsMaySegment === true,
    activeQueue: project?.activeQueue === true,
  };
}

/** `limit` of a document's sentences from the `offset`-th on, for a client loading it in parts. */
export async function listSentencePage(
  context: ServiceContext,
  params: { documentId: string; offset: number; limit: number },
): Promise<SentencePage> {
  const { projectId } = await requireDocument(context, params.documentId);
  await ensureSuggestions(context.db, [params.documentId]);
  // One row more than asked says whether another page follows; one before the page, when there
  // is one, gives the learned model the previous sentence it reads.
  const hasBefore = params.offset > 0;
  const rows = await listSentences(context.db, {
    projectId,
    documentId: params.documentId,
    range: {
      offset: params.offset - (hasBefore ? 1 : 0),
      limit: params.limit + 1 + (hasBefore ? 1 : 0),
    },
  });
  const page = rows.map(toSentence);
  const before = hasBefore ? page.shift() : undefined;
  return {
    items: await withLearnedSuggestions(
      context.db,
      { projectId, documentId: params.documentId },
      page.slice(0, params.limit),
      before,
    ),
    nextOffset: page.length > params.limit ? params.offset + params.limit : null,
  };
}

/** A page of a project's documents: all of them for owners and reviewers, an analyst's assigned ones. */
export async function listDocumentPage(
  context: ServiceContext,
  params: { projectSlug: string; limit: number; cursor?: string | undefined; archived?: boolean | undefined },
): Promise<DocumentPage> {
  const { project, role } = await requireProject(context, params.projectSlug);
  if (params.archived && role !== 'owner')
    throw new ForbiddenError(`Only owners of this project see its archived documents; you are an ${role}.`);
  const rows = await listDocuments(context.db, {
    projectId: project.id,
    annotatorId: context.userId,
    assignedTo: role === 'analyst' ? context.userId : undefined,
    archived: params.archived,
    limit: params.limit + 1,
    after: params.cursor ? decodeCursor(params.cursor) : undefined,
  });
  const items = rows.slice(0, params.limit);
  const last = items.at(-1);
  // Not for the archive list, which shows no review figures.
  const reviewProgress =
    seesEveryone(role) && !params.archived
      ? await listReviewProgress(context.db, {
          projectId: project.id,
          documentIds: items.map((item) => item.id),
        })
      : undefined;
  return {
    items: items.map((item) => {
      const summary = toDocumentSummary(item);
      const progress = reviewProgress?.get(item.id);
      if (!progress) return summary;
      const { analystsAssigned, analystsFinished, disputed } = progress;
      return { ...summary, review: { analystsAssigned, analystsFinished, disputed } };
    }),
    nextCursor:
      rows.length > params.limit && last ? encodeCursor({ createdAt: last.cursorAt, id: last.id }) : null,
  };
}

/**
 * The document of the caller's queue to work on next: with the project's active queue and a
 * model, the one holding the unlabelled sentence the model is least sure of (active-queue.ts);
 * else the oldest they have not finished. Null when every one is done.
 */
export async function nextDocumentId(context: ServiceContext, projectSlug: string): Promise<string | null> {
  const { project, role } = await requireProject(context, projectSlug);
  const queued = await queuedDocuments(context, project, role);
  if (queued) return queued[0]?.document.id ?? null;
  const [next] = await listDocuments(context.db, {
    projectId: project.id,
    annotatorId: context.userId,
    assignedTo: role === 'analyst' ? context.userId : undefined,
    unfinishedOnly: true,
    order: 'oldest',
    limit: 1,
  });
  return next?.id ?? null;
}

function encodeCursor(cursor: DocumentCursor): string {
  return Buffer.from(`${cursor.createdAt}|${cursor.id}`).toString('base64url');
}

/** A UTC time as the cursor carries it (microseconds; a cursor from before them has milliseconds). */
const cursorTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;

/** Whether PostgreSQL takes the time as written: JavaScript reads Feb 30 as Mar 2 and year 0 as a year. */
function isRealTime(text: string): boolean {
  const time = new Date(text).getTime();
  return (
    !Number.isNaN(time) &&
    !text.startsWith('0000') &&
    new Date(time).toISOString().slice(0, 19) === text.slice(0, 19)
  );
}

function decodeCursor(cursor: string): DocumentCursor {
  const [createdAt = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!cursorTimePattern.test(createdAt) || !isRealTime(createdAt) || !isUuid(id)) {
    throw new InvalidInputError('The cursor is not one this API handed out; start again without it.');
  }
  return { createdAt, id };
}
