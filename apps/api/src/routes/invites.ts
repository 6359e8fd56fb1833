// One-time invitation links: owners create them, anyone holding one reads and accepts it.
import { createdInviteSchema, inviteDetailsSchema, newAccountSchema, projectRoleSchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonContent, problemResponses } from '../lib/openapi.ts';
import { acceptInvite, createInvite, describeInvite } from '../services/accounts.ts';
import { inviteParams, slugParams } from './params.ts';

export const inviteRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/invites/{token}',
      summary: 'What an invitation is for',
      tags: ['accounts'],
      request: { params: inviteParams },
      responses: {
        200: { description: 'The invitation', content: jsonContent(inviteDetailsSchema) },
        ...problemResponses(410, 422),
      },
    }),
    async (c) => c.json(await describeInvite(c.var.db, c.req.valid('param').token), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/invites/{token}/accept',
      summary:
        'Join the project: signed in, as you are; otherwise with a new account from the body (not with an API token)',
      tags: ['accounts'],
      request: {
        params: inviteParams,
        body: { required: false, content: jsonContent(newAccountSchema.partial()) },
      },
      responses: {
        200: { description: 'Joined', content: jsonContent(z.object({ projectSlug: z.string() })) },
        ...problemResponses(403, 409, 410, 422),
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const account =
        body.name && body.email && body.password
          ? { name: body.name, email: body.email, password: body.password }
          : undefined;
      const actor = c.var.actor;
      const result = await acceptInvite(
        c.var.auth,
        c.var.db,
        c.req.valid('param').token,
        actor ? { userId: actor.userId } : null,
        account,
      );
      for (const cookie of result.headers.getSetCookie()) c.header('set-cookie', cookie, { append: true });
      return c.json({ projectSlug: result.projectSlug }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/projects/{slug}/invites',
      summary: 'Create a one-time invitation link for a role (owners); valid for 7 days',
      tags: ['members'],
      request: {
        params: slugParams,
        body: { required: true, content: jsonContent(z.strictObject({ role: projectRoleSchema })) },
      },
      responses: {
        201: {
          description: 'The link; its token is shown only now',
          content: jsonContent(createdInviteSchema),
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) =>
      c.json(await createInvite(c.var.services, c.req.valid('param').slug, c.req.valid('json').role), 201),
  );
