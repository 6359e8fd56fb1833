// The caller's API tokens: listed, created and revoked by the person, signed in (not with a token).
import { apiTokenSchema, createdApiTokenSchema, tokenInputSchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonContent, problemResponses } from '../lib/openapi.ts';
import { createToken, listTokens, revokeToken } from '../services/tokens.ts';
import { idParams } from './params.ts';

export const tokenRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/tokens',
      summary: 'Your API tokens (without the secrets); signed in, not with a token',
      tags: ['tokens'],
      responses: {
        200: { description: 'Tokens', content: jsonContent(z.object({ items: z.array(apiTokenSchema) })) },
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
      request: { body: { required: true, content: jsonContent(tokenInputSchema) } },
      responses: {
        201: { description: 'Created', content: jsonContent(createdApiTokenSchema) },
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
      request: { params: idParams },
      responses: { 204: { description: 'Revoked' }, ...problemResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      await revokeToken(c.var.services, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
