// Archive, restore and delete for documents and projects (owners), and the project's audit log.
import {
  auditEntrySchema,
  documentArchiveStateSchema,
  documentDeletionCountsSchema,
  projectArchiveStateSchema,
  projectDeletionCountsSchema,
} from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import {
  archiveDocument,
  archiveProject,
  documentDeletionPreview,
  projectAuditLog,
  projectDeletionPreview,
  removeDocument,
  removeProject,
} from '../services/archive.ts';
import { idParams, slugParams } from './params.ts';

const archiveNote =
  'Archived: hidden from lists, analysts’ queues, reports and exports, kept as it is, and restorable.';

export const archiveRoutes = createRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/documents/{id}/archive',
      summary: 'Archive a document (owners)',
      description: archiveNote,
      tags: ['archive'],
      request: { params: idParams },
      responses: {
        200: {
          description: 'Archived',
          content: { 'application/json': { schema: documentArchiveStateSchema } },
        },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await archiveDocument(c.var.services, c.req.valid('param').id, true), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/documents/{id}/restore',
      summary: 'Restore an archived document (owners)',
      tags: ['archive'],
      request: { params: idParams },
      responses: {
        200: {
          description: 'Restored',
          content: { 'application/json': { schema: documentArchiveStateSchema } },
        },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await archiveDocument(c.var.services, c.req.valid('param').id, false), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{id}/deletion',
      summary: 'What deleting a document would remove (owners): ask before you delete',
      tags: ['archive'],
      request: { params: idParams },
      responses: {
        200: {
          description: 'The counts a confirmation names',
          content: {
            'application/json': { schema: documentDeletionCountsSchema.extend({ title: z.string() }) },
          },
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await documentDeletionPreview(c.var.services, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/documents/{id}',
      summary: 'Delete a document with its sentences, labels, gold labels and history (owners)',
      description: 'Cannot be undone; the project’s audit log keeps who deleted what.',
      tags: ['archive'],
      request: { params: idParams },
      responses: {
        200: {
          description: 'Deleted: what went',
          content: { 'application/json': { schema: documentDeletionCountsSchema } },
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await removeDocument(c.var.services, c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/projects/{slug}/archive',
      summary: 'Archive a project (owners)',
      description: 'Archived: hidden from the project list, kept as it is, and restorable by its owners.',
      tags: ['archive'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'Archived',
          content: { 'application/json': { schema: projectArchiveStateSchema } },
        },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await archiveProject(c.var.services, c.req.valid('param').slug, true), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/api/projects/{slug}/restore',
      summary: 'Restore an archived project (owners)',
      tags: ['archive'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'Restored',
          content: { 'application/json': { schema: projectArchiveStateSchema } },
        },
        ...problemResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => c.json(await archiveProject(c.var.services, c.req.valid('param').slug, false), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/deletion',
      summary: 'What deleting a project would remove (owners): ask before you delete',
      tags: ['archive'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'The counts a confirmation names',
          content: {
            'application/json': { schema: projectDeletionCountsSchema.extend({ name: z.string() }) },
          },
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await projectDeletionPreview(c.var.services, c.req.valid('param').slug), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/api/projects/{slug}',
      summary: 'Delete a project with everything in it (owners)',
      description: 'Cannot be undone; the audit log keeps an entry saying who deleted it and what went.',
      tags: ['archive'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'Deleted: what went',
          content: { 'application/json': { schema: projectDeletionCountsSchema } },
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json(await removeProject(c.var.services, c.req.valid('param').slug), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/api/projects/{slug}/audit',
      summary: 'Who archived, restored or deleted what in a project, newest first (owners and reviewers)',
      tags: ['archive'],
      request: { params: slugParams },
      responses: {
        200: {
          description: 'The entries, at most 200',
          content: { 'application/json': { schema: z.object({ items: z.array(auditEntrySchema) }) } },
        },
        ...problemResponses(401, 403, 404, 422),
      },
    }),
    async (c) => c.json({ items: await projectAuditLog(c.var.services, c.req.valid('param').slug) }, 200),
  );
