// The `claims` export: one row per claim with every occurrence (document, outlet, publication
// time, sentence, gold label, attribution, tier), as JSON lines or CSV. Owners and reviewers
// only, as every export; pages of claims are read as the client pulls, as the dataset rows are.
import { type ClaimAttribution, isAttributionDropped } from '@attest/core';
import { type ClaimExportRow, listClaimExportRows } from '@attest/db';
import { stringify } from 'csv-stringify/sync';
import { InvalidInputError } from '../errors.ts';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { cellOf } from './dataset-csv.ts';
import type { DatasetExport } from './dataset-export.ts';

/** Bumped whenever a field of a claims row is added, removed or changes meaning (docs/datasets.md). */
export const claimsExportSchemaVersion = 1;
export const claimsExportFormats = ['jsonl', 'csv'] as const;
type ClaimsExportFormat = (typeof claimsExportFormats)[number];

export interface ClaimsExportRequest {
  format: string;
  documentIds?: readonly string[] | undefined;
  publishedFrom?: Date | undefined;
  publishedTo?: Date | undefined;
  /** Sentence filters of the other scopes, refused here rather than silently ignored. */
  statuses?: readonly string[] | undefined;
  labels?: readonly string[] | undefined;
}

/** An occurrence as exported: the row the query reads, its date as ISO text, its gold label as `label`. */
export interface ClaimOccurrenceExport
  extends Pick<
    ClaimExportRow,
    | 'document_id'
    | 'title'
    | 'outlet'
    | 'url'
    | 'sentence_id'
    | 'position'
    | 'kind'
    | 'start'
    | 'end'
    | 'text'
    | 'status'
    | 'attribution'
    | 'tier'
    | 'score'
  > {
  published_at: string | null;
  label: string | null;
  matched_words: string[];
}

export interface ClaimExportLine {
  schema_version: number;
  scope: 'claims';
  project: string;
  claim_id: string;
  document_count: number;
  outlet_count: number;
  occurrence_count: number;
  first_published_at: string | null;
  attribution_dropped: boolean;
  labels_differ: boolean;
  occurrences: ClaimOccurrenceExport[];
}

/** The columns of a claims row, in order (CSV header, docs/datasets.md). */
export const claimExportFields = [
  'schema_version',
  'scope',
  'project',
  'claim_id',
  'document_count',
  'outlet_count',
  'occurrence_count',
  'first_published_at',
  'attribution_dropped',
  'labels_differ',
  'occurrences',
] as const satisfies readonly (keyof ClaimExportLine)[];

/** Claims read per page: a claim rarely has more than a few dozen occurrences. */
const claimsPerPage = 200;
const encoder = new TextEncoder();
const isoOf = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

export async function openClaimsExport(
  context: ServiceContext,
  projectSlug: string,
  request: ClaimsExportRequest,
): Promise<DatasetExport> {
  const format = checkedFormat(request);
  const { project } = await requireProject(context, projectSlug, managers, 'export it');
  const lines = claimLines(context, { projectId: project.id, slug: project.slug }, request);
  return {
    filename: `${project.slug}-claims.${format}`,
    contentType:
      format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/x-ndjson; charset=utf-8',
    chunks: format === 'csv' ? csvChunks(lines) : jsonChunks(lines),
  };
}

function checkedFormat(request: ClaimsExportRequest): ClaimsExportFormat {
  const errors = [];
  if (!(claimsExportFormats as readonly string[]).includes(request.format))
    errors.push({ path: 'format', message: 'The claims scope is exported as jsonl or csv.' });
  if (request.statuses)
    errors.push({ path: 'status', message: 'Gold statuses filter sentences, not claims.' });
  if (request.labels) errors.push({ path: 'label', message: 'Labels filter sentences, not claims.' });
  if (errors.length > 0)
    throw new InvalidInputError(
      'The claims export takes format jsonl or csv and the documents and publication-date filters only.',
      errors,
    );
  return request.format as ClaimsExportFormat;
}

async function* claimLines(
  context: ServiceContext,
  project: { projectId: string; slug: string },
  request: ClaimsExportRequest,
): AsyncGenerator<ClaimExportLine[]> {
  let afterClaimId: string | undefined;
  for (;;) {
    const rows = await listClaimExportRows(context.db, {
      projectId: project.projectId,
      documentIds: request.documentIds,
      publishedFrom: request.publishedFrom,
      publishedTo: request.publishedTo,
      afterClaimId,
      limit: claimsPerPage,
    });
    if (rows.length === 0) return;
    const byClaim = new Map<string, ClaimExportRow[]>();
    for (const row of rows) byClaim.set(row.claim_id, [...(byClaim.get(row.claim_id) ?? []), row]);
    yield [...byClaim].map(([claimId, occurrences]) => claimLine(project.slug, claimId, occurrences));
    afterClaimId = rows.at(-1)?.claim_id;
  }
}

function claimLine(slug: string, claimId: string, rows: readonly ClaimExportRow[]): ClaimExportLine {
  const labels = new Set(rows.flatMap((row) => (row.gold ? [row.gold] : [])));
  const published = rows.flatMap((row) => (row.published_at === null ? [] : [isoOf(row.published_at)]));
  return {
    schema_version: claimsExportSchemaVersion,
    scope: 'claims',
    project: slug,
    claim_id: claimId,
    document_count: new Set(rows.map((row) => row.document_id)).size,
    outlet_count: new Set(rows.flatMap((row) => (row.outlet ? [row.outlet] : []))).size,
    occurrence_count: rows.length,
    // Occurrences come oldest publication first.
    first_published_at: published[0] ?? null,
    attribution_dropped: isAttributionDropped(rows.map((row) => row.attribution as ClaimAttribution)),
    labels_differ: labels.size > 1,
    occurrences: rows.map((row) => ({
      document_id: row.document_id,
      title: row.title,
      outlet: row.outlet,
      url: row.url,
      published_at: isoOf(row.published_at),
      sentence_id: row.sentence_id,
      position: row.position,
      kind: row.kind,
      start: row.start,
      end: row.end,
      text: row.text,
      label: row.gold,
      status: row.status,
      attribution: row.attribution,
      tier: row.tier,
      score: row.score,
      matched_words: row.evidence.matchedWords,
    })),
  };
}

async function* jsonChunks(pages: AsyncIterable<ClaimExportLine[]>): AsyncGenerator<Uint8Array> {
  for await (const page of pages)
    yield encoder.encode(page.map((line) => `${JSON.stringify(line)}\n`).join(''));
}

/** CSV as the dataset exports write it: RFC 4180, CRLF, the occurrences as JSON text. */
async function* csvChunks(pages: AsyncIterable<ClaimExportLine[]>): AsyncGenerator<Uint8Array> {
  const options = { record_delimiter: '\r\n' };
  yield encoder.encode(stringify([[...claimExportFields]], options));
  for await (const page of pages)
    yield encoder.encode(
      stringify(
        page.map((line) => claimExportFields.map((field) => cellOf(line[field]))),
        options,
      ),
    );
}
