// Streaming a dataset in one format: the caller checks access (`openDatasetExport` does it
// before the first byte) and then pulls chunks, stopping whenever it likes; nothing is read
// from the database ahead of what it pulled.
import { type DatasetRow, datasetSchemaVersion } from '@attest/core';
import { type ExportFilters, listExportDocuments, openReadSnapshot, type ProjectRow } from '@attest/db';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { DatasetStatistics, datasetCard } from './dataset-card.ts';
import { csvHeader, csvLines } from './dataset-csv.ts';
import { DatasetParquetWriter } from './dataset-parquet.ts';
import {
  type DatasetOptions,
  type DatasetScope,
  datasetLineChunks,
  datasetRowBatches,
} from './dataset-rows.ts';
import { LineParser } from './json-line-chunks.ts';
import { ensureSuggestions } from './suggestion-filler.ts';

export const datasetFormats = ['jsonl', 'csv', 'parquet', 'zip', 'card'] as const;
export type DatasetFormat = (typeof datasetFormats)[number];

export interface DatasetRequest extends DatasetOptions {
  format: DatasetFormat;
  /** How the filters were asked for, for the dataset card. */
  filterSummary?: Record<string, string>;
}

export interface DatasetExport {
  filename: string;
  contentType: string;
  chunks: AsyncGenerator<Uint8Array>;
}

const encoder = new TextEncoder();

const contentTypes: Record<DatasetFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  parquet: 'application/vnd.apache.parquet',
  zip: 'application/zip',
  card: 'text/markdown; charset=utf-8',
};

export async function openDatasetExport(
  context: ServiceContext,
  projectSlug: string,
  request: DatasetRequest,
): Promise<DatasetExport> {
  const { project } = await requireProject(context, projectSlug, managers, 'export it');
  const stem = `${project.slug}-${request.scope}`;
  const extension = request.format === 'card' ? 'md' : request.format;
  return {
    filename: request.format === 'card' ? 'README.md' : `${stem}.${extension}`,
    contentType: contentTypes[request.format],
    chunks: datasetChunks(context, project, request),
  };
}

async function* datasetChunks(
  context: ServiceContext,
  project: ProjectRow,
  request: DatasetRequest,
): AsyncGenerator<Uint8Array> {
  // Every row carries its sentence's suggestion: add those an import left to the filler first.
  await ensureSuggestions(context.db, { projectId: project.id });
  switch (request.format) {
    case 'jsonl':
      yield* datasetLineChunks(context, project, request);
      return;
    case 'csv':
      yield* csvChunks(datasetRowBatches(context, project, request));
      return;
    case 'parquet':
      yield* parquetChunks(datasetRowBatches(context, project, request), request.scope);
      return;
    case 'card': {
      const statistics = new DatasetStatistics();
      for await (const batch of datasetRowBatches(context, project, request)) statistics.add(batch);
      yield encoder.encode(cardOf(project, request, statistics, [`${project.slug}-${request.scope}.jsonl`]));
      return;
    }
    case 'zip':
      yield* zipChunks(context, project, request);
      return;
  }
}

function cardOf(
  project: ProjectRow,
  request: DatasetRequest,
  statistics: DatasetStatistics,
  files: string[],
): string {
  return datasetCard({
    project,
    scope: request.scope,
    filters: request.filterSummary ?? {},
    statistics,
    files,
    generatedAt: new Date(),
  });
}

/** Passes chunks of JSON lines through, counting their rows into `statistics` on the way. */
async function* tap(
  chunks: AsyncIterable<Uint8Array>,
  statistics: DatasetStatistics,
): AsyncGenerator<Uint8Array> {
  const parser = new LineParser<DatasetRow>();
  for await (const chunk of chunks) {
    statistics.add(parser.rowsOf(chunk));
    yield chunk;
  }
}

