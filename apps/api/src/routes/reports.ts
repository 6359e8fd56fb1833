import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import { documentReport, projectReport } from '../services/reports.ts';
import { idParams } from './documents.ts';
import { slugParams } from './projects.ts';

// The report shapes are documented by example in docs/reports.md; the schema stays open here.
const reportSchema = z.record(z.string(), z.unknown());

export const reportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{id}/report',
      summary: 'A document report: label composition, sentence strip, sources, chains, cue words, agreement',
      tags: ['reports'],
      request: { params: idParams },
      responses: {
        200: { description: 'The report', content: { 'application/json': { schema: reportSchema } } },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await documentReport(c.var.services, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/report',
      summary:
        'A project report: composition per document and date, KCNA share per outlet, sources, analyst confusion, progress, suggestion accuracy',
      tags: ['reports'],
      request: { params: slugParams },
      responses: {
        200: { description: 'The report', content: { 'application/json': { schema: reportSchema } } },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await projectReport(c.var.services, c.req.valid('param').slug), 200),
  );
