import { claimLinkingSchema, claimListSchema, claimSchema, relinkSummarySchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import {
  decideClaimLink,
  getClaimLinking,
  getProjectClaim,
  listDocumentClaims,
  listProjectClaims,
  relinkProjectClaims,
} from '../services/claims.ts';
import { claimParams, idParams, slugParams } from './params.ts';

const linkDecisionSchema = z.strictObject({
  decision: z.enum(['confirm', 'reject']).openapi({
    description:
      "confirm makes a suggested link confirmed; reject removes it and remembers not to link its sentence with the claim's other sentences again. Either acts on this one link: the sentence's links to other claims stay as they are",
  }),
});

const claimListJson = { 'application/json': { schema: claimListSchema } };

export const claimRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/claims',
      summary: 'Claims shared by two documents or more, with every occurrence the caller may see',
      tags: ['claims'],
      request: { params: slugParams },
      responses: {
        200: { description: 'The claims', content: claimListJson },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json(await listProjectClaims(c.var.services, c.req.valid('param').slug), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/claim-linking',
      summary:
        'How many documents wait to be linked into claims: linking runs in the background after an import',
      tags: ['claims'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'The documents waiting',
          content: { 'application/json': { schema: claimLinkingSchema } },
        },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json(await getClaimLinking(c.var.services, c.req.valid('param').slug), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/claims/{claimId}',
      summary: 'One claim with its occurrences, oldest publication first',
      tags: ['claims'],
      request: { params: claimParams },
      responses: {
        200: { description: 'The claim', content: { 'application/json': { schema: claimSchema } } },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => {
      const { slug, claimId } = c.req.valid('param');
      return c.json(await getProjectClaim(c.var.services, slug, claimId), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{id}/claims',
      summary:
        "The claims the document's sentences carry, with their occurrences in other documents; a sentence in several claims is an occurrence of each",
      tags: ['claims'],
      request: { params: idParams },
      responses: {
        200: { description: 'The claims', content: claimListJson },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json(await listDocumentClaims(c.var.services, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/claim-links/{id}/decision',
      summary: 'Confirm or reject one claim link, a sentence in one claim (reviewers and owners)',
      tags: ['claims'],
      request: {
        params: idParams,
        body: { required: true, content: { 'application/json': { schema: linkDecisionSchema } } },
      },
      responses: { 204: { description: 'Decided' }, ...problemResponses(400, 404, 415, 422) },
    }),
    async (c) => {
      await decideClaimLink(c.var.services, c.req.valid('param').id, c.req.valid('json').decision);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/projects/{slug}/claims/relink',
      summary:
        'Re-link the whole project: suggested links are recomputed, confirmed links and rejections kept',
      tags: ['claims'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'What the project holds now',
          content: { 'application/json': { schema: relinkSummarySchema } },
        },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json(await relinkProjectClaims(c.var.services, c.req.valid('param').slug), 200),
  );
