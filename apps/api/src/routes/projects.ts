import {
  labelInputSchema,
  newProjectSchema,
  projectChangesSchema,
  projectSchema,
  projectSummarySchema,
} from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, jsonContent, problemResponses } from '../lib/openapi.ts';
import { setProjectLabels } from '../services/labels.ts';
import { changeProject, createOwnedProject, getProject, listProjectSummaries } from '../services/projects.ts';
import { slugParams } from './params.ts';

const projectJson = jsonContent(projectSchema);

export const projectRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects',
      summary: 'List the projects you are a member of',
      description: 'Archived projects are left out; `archived=true` lists them alone.',
      tags: ['projects'],
      request: {
        query: z.strictObject({
          archived: z
            .enum(['true', 'false'])
            .default('false')
            .transform((value) => value === 'true')
            .openapi({ description: 'true: your archived projects instead' }),
        }),
      },
      responses: {
        200: {
          description: 'Your projects, by name',
          content: { 'application/json': { schema: z.object({ items: z.array(projectSummarySchema) }) } },
        },
        ...problemResponses(401, 422),
      },
    }),
    async (c) =>
      c.json(
        { items: await listProjectSummaries(c.var.services, { archived: c.req.valid('query').archived }) },
        200,
      ),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/projects',
      summary: 'Create a project (you become its owner); signed in, not with an API token',
      tags: ['projects'],
      request: { body: { required: true, content: { 'application/json': { schema: newProjectSchema } } } },
      responses: {
        201: { description: 'Created', content: projectJson },
        ...problemResponses(401, 403, 409, 422),
      },
    }),
    async (c) => c.json(await createOwnedProject(c.var.services, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}',
      summary: 'Get a project with its labels and guidelines',
      tags: ['projects'],
      request: { params: slugParams },
      responses: {
        200: { description: 'The project', content: projectJson },
        ...problemResponses(401, 404, 422),
      },
    }),
    async (c) => c.json(await getProject(c.var.services, c.req.valid('param').slug), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/api/projects/{slug}',
      summary: "Change a project's name, guidelines or analysts per document (owners)",
      tags: ['projects'],
      request: {
        params: slugParams,
        body: { required: true, content: { 'application/json': { schema: projectChangesSchema } } },
      },
      responses: {
        200: {
          description: 'The changed project (a body without fields changes nothing)',
          content: projectJson,
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) =>
      c.json(await changeProject(c.var.services, c.req.valid('param').slug, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'put',
      path: '/api/projects/{slug}/labels',
      summary: "Set a project's labels (owners); labels in use cannot be removed",
      tags: ['projects'],
      request: {
        params: slugParams,
        body: {
          required: true,
          content: {
            'application/json': {
              schema: z.strictObject({ labels: z.array(labelInputSchema).min(1).max(20) }),
            },
          },
        },
      },
      responses: {
        200: { description: 'The project with its new labels', content: projectJson },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) =>
      c.json(
        await setProjectLabels(c.var.services, c.req.valid('param').slug, c.req.valid('json').labels),
        200,
      ),
  );
