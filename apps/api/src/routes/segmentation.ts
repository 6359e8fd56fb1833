import { documentDetailSchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import type { ServiceContext } from '../services/context.ts';
import { getDocumentDetail } from '../services/documents.ts';
import { mergeWithNext, type SegmentationChange, splitSentence } from '../services/segmentation.ts';
import { idParams } from './documents.ts';

const segmentationChangeSchema = z.object({
  document: documentDetailSchema,
  notice: z
    .string()
    .nullable()
    .openapi({ description: 'Something the analyst should know, e.g. cleared labels' }),
});

async function respondWithDocument(services: ServiceContext, change: SegmentationChange) {
  return { document: await getDocumentDetail(services, change.documentId), notice: change.notice };
}

export const segmentationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/sentences/{id}/split',
      summary: 'Split a sentence in two at a UTF-16 offset into the document',
      description:
        'Both halves keep every annotation of the sentence; cue spans go with the half they lie in.',
      tags: ['segmentation'],
      request: {
        params: idParams,
        body: {
          required: true,
          content: { 'application/json': { schema: z.strictObject({ at: z.int().nonnegative() }) } },
        },
      },
      responses: {
        200: {
          description: 'The document after the split',
          content: { 'application/json': { schema: segmentationChangeSchema } },
        },
        ...problemResponses(400, 404, 422),
      },
    }),
    async (c) => {
      const change = await splitSentence(c.var.services, {
        sentenceId: c.req.valid('param').id,
        at: c.req.valid('json').at,
      });
      return c.json(await respondWithDocument(c.var.services, change), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/sentences/{id}/merge-next',
      summary: 'Merge a sentence with the one after it',
      description: 'A label both parts share is kept; differing labels are cleared and `notice` says so.',
      tags: ['segmentation'],
      request: { params: idParams },
      responses: {
        200: {
          description: 'The document after the merge',
          content: { 'application/json': { schema: segmentationChangeSchema } },
        },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => {
      const change = await mergeWithNext(c.var.services, { sentenceId: c.req.valid('param').id });
      return c.json(await respondWithDocument(c.var.services, change), 200);
    },
  );
