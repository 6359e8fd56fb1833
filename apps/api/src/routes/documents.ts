import {
  type DocumentImport,
  documentDetailSchema,
  documentImportSchema,
  documentPageSchema,
  documentQueueSchema,
  documentReviewSchema,
  importResultSchema,
  maxBodyLength,
  sentencePageSchema,
  storableString,
} from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { ProblemError } from '../errors.ts';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import { readUploadedText } from '../lib/uploaded-text.ts';
import { getDocumentQueue } from '../services/active-queue.ts';
import {
  getDocumentDetail,
  listDocumentPage,
  listSentencePage,
  nextDocumentId,
} from '../services/documents.ts';
import { importDocument } from '../services/import-document.ts';
import { getDocumentReview, nextDisputedDocumentId } from '../services/review.ts';
import { idParams, slugParams } from './params.ts';

const pageQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .openapi({ description: 'Page size, at most 100' }),
  cursor: z.string().max(200).optional().openapi({ description: 'The nextCursor of the previous page' }),
});

/** The most sentences one request sends when a client asks for part of a document. */
const maxSentencesPerRequest = 2_000;

const detailQuery = z.strictObject({
  sentenceLimit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxSentencesPerRequest)
    .optional()
    .openapi({
      description: `Send only the first this many sentences (1 to ${maxSentencesPerRequest.toLocaleString('en')}); the rest come from GET /api/documents/{id}/sentences. Without it, every sentence is sent.`,
    }),
  withBody: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .openapi({
      description:
        "false leaves out document.body, the article's whole text (each sentence carries its own text)",
    }),
});