export async function* csvChunks(batches: AsyncIterable<DatasetRow[]>): AsyncGenerator<Uint8Array> {
  // A byte-order mark would make Excel read UTF-8, but breaks the header name for most parsers.
  yield encoder.encode(csvHeader());
  for await (const batch of batches) yield encoder.encode(csvLines(batch));
}

export async function* parquetChunks(
  batches: AsyncIterable<DatasetRow[]>,
  scope: DatasetScope,
): AsyncGenerator<Uint8Array> {
  const writer = new DatasetParquetWriter({
    metadata: [
      { key: 'attest.schema_version', value: String(datasetSchemaVersion) },
      { key: 'attest.scope', value: scope },
    ],
  });
  for await (const batch of batches) yield* writer.add(batch);
  yield* writer.finish();
}

/**
 * The bundle: the data as JSON lines, CSV and Parquet, the documents with their text, and the
 * card. Each file reads the database again, so on PostgreSQL all of them read one snapshot and
 * agree with each other while others edit (on PGlite each page is read as it stands).
 */
async function* zipChunks(
  context: ServiceContext,
  project: ProjectRow,
  request: DatasetRequest,
): AsyncGenerator<Uint8Array> {
  const snapshot = await openReadSnapshot(context.db);
  try {
    yield* zipEntries(snapshot ? { ...context, db: snapshot.db } : context, project, request);
  } finally {
    await snapshot?.close();
  }
}

async function* zipEntries(
  context: ServiceContext,
  project: ProjectRow,
  request: DatasetRequest,
): AsyncGenerator<Uint8Array> {
  const pending: Uint8Array[] = [];
  let failure: Error | undefined;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending.push(chunk);
  });
  const stem = `${project.slug}-${request.scope}`;
  const files = [`${stem}.jsonl`, `${stem}.csv`, `${stem}.parquet`, 'documents.jsonl'];
  const statistics = new DatasetStatistics();
  async function* entry(
    name: string,
    chunks: AsyncIterable<Uint8Array>,
    compress = true,
  ): AsyncGenerator<Uint8Array> {
    const file = compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    zip.add(file);
    for await (const chunk of chunks) {
      file.push(chunk);
      if (failure) throw failure;
      yield* pending.splice(0);
    }
    file.push(new Uint8Array(0), true);
    yield* pending.splice(0);
  }
  yield* entry(files[0]!, tap(datasetLineChunks(context, project, request), statistics));
  yield* entry(files[1]!, csvChunks(datasetRowBatches(context, project, request)));
  // Parquet pages are compressed already.
  yield* entry(files[2]!, parquetChunks(datasetRowBatches(context, project, request), request.scope), false);
  yield* entry(files[3]!, documentChunks(context, project, request.filters));
  yield* entry(
    'README.md',
    (async function* () {
      yield encoder.encode(cardOf(project, request, statistics, files.slice(0, 1)));
    })(),
  );
  zip.end();
  if (failure) throw failure;
  yield* pending.splice(0);
}

/** The documents of the export with their full text, so an import can restore them exactly. */
async function* documentChunks(
  context: ServiceContext,
  project: ProjectRow,
  filters: ExportFilters,
): AsyncGenerator<Uint8Array> {
  let after: { documentCreatedAt: string; documentId: string } | undefined;
  for (;;) {
    const page = await listExportDocuments(context.db, { projectId: project.id, filters, after, limit: 100 });
    let text = '';
    for (const document of page) {
      text += `${JSON.stringify({
        schema_version: datasetSchemaVersion,
        document_id: document.id,
        title: document.title,
        outlet: document.outlet,
        url: document.url,
        published_at: document.publishedAt ? new Date(document.publishedAt).toISOString() : null,
        body_sha256: document.bodySha256,
        body: document.body,
      })}\n`;
    }
    if (text) yield encoder.encode(text);
    const last = page.at(-1);
    if (!last || page.length < 100) return;
    after = { documentCreatedAt: last.documentCreatedAt, documentId: last.id };
  }
}
