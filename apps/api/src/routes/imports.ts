import { importReportSchema } from '@attest/core';
import { createRoute, z } from '@hono/zod-openapi';
import { ProblemError } from '../errors.ts';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import { type ImportFile, importDataset } from '../services/import-dataset.ts';
import { slugParams } from './params.ts';

/** The file name a raw body is read as, by its content type. */
const rawBodyNames: [string, string][] = [
  ['application/x-ndjson', 'body.jsonl'],
  ['application/jsonl', 'body.jsonl'],
  ['text/csv', 'body.csv'],
  ['application/zip', 'body.zip'],
  ['text/plain', 'body.txt'],
];

export const importRoutes = createRouter().openapi(
  createRoute({
    method: 'post',
    path: '/api/projects/{slug}/imports',
    summary: 'Import articles from JSON lines, CSV, text files or an Attest export (owners and reviewers)',
    description:
      'Send the file as the body (Content-Type application/x-ndjson, text/csv, text/plain or application/zip) or as multipart/form-data "file" fields. Bad rows are reported by line and the others imported; with ?strict=true nothing is written when any row is bad. An import holds at most 100,000 rows; a zip at most 16 entries, 64 MiB per entry uncompressed, 256 MiB in all and 100 times its compressed size (413 or 422 otherwise).',
    tags: ['documents'],
    request: {
      params: slugParams,
      query: z.strictObject({
        strict: z.enum(['true', 'false']).default('false'),
        annotators: z.enum(['importer', 'members']).default('importer').openapi({
          description:
            "Whose labels an Attest export brings: the importer's (default), or, for owners only, those of the members with the exported e-mail addresses",
        }),
      }),
    },
    responses: {
      200: {
        description: 'What was imported',
        content: { 'application/json': { schema: importReportSchema } },
      },
      ...problemResponses(400, 401, 403, 404, 413, 415, 422),
    },
  }),
  async (c) => {
    const contentType = c.req.header('content-type')?.toLowerCase() ?? '';
    let files: ImportFile[];
    if (contentType.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody({ all: true });
      const uploads = [form['file'] ?? [], form['files'] ?? []].flat().filter((item) => item instanceof File);
      files = await Promise.all(
        uploads.map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
      );
    } else {
      const name = rawBodyNames.find(([type]) => contentType.startsWith(type))?.[1];
      if (!name) {
        throw new ProblemError(
          415,
          'unsupported-media-type',
          'Send JSON lines, CSV, text or a zip',
          'Use Content-Type application/x-ndjson, text/csv, text/plain or application/zip, or upload multipart/form-data "file" fields.',
        );
      }
      files = [{ name, bytes: new Uint8Array(await c.req.arrayBuffer()) }];
    }
    if (files.length === 0)
      throw new ProblemError(422, 'invalid-input', 'No file', 'Attach at least one file.');
    const query = c.req.valid('query');
    const report = await importDataset(c.var.services, c.req.valid('param').slug, files, {
      strict: query.strict === 'true',
      keepAnnotators: query.annotators === 'members',
    });
    return c.json(report, 200);
  },
);