const sentencePageQuery = z.strictObject({
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .openapi({ description: 'How many sentences to skip: 0, or the nextOffset of the previous page' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(maxSentencesPerRequest)
    .default(500)
    .openapi({ description: `Page size, at most ${maxSentencesPerRequest.toLocaleString('en')}` }),
});

const uploadSchema = z.object({
  file: z.instanceof(File).openapi({ type: 'string', format: 'binary', description: 'A UTF-8 .txt file' }),
  title: storableString().trim().max(300).optional(),
  outlet: storableString().trim().max(200).optional(),
});

export const documentRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/documents',
      summary: "List a project's documents, newest first, with the caller's progress",
      description: 'Archived documents are left out; owners list them alone with `archived=true`.',
      tags: ['documents'],
      request: {
        params: slugParams,
        query: pageQuery.extend({
          archived: z
            .enum(['true', 'false'])
            .default('false')
            .transform((value) => value === 'true')
            .openapi({ description: 'true: the archived documents instead (owners only)' }),
        }),
      },
      responses: {
        200: {
          description: 'One page of documents',
          content: { 'application/json': { schema: documentPageSchema } },
        },
        ...problemResponses(403, 404, 422),
      },
    }),
    async (c) => {
      const { limit, cursor, archived } = c.req.valid('query');
      const projectSlug = c.req.valid('param').slug;
      return c.json(await listDocumentPage(c.var.services, { projectSlug, limit, cursor, archived }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/projects/{slug}/documents',
      summary: 'Import an article from JSON text or an uploaded .txt file',
      description: `The text is split into sentences at once. Importing a text the project already holds changes nothing and answers 200 with the existing document. Articles are limited to ${maxBodyLength.toLocaleString('en')} characters.`,
      tags: ['documents'],
      request: {
        params: slugParams,
        body: {
          // Not "required": that would run both validators on every request; the handler
          // refuses a request that is neither JSON nor multipart.
          required: false,
          content: {
            'application/json': { schema: documentImportSchema },
            'multipart/form-data': { schema: uploadSchema },
          },
        },
      },
      responses: {
        200: {
          description: 'The same text was already imported',
          content: { 'application/json': { schema: importResultSchema } },
        },
        201: { description: 'Imported', content: { 'application/json': { schema: importResultSchema } } },
        ...problemResponses(400, 404, 413, 415, 422),
      },
    }),
    async (c) => {
      const contentType = c.req.header('content-type')?.toLowerCase() ?? '';
      const isUpload = contentType.startsWith('multipart/form-data');
      if (!isUpload && !contentType.startsWith('application/json')) {
        throw new ProblemError(
          415,
          'unsupported-media-type',
          'Send the article as JSON or as a file',
          'POST a JSON body {"body": "…article text…"} with Content-Type: application/json, or a multipart/form-data upload with a "file" field.',
        );
      }
      // The validator checked the body against the schema of the content type it was sent as.
      const input = isUpload
        ? await uploadToImport(c.req.valid('form') as z.infer<typeof uploadSchema>)
        : (c.req.valid('json') as DocumentImport);
      const result = await importDocument(c.var.services, {
        ...input,
        projectSlug: c.req.valid('param').slug,
      });
      return c.json(result, result.created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/next-document',
      summary:
        "The document of the caller's queue to work on next: the oldest they have not finished, or with the project's active queue and a model, the one where the model is least sure (docs/suggestions.md)",
      tags: ['documents'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'The next document to work on, or null when the queue is done',
          content: { 'application/json': { schema: z.object({ documentId: z.string().nullable() }) } },
        },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json({ documentId: await nextDocumentId(c.var.services, c.req.valid('param').slug) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/queue',
      summary:
        "The caller's active queue: their oldest unfinished documents (a bounded window), where the project's model and the rules disagree or the model is least sure first",
      tags: ['documents'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'The queue in order; no items while the project orders by no model',
          content: { 'application/json': { schema: documentQueueSchema } },
        },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json(await getDocumentQueue(c.var.services, c.req.valid('param').slug), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{id}',
      summary: "Get a document with its sentences, suggestions and the caller's annotations",
      description:
        "A long document can come in parts: ask for the first sentences with sentenceLimit, show them, then fetch the rest from GET /api/documents/{id}/sentences. The annotations are always all of the caller's.",
      tags: ['documents'],
      request: { params: idParams, query: detailQuery },
      responses: {
        200: {
          description: 'The document',
          content: { 'application/json': { schema: documentDetailSchema } },
        },
        ...problemResponses(404, 422),
      },
    }),
    async (c) =>
      c.json(await getDocumentDetail(c.var.services, c.req.valid('param').id, c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{id}/sentences',
      summary: "A page of a document's sentences, in order",
      tags: ['documents'],
      request: { params: idParams, query: sentencePageQuery },
      responses: {
        200: {
          description: 'The sentences from offset on, and where the next page starts',
          content: { 'application/json': { schema: sentencePageSchema } },
        },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => {
      const { offset, limit } = c.req.valid('query');
      const documentId = c.req.valid('param').id;
      return c.json(await listSentencePage(c.var.services, { documentId, offset, limit }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{id}/review',
      summary: "Every analyst's annotations on a document (owners and reviewers)",
      tags: ['review'],
      request: { params: idParams },
      responses: {
        200: {
          description: 'All annotations, with who made them',
          content: {
            'application/json': {
              schema: documentReviewSchema,
            },
          },
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await getDocumentReview(c.var.services, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/next-disputed-document',
      summary:
        'The first document, in import order, with a disputed sentence: labels that differ and no decision yet (owners and reviewers)',
      tags: ['review'],
      request: {
        params: slugParams,
        query: z.strictObject({
          except: z
            .guid('Not a valid document identifier.')
            .optional()
            .openapi({ description: 'A document to leave out: the one being reviewed' }),
        }),
      },
      responses: {
        200: {
          description: 'The next document to settle, or null when no other document has a dispute',
          content: { 'application/json': { schema: z.object({ documentId: z.string().nullable() }) } },
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) =>
      c.json(
        {
          documentId: await nextDisputedDocumentId(c.var.services, {
            projectSlug: c.req.valid('param').slug,
            exceptDocumentId: c.req.valid('query').except,
          }),
        },
        200,
      ),
  );

async function uploadToImport(upload: z.infer<typeof uploadSchema>) {
  const { text, fileStem } = await readUploadedText(upload.file);
  const parsed = documentImportSchema.safeParse({ body: text, title: upload.title, outlet: upload.outlet });
  if (!parsed.success) {
    throw new ProblemError(
      422,
      'invalid-input',
      'The uploaded file is not valid',
      parsed.error.issues[0]?.message ?? '',
    );
  }
  return { ...parsed.data, fallbackTitle: fileStem };
}
