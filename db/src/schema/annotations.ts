import {
  type AnnotationEventAction,
  type AnnotationSnapshot,
  annotationEventActions,
  type CueSpan,
  suggestionRelations,
} from '@attest/core';
import { bigint, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { documents, sentences } from './documents.ts';
import { labels } from './projects.ts';
import { users } from './users.ts';

export const annotations = pgTable(
  'annotations',
  {
    id: id(),
    sentenceId: uuid()
      .notNull()
      .references(() => sentences.id, { onDelete: 'cascade' }),
    annotatorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    labelId: uuid()
      .notNull()
      .references(() => labels.id, { onDelete: 'restrict' }),
    /** Normalised source entity, e.g. "KCNA" or "JCS". */
    source: text(),
    /** Nested attribution from the outlet inward, e.g. ["Yonhap", "KCNA"]. */
    chain: jsonb().$type<string[]>().notNull().default([]),
    /** Cue spans as UTF-16 offsets into the document body, so they survive splits and merges. */
    cues: jsonb().$type<CueSpan[]>().notNull().default([]),
    note: text(),
    /** How the label relates to the suggestion shown when it was saved; null: not recorded. */
    suggestionRelation: text({ enum: suggestionRelations }),
    /** The version (`suggestionVersion`) of that suggestion; null without one. */
    suggestionVersion: text(),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // By annotator: whether someone labelled in a project (export pseudonyms) without a scan.
  (table) => [unique().on(table.sentenceId, table.annotatorId), index().on(table.annotatorId)],
);

export type AnnotationRow = typeof annotations.$inferSelect;
export type NewAnnotationRow = typeof annotations.$inferInsert;

export { type AnnotationEventAction, type AnnotationSnapshot, annotationEventActions };

/** Append-only history of every change to an annotation. */
export const annotationEvents = pgTable(
  'annotation_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** Null once a merge has removed the sentence; the document keeps the history. */
    sentenceId: uuid().references(() => sentences.id, { onDelete: 'set null' }),
    annotatorId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    action: text({ enum: annotationEventActions }).notNull(),
    /**
     * Who made a split or merge that changed this annotation or gold label: often someone
     * other than its annotator. Null on the annotator's own edits.
     */
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    before: jsonb().$type<AnnotationSnapshot>(),
    after: jsonb().$type<AnnotationSnapshot>(),
    /** Chosen by the client for each edit, unique per user: a retried save is applied once. */
    clientOpId: text(),
    createdAt: createdAt(),
  },
  // By actor: deleting an account sets its splits' and merges' actor to null without a scan.
  (table) => [
    index().on(table.sentenceId, table.createdAt),
    index().on(table.documentId),
    index().on(table.actorId),
    // Keys are the user's own: one user's key never stands for another user's edit.
    unique().on(table.annotatorId, table.clientOpId),
  ],
);

export type AnnotationEventRow = typeof annotationEvents.$inferSelect;
