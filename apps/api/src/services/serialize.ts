// Turning database rows into the API's response shapes (dates as ISO strings, no internals).
import type { Annotation, DocumentSummary, Label, Sentence } from '@attest/core';
import type { AnnotationWithLabel, DocumentSummaryRow, LabelRow, SentenceRow } from '@attest/db';

export function toLabel(row: LabelRow): Label {
  return {
    key: row.key,
    name: row.name,
    color: row.color,
    hotkey: row.hotkey,
    description: row.description,
    position: row.position,
  };
}

export function toAnnotation(row: AnnotationWithLabel): Annotation {
  return {
    sentenceId: row.sentenceId,
    label: row.labelKey,
    source: row.source,
    chain: row.chain,
    cues: row.cues,
    note: row.note,
    suggestion: row.suggestionRelation
      ? { relation: row.suggestionRelation, version: row.suggestionVersion }
      : null,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toSentence(row: SentenceRow): Sentence {
  return {
    id: row.id,
    position: row.position,
    start: row.start,
    end: row.end,
    kind: row.kind,
    text: row.text,
    suggestion: row.suggestion,
  };
}

export function toDocumentSummary(row: DocumentSummaryRow): DocumentSummary {
  return {
    id: row.id,
    projectId: row.projectId,
    projectSlug: row.projectSlug,
    title: row.title,
    outlet: row.outlet,
    url: row.url,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    sentenceCount: row.sentenceCount,
    annotatableCount: row.annotatableCount,
    annotatedCount: row.annotatedCount,
    status:
      row.annotatedCount === 0 ? 'todo' : row.annotatedCount >= row.annotatableCount ? 'done' : 'in_progress',
  };
}
