// First run, invitations, the caller, project members and API tokens.
import { projectRoleSchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import {
  acceptInvite,
  addMemberWithPassword,
  createFirstAccount,
  createInvite,
  describeCaller,
  describeInvite,
  needsSetup,
} from '../services/accounts.ts';
import { changeMemberRole, listProjectMembers, removeProjectMember } from '../services/members.ts';
import { createToken, listTokens, revokeToken } from '../services/tokens.ts';
import { slugParams, slugSchema } from './projects.ts';

const newAccountSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  email: z.email('Enter an e-mail address, like name@example.org.').max(254),
  password: z.string().min(10, 'Use at least 10 characters.').max(128),
});

const memberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: projectRoleSchema,
  joinedAt: z.string(),
});

const tokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  start: z.string().nullable(),
  projects: z.array(z.string()),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});

const inviteParams = z.object({
  token: z
    .string()
    .min(16)
    .max(128)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

const memberParams = slugParams.extend({
  userId: z.guid('Not a valid identifier.').openapi({ param: { name: 'userId', in: 'path' } }),
});

const json = <Schema extends z.ZodType>(schema: Schema) => ({ 'application/json': { schema } });

const callerSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  memberships: z.array(z.object({ projectSlug: z.string(), role: projectRoleSchema })),
});

export const publicAccountRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/session',
      summary: 'Whether the first account still has to be created, and who is signed in (null: nobody)',
      description:
        'What the web app asks on every page load: it answers 200 whether or not anyone is signed in, so a signed-out visit logs no error.',
      tags: ['accounts'],
      responses: {
        200: {
          description: 'Setup state and the caller',
          content: json(z.object({ needsSetup: z.boolean(), me: callerSchema.nullable() })),
        },
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
        200: { description: 'Setup state', content: json(z.object({ needsSetup: z.boolean() })) },
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
      request: { body: { required: true, content: json(newAccountSchema) } },
      responses: {
        201: { description: 'Created and signed in', content: json(z.object({ ok: z.literal(true) })) },
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
      path: '/api/invites/{token}',
      summary: 'What an invitation is for',
      tags: ['accounts'],
      request: { params: inviteParams },
      responses: {
        200: {
          description: 'The invitation',
          content: json(
            z.object({
              projectSlug: z.string(),
              projectName: z.string(),
              role: projectRoleSchema,
              expiresAt: z.string(),
            }),
          ),
        },
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
      request: { params: inviteParams, body: { required: false, content: json(newAccountSchema.partial()) } },
      responses: {
        200: { description: 'Joined', content: json(z.object({ projectSlug: z.string() })) },
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
  );

export const accountRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/me',
      summary: 'Who you are and your projects',
      tags: ['accounts'],
      responses: {
        200: {
          description: 'The caller',
          content: json(callerSchema),
        },
        ...problemResponses(401),
      },
    }),
    async (c) => c.json(await describeCaller(c.var.services), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/members',
      summary: "A project's members (owners and reviewers)",
      tags: ['members'],
      request: { params: slugParams },
      responses: {
        200: { description: 'Members', content: json(z.object({ items: z.array(memberSchema) })) },
        ...problemResponses(401, 403, 404),
      },
    }),
    async (c) => c.json({ items: await listProjectMembers(c.var.services, c.req.valid('param').slug) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/projects/{slug}/members',
      summary:
        'Create a new account with a password you pass on and add it (owners); an e-mail that has an account gets 409: invite it instead',
      tags: ['members'],
      request: {
        params: slugParams,
        body: { required: true, content: json(newAccountSchema.extend({ role: projectRoleSchema })) },
      },
      responses: {
        201: { description: 'Added', content: json(z.object({ items: z.array(memberSchema) })) },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const slug = c.req.valid('param').slug;
      await addMemberWithPassword(c.var.auth, c.var.services, slug, c.req.valid('json'));
      return c.json({ items: await listProjectMembers(c.var.services, slug) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/projects/{slug}/members/{userId}',
      summary: "Change a member's role (owners)",
      tags: ['members'],
      request: {
        params: memberParams,
        body: { required: true, content: json(z.strictObject({ role: projectRoleSchema })) },
      },
      responses: { 204: { description: 'Changed' }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { slug, userId } = c.req.valid('param');
      await changeMemberRole(c.var.services, slug, userId, c.req.valid('json').role);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/projects/{slug}/members/{userId}',
      summary: 'Remove a member (owners); their annotations stay',
      tags: ['members'],
      request: { params: memberParams },
      responses: { 204: { description: 'Removed' }, ...problemResponses(401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const { slug, userId } = c.req.valid('param');
      await removeProjectMember(c.var.services, slug, userId);
      return c.body(null, 204);
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
        body: { required: true, content: json(z.strictObject({ role: projectRoleSchema })) },
      },
      responses: {
        201: {
          description: 'The link; its token is shown only now',
          content: json(
            z.object({ token: z.string(), path: z.string(), role: projectRoleSchema, expiresAt: z.string() }),
          ),
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) =>
      c.json(await createInvite(c.var.services, c.req.valid('param').slug, c.req.valid('json').role), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/tokens',
      summary: 'Your API tokens (without the secrets); signed in, not with a token',
      tags: ['tokens'],
      responses: {
        200: { description: 'Tokens', content: json(z.object({ items: z.array(tokenSchema) })) },
        ...problemResponses(401, 403),
      },
    }),
    async (c) => c.json({ items: await listTokens(c.var.services) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/tokens',
      summary: 'Create an API token for some of your projects; the token is shown only in this response',
      tags: ['tokens'],
      request: {
        body: {
          required: true,
          content: json(
            z.strictObject({
              name: z.string().trim().min(1).max(80),
              projects: z.array(slugSchema).min(1).max(50),
              expiresInDays: z.int().min(1).max(366).optional(),
            }),
          ),
        },
      },
      responses: {
        201: { description: 'Created', content: json(tokenSchema.extend({ token: z.string() })) },
        ...problemResponses(401, 403, 422),
      },
    }),
    async (c) => c.json(await createToken(c.var.auth, c.var.services, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/tokens/{id}',
      summary: 'Revoke one of your API tokens',
      tags: ['tokens'],
      request: { params: z.object({ id: z.guid().openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      await revokeToken(c.var.services, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
