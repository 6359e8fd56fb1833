// The first run (setup), and who is signed in: the session every page load asks for, and /api/me.
import { callerSchema, newAccountSchema, sessionSchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonContent, problemResponses } from '../lib/openapi.ts';
import { createFirstAccount, describeCaller, needsSetup } from '../services/accounts.ts';

export const sessionRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/session',
      summary: 'Whether the first account still has to be created, and who is signed in (null: nobody)',
      description:
        'What the web app asks on every page load: it answers 200 whether or not anyone is signed in, so a signed-out visit logs no error.',
      tags: ['accounts'],
      responses: {
        200: { description: 'Setup state and the caller', content: jsonContent(sessionSchema) },
      },
    }),
    async (c) => {
      const [isSetupNeeded, me] = await Promise.all([
        needsSetup(c.var.db),
        c.var.actor ? describeCaller(c.var.services) : null,
      ]);
      return c.json({ needsSetup: isSetupNeeded, me }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/setup',
      summary: 'Whether the first account still has to be created',
      tags: ['accounts'],
      responses: {
        200: { description: 'Setup state', content: jsonContent(z.object({ needsSetup: z.boolean() })) },
      },
    }),
    async (c) => c.json({ needsSetup: await needsSetup(c.var.db) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/setup',
      summary: 'Create the first account; it owns every existing project and is signed in',
      tags: ['accounts'],
      request: { body: { required: true, content: jsonContent(newAccountSchema) } },
      responses: {
        201: {
          description: 'Created and signed in',
          content: jsonContent(z.object({ ok: z.literal(true) })),
        },
        ...problemResponses(409, 422),
      },
    }),
    async (c) => {
      const headers = await createFirstAccount(c.var.auth, c.var.db, c.req.valid('json'));
      for (const cookie of headers.getSetCookie()) c.header('set-cookie', cookie, { append: true });
      return c.json({ ok: true as const }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      summary: 'Who you are and your projects',
      tags: ['accounts'],
      responses: {
        200: { description: 'The caller', content: jsonContent(callerSchema) },
        ...problemResponses(401),
      },
    }),
    async (c) => c.json(await describeCaller(c.var.services), 200),
  );
