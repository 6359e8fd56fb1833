import { isDatabaseReady } from '@attest/db';
import { createRoute, z } from '@hono/zod-openapi';
import { within } from '../lib/deadline.ts';
import { createRouter } from '../lib/openapi.ts';

/** /readyz answers within this time even when the database does not. */
export const readinessDeadlineMs = 2_000;

const statusSchema = z.object({ status: z.literal('ok') });

const readinessSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z
    .enum(['ok', 'unreachable', 'timeout'])
    .openapi({ description: 'ok; unreachable (it refused or failed); timeout (no answer within 2 s)' }),
  detail: z.string().optional().openapi({ description: 'What is wrong, when something is' }),
  exports: z
    .object({ active: z.number().int(), limit: z.number().int() })
    .openapi({ description: 'Dataset exports running now, and how many may run at once' }),
});

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
      summary: 'Readiness: the database answers a query within 2 s',
      tags: ['health'],
      responses: {
        200: { description: 'Ready', content: { 'application/json': { schema: readinessSchema } } },
        503: { description: 'Not ready', content: { 'application/json': { schema: readinessSchema } } },
      },
    }),
    async (c) => {
      const database = await databaseStatus(c.var.db);
      const exports = { active: c.var.exportGate.active, limit: c.var.exportGate.limits.concurrent };
      if (database === 'ok') return c.json({ status: 'ok' as const, database, exports }, 200);
      const detail =
        database === 'timeout'
          ? `The database did not answer within ${readinessDeadlineMs / 1000} s: every connection is busy or the server is overloaded.`
          : 'The database refused or failed the check: it is down, restarting or unreachable.';
      return c.json({ status: 'unavailable' as const, database, detail, exports }, 503);
    },
  );

function databaseStatus(db: Parameters<typeof isDatabaseReady>[0]) {
  const checked = isDatabaseReady(db).then((isReady) =>
    isReady ? ('ok' as const) : ('unreachable' as const),
  );
  return within(checked, readinessDeadlineMs, 'timeout' as const);
}
