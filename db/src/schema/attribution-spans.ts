// Documents whose sentences' suggestions still lack the attribution layer's cues (source, cue and
// content spans). An import stores the rules' suggestions and answers; the spans, which cost about
// as much again, are added afterwards by the process's background filler, or by the first request
// that reads or re-segments the document, whichever comes first. A row is written in the
// transaction that writes the document and removed in the one that adds the spans.
import { bigint, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { documents } from './documents.ts';

export const attributionSpanQueue = pgTable('attribution_span_queue', {
  documentId: uuid()
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  /** Import order: the filler takes the oldest first. */
  queuedOrder: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
  createdAt: createdAt(),
});
