import type { Suggestion } from '@attest/core';
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { projects } from './projects.ts';
import { users } from './users.ts';

export const documents = pgTable(
  'documents',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text().notNull(),
    outlet: text(),
    url: text(),
    publishedAt: timestamp({ withTimezone: true, mode: 'date' }),
    body: text().notNull(),
    /** Hex SHA-256 of the body: importing the same text into a project twice is a no-op. */
    bodySha256: text().notNull(),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** Set while the document is archived: hidden from lists, queues, reports and exports, kept. */
    archivedAt: timestamp({ withTimezone: true, mode: 'date' }),
  },
  (table) => [
    unique().on(table.projectId, table.bodySha256),
    index().on(table.projectId, table.createdAt, table.id),
  ],
);

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;

export const segmentKind = pgEnum('segment_kind', ['headline', 'sentence', 'boilerplate']);

export const sentences = pgTable(
  'sentences',
  {
    id: id(),
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    position: integer().notNull(),
    /** UTF-16 offsets into the document body. */
    start: integer().notNull(),
    end: integer().notNull(),
    kind: segmentKind().notNull(),
    text: text().notNull(),
    suggestion: jsonb().$type<Suggestion>(),
    /**
     * The words claim matching compares (`claimText` in @attest/core), written when the sentence
     * is linked, with its words as claim keys (`claim_keys`, bigint[], GIN-indexed: the claim
     * candidates are found by them; migration 0015, outside this schema, see `claimKeyCounts`).
     * Null until then.
     */
    claimText: text(),
  },
  (table) => [index().on(table.documentId, table.position)],
);

export type SentenceRow = typeof sentences.$inferSelect;
export type NewSentenceRow = typeof sentences.$inferInsert;
