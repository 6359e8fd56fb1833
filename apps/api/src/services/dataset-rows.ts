// The dataset row schema (versioned) and the generator that pages rows out of the database.
// Both scopes share one schema so a CSV or Parquet file always has the same columns.
import { toCodePointOffsets } from '@attest/core';
import {
  type ExportFilters,
  type ExportSentenceRow,
  listExportDocuments,
  listExportSentences,
  listLabels,
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

function isoOrNull(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value).toISOString();
}

/** Yields rows in batches: a caller checks for a disconnected client between them. */
export async function* datasetRowBatches(
  context: ServiceContext,
  project: ProjectWithCount,
  options: DatasetOptions,
): AsyncGenerator<DatasetRow[]> {
  const batchSize = options.batchSize ?? 2_000;
  const labelNames = new Map(
    (await listLabels(context.db, project.id)).map((label) => [label.key, label.name]),
  );
  const pseudonyms = new Map<string, string>();
  if (options.pseudonymise) {
    const annotatorIds = await listProjectAnnotatorIds(context.db, project.id);
    for (const [index, id] of annotatorIds.entries()) pseudonyms.set(id, `annotator-${index + 1}`);
  }
  const nameOf = (userId: string | null, email: string | null): string | null => {
    if (!userId) return null;
    if (!options.pseudonymise) return email;
    let pseudonym = pseudonyms.get(userId);
    if (!pseudonym) {
      pseudonym = `annotator-${pseudonyms.size + 1}`;
      pseudonyms.set(userId, pseudonym);
    }
    return pseudonym;
  };
  const filters: ExportFilters = {
    ...options.filters,
    annotatedOnly: options.scope === 'annotations' || options.filters.annotatedOnly,
  };
  const labelFilter = options.filters.labels?.length ? new Set(options.filters.labels) : undefined;

  let documentCursor: { documentCreatedAt: string; documentId: string } | undefined;
  const documentBatchSize = 50;
  for (;;) {
    const documentPage = await listExportDocuments(context.db, {
      projectId: project.id,
      filters,
      after: documentCursor,
      limit: documentBatchSize,
    });
    if (documentPage.length === 0) return;
    const bodies = new Map(documentPage.map((document) => [document.id, document.body]));
    let sentenceCursor: { documentCreatedAt: string; documentId: string; position: number } | undefined;
    for (;;) {
      const sentences = await listExportSentences(context.db, {
        projectId: project.id,
        documentIds: documentPage.map((document) => document.id),
        scope: options.scope,
        filters,
        after: sentenceCursor,
        limit: batchSize,
      });
      const rows: DatasetRow[] = [];
      for (const sentence of sentences) {
        const body = bodies.get(sentence.documentId) ?? '';
        for (const row of rowsOf(sentence, body)) rows.push(row);
      }
      if (rows.length > 0) yield rows;
      const last = sentences.at(-1);
      if (!last || sentences.length < batchSize) break;
      sentenceCursor = {
        documentCreatedAt: last.documentCreatedAt,
        documentId: last.documentId,
        position: last.position,
      };
    }
    const lastDocument = documentPage.at(-1)!;
    if (documentPage.length < documentBatchSize) return;
    documentCursor = { documentCreatedAt: lastDocument.documentCreatedAt, documentId: lastDocument.id };
  }

  function rowsOf(sentence: ExportSentenceRow, body: string): DatasetRow[] {
    const annotations = sentence.annotations;
    const cueSpans = annotations.flatMap((annotation) => annotation.cues);
    const utf16Offsets = [sentence.start, sentence.end, ...cueSpans.flatMap((cue) => [cue.start, cue.end])];
    const codePointOffsets = toCodePointOffsets(body, utf16Offsets);
    const codePointOf = new Map<number, number>();
    for (const [index, offset] of utf16Offsets.entries()) codePointOf.set(offset, codePointOffsets[index]!);
    const withText = (cues: { start: number; end: number; kind: string }[]): DatasetCue[] =>
      cues.map((cue) => ({
        start: cue.start,
        end: cue.end,
        start_cp: codePointOf.get(cue.start)!,
        end_cp: codePointOf.get(cue.end)!,
        kind: cue.kind,
        text: body.slice(cue.start, cue.end),
      }));
    const labelCounts = new Map<string, number>();
    for (const annotation of annotations)
      labelCounts.set(annotation.label, (labelCounts.get(annotation.label) ?? 0) + 1);
    const majority = Math.max(0, ...labelCounts.values());
    const suggestion = sentence.suggestion;
    const base = {
      schema_version: datasetSchemaVersion,
      project: project.slug,
      document_id: sentence.documentId,
      title: sentence.title,
      outlet: sentence.outlet,
      url: sentence.url,
      published_at: isoOrNull(sentence.publishedAt),
      body_sha256: sentence.bodySha256,
      sentence_id: sentence.sentenceId,
      position: sentence.position,
      kind: sentence.kind,
      start: sentence.start,
      end: sentence.end,
      start_cp: codePointOf.get(sentence.start)!,
      end_cp: codePointOf.get(sentence.end)!,
      text: sentence.text,
      status: sentence.status,
      gold_label: sentence.gold,
      annotations: annotations.map((annotation) => ({
        annotator: nameOf(annotation.annotator_id, annotation.email)!,
        label: annotation.label,
      })),
      annotation_count: annotations.length,
      // The share of analysts who gave the most common label; undefined for fewer than two.
      agreement: annotations.length >= 2 ? majority / annotations.length : null,
      adjudicator: nameOf(sentence.adjudicatorId, sentence.adjudicatorEmail),
      adjudication_note: sentence.adjudicationNote,
      suggested_label: suggestion?.label ?? null,
      suggestion_confidence: suggestion ? suggestion.confidence : null,
      suggestion_rule: suggestion?.rule ?? null,
      adjudicated_at: isoOrNull(sentence.adjudicatedAt),
      guidelines_version: project.guidelinesVersion,
    };
    const accepted = (label: string | null) =>
      label === null || !suggestion?.label ? null : label === suggestion.label;
    if (options.scope === 'gold') {
      // The evidence of the gold label is that of the first analyst who gave it.
      const evidence = annotations.find((annotation) => annotation.label === sentence.gold);
      return [
        {
          ...base,
          scope: 'gold',
          label: sentence.gold,
          label_name: sentence.gold ? (labelNames.get(sentence.gold) ?? sentence.gold) : null,
          source: evidence?.source ?? null,
          chain: evidence?.chain ?? [],
          cues: withText(evidence?.cues ?? []),
          note: evidence?.note ?? null,
          annotator: null,
          suggestion_accepted: accepted(sentence.gold),
          created_at: isoOrNull(evidence?.created_at),
          updated_at: isoOrNull(evidence?.updated_at),
        },
      ];
    }
    return annotations
      .filter((annotation) => !labelFilter || labelFilter.has(annotation.label))
      .map((annotation) => ({
        ...base,
        scope: 'annotations',
        label: annotation.label,
        label_name: labelNames.get(annotation.label) ?? annotation.label,
        source: annotation.source,
        chain: annotation.chain,
        cues: withText(annotation.cues),
        note: annotation.note,
        annotator: nameOf(annotation.annotator_id, annotation.email),
        suggestion_accepted: accepted(annotation.label),
        created_at: isoOrNull(annotation.created_at),
        updated_at: isoOrNull(annotation.updated_at),
      }));
  }
}

export async function* datasetRows(
  context: ServiceContext,
  project: ProjectWithCount,
  options: DatasetOptions,
): AsyncGenerator<DatasetRow> {
  for await (const batch of datasetRowBatches(context, project, options)) yield* batch;
}
