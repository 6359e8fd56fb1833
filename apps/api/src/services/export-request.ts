// The query of an export, as GET /api/projects/{slug}/export and `attest export` both take it,
// and what it stands for: the claims, or a dataset of sentences.
import { goldStatuses } from '@attest/core';
import { z } from '@hono/zod-openapi';
import { openClaimsExport } from './claims-export.ts';
import type { ServiceContext } from './context.ts';
import {
  type DatasetExport,
  type DatasetRequest,
  datasetFormats,
  openDatasetExport,
} from './dataset-export.ts';
import type { DatasetScope } from './dataset-rows.ts';

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
