// The dataset row schema (versioned) and the generators that page rows out of the database.
// Both scopes share one schema so a CSV or Parquet file always has the same columns.
import { toCodePointOffsets } from '@attest/core';
import {
  type ExportCursor,
  type ExportFilters,
  type ExportLine,
  listExportLines,
  listProjectAnnotatorIds,
  type ProjectWithCount,
} from '@attest/db';
import type { ServiceContext } from './context.ts';

/** Bumped whenever a field is added, removed or changes meaning; docs/datasets.md lists each version. */
export const datasetSchemaVersion = 2;

export type DatasetScope = 'gold' | 'annotations';

export interface DatasetCue {
  start: number;
  end: number;
  start_cp: number;
  end_cp: number;
  kind: string;
  text: string;
}

export interface DatasetRow {
  schema_version: number;
  scope: DatasetScope;
  project: string;
  document_id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published_at: string | null;
  body_sha256: string;
  sentence_id: string;
  position: number;
  kind: string;
  start: number;
  end: number;
  start_cp: number;
  end_cp: number;
  text: string;
  label: string | null;
  label_name: string | null;
  status: string;
  gold_label: string | null;
  source: string | null;
  chain: string[];
  cues: DatasetCue[];
  note: string | null;
  annotator: string | null;
  annotations: { annotator: string; label: string }[];
  annotation_count: number;
  agreement: number | null;
  adjudicator: string | null;
  adjudication_note: string | null;
  suggested_label: string | null;
  suggestion_confidence: number | null;
  suggestion_rule: string | null;
  suggestion_accepted: boolean | null;
  created_at: string | null;
  updated_at: string | null;
  adjudicated_at: string | null;
  guidelines_version: number;
}

/** Column order of CSV and Parquet files: the order of the fields above. */
export const datasetFields = [
  'schema_version',
  'scope',
  'project',
  'document_id',
  'title',
  'outlet',
  'url',
  'published_at',
  'body_sha256',
  'sentence_id',
  'position',
  'kind',
  'start',
  'end',
  'start_cp',
  'end_cp',
  'text',
  'label',
  'label_name',
  'status',
  'gold_label',
  'source',
  'chain',
  'cues',
  'note',
  'annotator',
  'annotations',
  'annotation_count',
  'agreement',
  'adjudicator',
  'adjudication_note',
  'suggested_label',
  'suggestion_confidence',
  'suggestion_rule',
  'suggestion_accepted',
  'created_at',
  'updated_at',
  'adjudicated_at',
  'guidelines_version',
] as const satisfies readonly (keyof DatasetRow)[];

export const goldStatuses = ['adjudicated', 'agreed', 'single', 'disputed', 'unlabelled'] as const;

export interface DatasetOptions {
  scope: DatasetScope;
  filters: ExportFilters;
  /** Replace e-mail addresses with "annotator-N", numbered by account age (stable across exports). */
  pseudonymise: boolean;
  /** Sentences per database query; memory holds one batch. */
  batchSize?: number;
}

/**
 * Yields the JSON lines of the dataset a page at a time, as PostgreSQL writes them: a caller
 * checks for a disconnected client between pages, and memory holds one page.
 */
export async function* datasetLineBatches(
  context: ServiceContext,
  project: ProjectWithCount,
  options: DatasetOptions,
): AsyncGenerator<string[]> {
  const pseudonymOrder = options.pseudonymise
    ? await listProjectAnnotatorIds(context.db, project.id)
    : undefined;
  const filters: ExportFilters = {
    ...options.filters,
    annotatedOnly: options.scope === 'annotations' || options.filters.annotatedOnly,
  };
  const batchSize = options.batchSize ?? 5_000;
  // A small first page brings the first byte quickly; later pages grow to the batch size.
  let limit = Math.min(batchSize, 250);
  let after: ExportCursor | undefined;
  for (; ; limit = Math.min(batchSize, limit * 4)) {
    const page = await listExportLines(context.db, {
      projectId: project.id,
      projectSlug: project.slug,
      guidelinesVersion: project.guidelinesVersion,
      schemaVersion: datasetSchemaVersion,
      scope: options.scope,
      filters,
      pseudonymOrder,
      after,
      limit,
    });
    if (page.length > 0)
      yield page.map((row) =>
        row.astralBody === null ? row.line : withCodePointOffsets(row.line, row.astralBody),
      );
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

function sentencesIn(page: readonly ExportLine[]): number {
  let count = 0;
  for (const [index, row] of page.entries()) {
    const previous = page[index - 1];
    if (!previous || previous.documentId !== row.documentId || previous.position !== row.position) count++;
  }
  return count;
}

/**
 * PostgreSQL counts offsets in code points, which match the stored UTF-16 offsets until a
 * character outside the Basic Multilingual Plane (an emoji, say) comes first: such rows are rare
 * and corrected here, cue texts included.
 */
function withCodePointOffsets(line: string, body: string): string {
  const row = JSON.parse(line) as DatasetRow;
  const utf16Offsets = [row.start, row.end, ...row.cues.flatMap((cue) => [cue.start, cue.end])];
  const codePointOffsets = toCodePointOffsets(body, utf16Offsets);
  row.start_cp = codePointOffsets[0]!;
  row.end_cp = codePointOffsets[1]!;
  for (const [index, cue] of row.cues.entries()) {
    cue.start_cp = codePointOffsets[2 + 2 * index]!;
    cue.end_cp = codePointOffsets[3 + 2 * index]!;
    cue.text = body.slice(cue.start, cue.end);
  }
  return JSON.stringify(row);
}

/** Rows as objects, for CSV, Parquet and the dataset card. */
export async function* datasetRowBatches(
  context: ServiceContext,
  project: ProjectWithCount,
  options: DatasetOptions,
): AsyncGenerator<DatasetRow[]> {
  for await (const lines of datasetLineBatches(context, project, options))
    yield lines.map((line) => JSON.parse(line) as DatasetRow);
}

export async function* datasetRows(
  context: ServiceContext,
  project: ProjectWithCount,
  options: DatasetOptions,
): AsyncGenerator<DatasetRow> {
  for await (const batch of datasetRowBatches(context, project, options)) yield* batch;
}
