import { suggestionModelStatusSchema } from '@attest/core';
import { createRoute } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import { getSuggestionModelStatus, trainSuggestionModel } from '../services/suggestion-model/index.ts';
import { slugParams } from './params.ts';

const statusJson = { 'application/json': { schema: suggestionModelStatusSchema } };

export const suggestionModelRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/suggestion-model',
      summary:
        "The project's learned suggestion model: its version, the gold it learned from, whether it decides",
      tags: ['suggestions'],
      request: { params: slugParams },
      responses: {
        200: { description: 'The model served now', content: statusJson },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json(await getSuggestionModelStatus(c.var.services, c.req.valid('param').slug), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/projects/{slug}/suggestion-model/train',
      summary:
        "Train a new version of the project's model on its gold labels now (owners and reviewers; takes seconds, in a worker thread)",
      tags: ['suggestions'],
      request: { params: slugParams },
      responses: {
        201: { description: 'The new version, served from now on', content: statusJson },
        ...problemResponses(403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await trainSuggestionModel(c.var.services, c.req.valid('param').slug), 201),
  );
