import { projectSchema, projectSummarySchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import { getProject, listProjectSummaries } from '../services/projects.ts';

export const slugParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'A project slug is lower-case letters, digits and hyphens.')
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'demo' }),
});

export const projectRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects',
      summary: 'List projects',
      tags: ['projects'],
      responses: {
        200: {
          description: 'Every project, by name',
          content: { 'application/json': { schema: z.object({ items: z.array(projectSummarySchema) }) } },
        },
      },
    }),
    async (c) => c.json({ items: await listProjectSummaries(c.var.services) }, 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}',
      summary: 'Get a project with its labels and guidelines',
      tags: ['projects'],
      request: { params: slugParams },
      responses: {
        200: { description: 'The project', content: { 'application/json': { schema: projectSchema } } },
        ...problemResponses(404, 422),
      },
    }),
    async (c) => c.json(await getProject(c.var.services, c.req.valid('param').slug), 200),
  );
