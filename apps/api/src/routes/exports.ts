import { createRoute, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { within } from '../lib/deadline.ts';
import { summarizeError } from '../lib/error-log.ts';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import { openClaimsExport } from '../services/claims-export.ts';
import type { ServiceContext } from '../services/context.ts';
import {
  type DatasetExport,
  type DatasetRequest,
  datasetFormats,
  openDatasetExport,
} from '../services/dataset-export.ts';
import { type DatasetScope, goldStatuses } from '../services/dataset-rows.ts';
import { slugParams } from './projects.ts';

const splitList = (text: string) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
const listText = z.string().max(40_000).transform(splitList);

const dateBound = z
  .string()
  .refine((text) => !Number.isNaN(Date.parse(text)), 'Not a date; use YYYY-MM-DD or an ISO 8601 time.')
  .transform((text) => new Date(text));

export const exportQuery = z.strictObject({
  format: z.enum(datasetFormats).default('jsonl').openapi({
    description: 'jsonl, csv, parquet, zip (all three with documents and card) or card (README.md only)',
  }),
  scope: z.enum(['gold', 'annotations', 'claims']).default('gold').openapi({
    description:
      'gold: one row per sentence; annotations: one row per analyst per sentence; claims: one row per claim with its occurrences (jsonl or csv)',
  }),
  documents: listText
    .pipe(z.array(z.guid('Not a valid document id.')).max(1_000))
    .optional()
    .openapi({ description: 'Comma-separated document ids (a document set)' }),
  status: listText
    .pipe(z.array(z.enum(goldStatuses)))
    .optional()
    .openapi({ description: 'Comma-separated gold statuses' }),
  label: listText
    .pipe(z.array(z.string().max(60)).max(50))
    .optional()
    .openapi({
      description: 'Comma-separated label keys (gold label, or the analyst label in the annotations scope)',
    }),
  published_from: dateBound.optional().openapi({ description: 'Earliest publication time, inclusive' }),
  published_to: dateBound
    .optional()
    .openapi({ description: 'Latest publication time, inclusive; a bare date means its end' }),
  annotators: z
    .enum(['pseudonymous', 'emails'])
    .default('pseudonymous')
    .openapi({ description: 'annotator-N (default) or e-mail addresses' }),
});

export const exportRoutes = createRouter().openapi(
  createRoute({
    method: 'get',
    path: '/api/projects/{slug}/export',
    summary:
      'Stream a dataset of the project as JSON lines, CSV, Parquet or a zip bundle (owners and reviewers)',
    description:
      'Rows follow the versioned schema in docs/datasets.md. The response streams: the first rows arrive while later ones are still read.',
    tags: ['exports'],
    request: { params: slugParams, query: exportQuery },
    responses: {
      200: {
        description: 'The dataset file',
        content: {
          'application/x-ndjson': { schema: z.string() },
          'text/csv': { schema: z.string() },
          'application/vnd.apache.parquet': { schema: z.string().openapi({ format: 'binary' }) },
          'application/zip': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...problemResponses(401, 403, 404, 422, 429),
    },
  }),
  async (c) => {
    const { slug } = c.req.valid('param');
    const gate = c.var.exportGate;
    const leave = gate.enter(c.var.services.userId);
    let dataset: DatasetExport;
    try {
      // Access is checked before the first byte: afterwards a problem could no longer be sent.
      dataset = await openExport(
        { ...c.var.services, db: gate.db },
        slug,
        c.req.valid('query'),
        c.req.query(),
      );
    } catch (error) {
      leave();
      throw error;
    }
    c.header('content-type', dataset.contentType);
    c.header('content-disposition', `attachment; filename="${dataset.filename}"`);
    c.header('cache-control', 'no-store');
    return stream(
      c,
      async (output) => {
        try {
          // A write to a client that went away may never settle: its departure ends the wait
          // at once, so the export's place and connection come back now, not at the timeout.
          const whenClientLeaves = new Promise<boolean>((resolve) => {
            output.onAbort(() => {
              resolve(false);
              void dataset.chunks.return(undefined);
            });
          });
          for await (const chunk of dataset.chunks) {
            // A client that went away stops the work: leaving the loop closes the generator.
            if (output.aborted) return;
            const isWritten = Promise.race([output.write(chunk).then(() => true), whenClientLeaves]);
            if (!(await within(isWritten, gate.limits.writeTimeoutMs, false))) {
              if (output.aborted) return;
              // The client stopped reading: stop the export, give its connection back, hang up.
              output.abort();
              hangUp(c.env);
              return;
            }
          }
        } finally {
          leave();
        }
      },
      async (error, output) => {
        // Headers are sent: the only way left to say "incomplete" is to break the connection
        // rather than end the file cleanly.
        c.var.logError('Export failed while streaming', {
          requestId: c.var.requestId,
          path: c.req.path,
          error: summarizeError(error),
        });
        output.abort();
        hangUp(c.env);
      },
    ) as never;
  },
);

/** Closes the client's connection under the Node server; in-process requests (tests) have none. */
function hangUp(env: unknown): void {
  (env as { outgoing?: { destroy(): void } } | undefined)?.outgoing?.destroy();
}

export type ExportQuery = z.infer<typeof exportQuery>;

/** The export a query asks for: the claims, or a dataset of sentences (access checked first). */
export function openExport(
  context: ServiceContext,
  slug: string,
  query: ExportQuery,
  rawQuery: Record<string, string>,
): Promise<DatasetExport> {
  const { scope } = query;
  if (scope === 'claims')
    return openClaimsExport(context, slug, {
      format: query.format,
      documentIds: query.documents,
      statuses: query.status,
      labels: query.label,
      ...publicationBounds(query, rawQuery),
    });
  return openDatasetExport(context, slug, datasetRequestOf({ ...query, scope }, rawQuery));
}

function publicationBounds(query: ExportQuery, rawQuery: Record<string, string>) {
  const publishedTo =
    query.published_to && isBareDate(rawQuery['published_to'])
      ? new Date(query.published_to.getTime() + 86_400_000 - 1)
      : query.published_to;
  return { publishedFrom: query.published_from, publishedTo };
}

/**
 * The dataset an export query asks for. `rawQuery` is the query as typed: a bare date in
 * published_to means the end of that day, and the card lists the filters as they were given.
 */
export function datasetRequestOf(
  query: ExportQuery & { scope: DatasetScope },
  rawQuery: Record<string, string>,
): DatasetRequest {
  const { publishedTo } = publicationBounds(query, rawQuery);
  const filterSummary = Object.fromEntries(
    Object.entries(rawQuery).filter(([key]) => !['format', 'scope', 'annotators'].includes(key)),
  );
  return {
    format: query.format,
    scope: query.scope,
    pseudonymise: query.annotators === 'pseudonymous',
    filters: {
      documentIds: query.documents,
      statuses: query.status,
      labels: query.label,
      publishedFrom: query.published_from,
      publishedTo,
    },
    filterSummary,
  };
}

function isBareDate(text: string | undefined): boolean {
  return Boolean(text && /^\d{4}-\d{2}-\d{2}$/.test(text));
}
