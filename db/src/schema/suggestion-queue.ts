// Documents whose sentences wait for their suggestions (the rules' label and the attribution
// layer's source, cue and content spans). An import stores the sentences and answers; the
// suggestions, which cost more than the rest of the import, are added afterwards by the process's
// background filler, or by the first request that reads or re-segments the document, whichever
// comes first. A row is written in the transaction that writes the document and removed in the
// one that adds the suggestions. The table keeps the name it had when only the spans waited here.
import { bigint, pgTable, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { documents } from './documents.ts';

export const suggestionQueue = pgTable('attribution_span_queue', {
  documentId: uuid()
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  /** Import order: the filler takes the oldest first. */
  queuedOrder: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
  createdAt: createdAt(),
});
