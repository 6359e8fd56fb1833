// The generators that page dataset rows out of the database. The row layout (versioned) is the
// field table in @attest/core; both scopes share it, so a CSV or Parquet file always has the same columns.
import { type DatasetRow, datasetSchemaVersion } from '@attest/core';
import {
  copyConnectionOf,
  copyExportLines,
  type ExportCursor,
  type ExportFilters,
  type ExportLine,
  type ExportLinesParams,
  findDocumentCreatedAt,
  listExportLines,
  listProjectAnnotatorIds,
  type ProjectRow,
} from '@attest/db';
import type { ServiceContext } from './context.ts';
import { LineTail, parseLineChunks } from './json-line-chunks.ts';

export type DatasetScope = 'gold' | 'annotations';

export interface DatasetOptions {
  scope: DatasetScope;
  filters: ExportFilters;
  /** Replace e-mail addresses with "annotator-N", numbered by account age (stable across exports). */
  pseudonymise: boolean;
  /** Sentences per database query; memory holds one batch. */
  batchSize?: number;
}

/**
 * The dataset as JSON lines, a page of sentences at a time: chunks of UTF-8 bytes, each line
 * ending in a newline. On PostgreSQL the chunks are `COPY`'s own bytes as they arrive, so memory
 * holds a few of them whatever the export's size; PGlite answers each page as rows. A caller
 * that stops pulling stops the export within a page.
 */
export async function* datasetLineChunks(
  context: ServiceContext,
  project: ProjectRow,
  options: DatasetOptions,
): AsyncGenerator<Uint8Array> {
  const pseudonymOrder = options.pseudonymise
    ? await listProjectAnnotatorIds(context.db, { projectId: project.id })
    : undefined;
  const filters: ExportFilters = {
    ...options.filters,
    annotatedOnly: options.scope === 'annotations' || options.filters.annotatedOnly,
  };
  const connection = copyConnectionOf(context.db);
  // PGlite has one connection, held for the whole of a page's query: small pages let saves and
  // sign-ins run between them.
  const batchSize = options.batchSize ?? (connection ? 5_000 : 500);
  // A small first page brings the first byte quickly; later pages grow to the batch size.
  let limit = Math.min(batchSize, 250);
  let after: ExportCursor | undefined;
  for (; ; limit = Math.min(batchSize, limit * 4)) {
    const params: ExportLinesParams = {
      projectId: project.id,
      projectSlug: project.slug,
      guidelinesVersion: project.guidelinesVersion,
      schemaVersion: datasetSchemaVersion,
      scope: options.scope,
      filters,
      pseudonymOrder,
      after,
      limit,
    };
    if (connection) {
      const tail = new LineTail();
      for await (const chunk of copyExportLines(connection, params)) {
        tail.add(chunk);
        yield chunk;
      }
      // Fewer lines than sentences asked for: the last page (lines are at least sentences).
      if (tail.count < limit) return;
      const last = JSON.parse(tail.lastLine()) as Pick<DatasetRow, 'document_id' | 'position'>;
      after = {
        documentCreatedAt: await findDocumentCreatedAt(context.db, {
          projectId: params.projectId,
          documentId: last.document_id,
        }),
        documentId: last.document_id,
        position: last.position,
      };
    } else {
      const page = await listExportLines(context.db, params);
      if (page.length > 0) yield utf8.encode(`${page.map((row) => row.line).join('\n')}\n`);
      const last = page.at(-1);
      // A page holds `limit` sentences, or more lines in the annotations scope.
      if (!last || sentencesIn(page) < limit) return;
      after = {
        documentCreatedAt: last.documentCreatedAt,
        documentId: last.documentId,
        position: last.position,
      };
    }
  }
}

const utf8 = new TextEncoder();

function sentencesIn(page: readonly ExportLine[]): number {
  let count = 0;
  for (const [index, row] of page.entries()) {
    const previous = page[index - 1];
    if (!previous || previous.documentId !== row.documentId || previous.position !== row.position) count++;
  }
  return count;
}

/** Rows as objects, for CSV, Parquet and the dataset card: one batch per chunk of lines. */
export async function* datasetRowBatches(
  context: ServiceContext,
  project: ProjectRow,
  options: DatasetOptions,
): AsyncGenerator<DatasetRow[]> {
  yield* parseLineChunks<DatasetRow>(datasetLineChunks(context, project, options));
}

export async function* datasetRows(
  context: ServiceContext,
  project: ProjectRow,
  options: DatasetOptions,
): AsyncGenerator<DatasetRow> {
  for await (const batch of datasetRowBatches(context, project, options)) yield* batch;
}
