import { createRoute, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import { managers, requireProject } from '../services/access.ts';
import { exportRows } from '../services/export-rows.ts';
import { slugParams } from './projects.ts';

export const exportRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/projects/{slug}/export',
    summary:
      "Stream a project's sentences with the caller's annotations as JSON lines (owners and reviewers)",
    tags: ['exports'],
    request: { params: slugParams, query: z.strictObject({ format: z.enum(['jsonl']).default('jsonl') }) },
    responses: {
      200: {
        description: 'One JSON object per line',
        content: { 'application/x-ndjson': { schema: z.string() } },
      },
      ...problemResponses(401, 403, 404, 422),
    },
  }),
  async (c) => {
    const { slug } = c.req.valid('param');
    // Check access before the first byte: afterwards a problem could no longer be sent.
    await requireProject(c.var.services, slug, managers, 'export it');
    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    c.header('content-disposition', `attachment; filename="${slug}.jsonl"`);
    return stream(c, async (output) => {
      let chunk = '';
      for await (const row of exportRows(c.var.services, slug)) {
        if (output.aborted) return;
        chunk += `${JSON.stringify(row)}\n`;
        if (chunk.length > 64 * 1024) {
          await output.write(chunk);
          chunk = '';
        }
      }
      if (chunk) await output.write(chunk);
    }) as never;
  },
);
