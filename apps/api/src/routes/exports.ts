import { createRoute, z } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { within } from '../lib/deadline.ts';
import { summarizeError } from '../lib/error-log.ts';
import { createRouter, problemResponses } from '../lib/openapi.ts';
import type { DatasetExport } from '../services/dataset-export.ts';
import { exportQuery, openExport } from '../services/export-request.ts';
import { slugParams } from './params.ts';

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
          'text/markdown': { schema: z.string().openapi({ description: 'The dataset card (format=card)' }) },
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
          const clientLeft = new AbortController();
          output.onAbort(() => {
            clientLeft.abort();
            void dataset.chunks.return(undefined);
          });
          for await (const chunk of dataset.chunks) {
            // A client that went away stops the work: leaving the loop closes the generator.
            if (output.aborted) return;
            const isWritten = output.write(chunk).then(() => true);
            if (!(await within(isWritten, gate.limits.writeTimeoutMs, false, clientLeft.signal))) {
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
    );
  },
);

/** Closes the client's connection under the Node server; in-process requests (tests) have none. */
function hangUp(env: unknown): void {
  (env as { outgoing?: { destroy(): void } } | undefined)?.outgoing?.destroy();
}
