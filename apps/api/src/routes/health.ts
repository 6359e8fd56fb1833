import { isDatabaseReady } from '@attest/db';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter } from '../lib/openapi.ts';

const statusSchema = z.object({ status: z.enum(['ok', 'unavailable']), database: z.string().optional() });

export const healthRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      summary: 'Liveness: the process answers',
      tags: ['health'],
      responses: { 200: { description: 'Alive', content: { 'application/json': { schema: statusSchema } } } },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      summary: 'Readiness: the database takes queries',
      tags: ['health'],
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: statusSchema } } },
        503: { description: 'Not ready', content: { 'application/json': { schema: statusSchema } } },
      },
    }),
    async (c) => {
      const isReady = await isDatabaseReady(c.var.db);
      return isReady
        ? c.json({ status: 'ok' as const, database: 'ok' }, 200)
        : c.json({ status: 'unavailable' as const, database: 'unreachable' }, 503);
    },
  );
