// A project's members: listed by owners and reviewers, added, changed and removed by owners.
import { memberListSchema, newAccountSchema, projectRoleSchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonContent, problemResponses } from '../lib/openapi.ts';
import { addMemberWithPassword } from '../services/accounts.ts';
import { changeMemberRole, listProjectMembers, removeProjectMember } from '../services/members.ts';
import { memberParams, slugParams } from './params.ts';

export const memberRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/members',
      summary: "A project's members (owners and reviewers)",
      tags: ['members'],
      request: { params: slugParams },
      responses: {
        200: { description: 'Members', content: jsonContent(memberListSchema) },
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
        body: { required: true, content: jsonContent(newAccountSchema.extend({ role: projectRoleSchema })) },
      },
      responses: {
        201: { description: 'Added', content: jsonContent(memberListSchema) },
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
        body: { required: true, content: jsonContent(z.strictObject({ role: projectRoleSchema })) },
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
  );
