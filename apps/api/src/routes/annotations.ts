import {
  adjudicationInputSchema,
  adjudicationSchema,
  annotationInputSchema,
  annotationSchema,
  sentenceHistorySchema,
} from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { parseIfMatch, versionEtag } from '../lib/if-match.ts';
import { createRouter, jsonContent, problemResponses } from '../lib/openapi.ts';
import { adjudicate, removeAdjudication } from '../services/adjudications.ts';
import { clearAnnotation, saveAnnotation } from '../services/annotations.ts';
import { sentenceHistory } from '../services/history.ts';
import { idParams } from './params.ts';

const writeHeaders = z.object({
  'if-match': z
    .string()
    .optional()
    .openapi({ description: 'The version you last saw, e.g. "3"; "0" when there was no annotation' }),
  'idempotency-key': z
    .string()
    .min(8)
    .max(100)
    .optional()
    .openapi({ description: 'A client-chosen id for this edit: a retry with the same key is applied once' }),
});

export const annotationRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/sentences/{id}/annotation',
      summary: "Set the caller's label, source, cues and note on a sentence",
      tags: ['annotations'],
      request: {
        params: idParams,
        headers: writeHeaders,
        body: { required: true, content: { 'application/json': { schema: annotationInputSchema } } },
      },
      responses: {
        200: {
          description: 'Saved; the ETag is the new version',
          content: { 'application/json': { schema: annotationSchema } },
        },
        ...problemResponses(400, 404, 412, 413, 415, 422),
      },
    }),
    async (c) => {
      const headers = c.req.valid('header');
      const annotation = await saveAnnotation(c.var.services, {
        sentenceId: c.req.valid('param').id,
        input: c.req.valid('json'),
        expectedVersion: parseIfMatch(headers['if-match']),
        clientOpId: headers['idempotency-key'],
      });
      c.header('ETag', versionEtag(annotation.version));
      return c.json(annotation, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/sentences/{id}/annotation',
      summary: "Clear the caller's label on a sentence",
      tags: ['annotations'],
      request: { params: idParams, headers: writeHeaders },
      responses: {
        204: { description: 'Cleared (or there was nothing to clear)' },
        ...problemResponses(404, 412, 422),
      },
    }),
    async (c) => {
      const headers = c.req.valid('header');
      await clearAnnotation(c.var.services, {
        sentenceId: c.req.valid('param').id,
        expectedVersion: parseIfMatch(headers['if-match']),
        clientOpId: headers['idempotency-key'],
      });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/sentences/{id}/adjudication',
      summary: 'Settle the gold label of a sentence (owners and reviewers)',
      tags: ['review'],
      request: {
        params: idParams,
        headers: writeHeaders,
        body: { required: true, content: { 'application/json': { schema: adjudicationInputSchema } } },
      },
      responses: {
        200: {
          description: 'Decided; the ETag is the new version',
          content: { 'application/json': { schema: adjudicationSchema } },
        },
        ...problemResponses(400, 403, 404, 412, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const headers = c.req.valid('header');
      const adjudication = await adjudicate(c.var.services, {
        sentenceId: c.req.valid('param').id,
        label: body.label,
        note: body.note,
        expectedVersion: parseIfMatch(headers['if-match']),
        clientOpId: headers['idempotency-key'],
      });
      c.header('ETag', versionEtag(adjudication.version));
      return c.json(adjudication, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/sentences/{id}/adjudication',
      summary: 'Remove the gold label of a sentence (owners and reviewers)',
      tags: ['review'],
      request: { params: idParams, headers: writeHeaders },
      responses: {
        204: { description: 'Removed (or there was none)' },
        ...problemResponses(403, 404, 412, 422),
      },
    }),
    async (c) => {
      const headers = c.req.valid('header');
      await removeAdjudication(c.var.services, {
        sentenceId: c.req.valid('param').id,
        expectedVersion: parseIfMatch(headers['if-match']),
        clientOpId: headers['idempotency-key'],
      });
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/sentences/{id}/history',
      summary: "A sentence's label history, oldest first (analysts see their own changes only)",
      tags: ['annotations'],
      request: { params: idParams },
      responses: {
        200: {
          description: 'The changes',
          content: jsonContent(sentenceHistorySchema),
        },
        ...problemResponses(401, 404, 422),
      },
    }),
    async (c) => c.json({ items: await sentenceHistory(c.var.services, c.req.valid('param').id) }, 200),
  );
