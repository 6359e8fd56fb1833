// Provenance reports for owners and reviewers; docs/reports.md says what each figure means.
import { documentReportSchema, projectReportSchema } from '@attest/core';
import { createRoute } from '@hono/zod-openapi';
import { createRouter, jsonContent, problemResponses } from '../lib/openapi.ts';
import { documentReport, projectReport } from '../services/reports.ts';
import { idParams, slugParams } from './params.ts';

export const reportRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{id}/report',
      summary: 'A document report: label composition, sentence strip, sources, chains, cue words, agreement',
      tags: ['reports'],
      request: { params: idParams },
      responses: {
        200: { description: 'The report', content: jsonContent(documentReportSchema) },
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
        200: { description: 'The report', content: jsonContent(projectReportSchema) },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await projectReport(c.var.services, c.req.valid('param').slug), 200),
  );
