import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { sentences } from './documents.ts';
import { labels } from './projects.ts';
import { users } from './users.ts';

/** A reviewer's decision on a sentence's gold label, settling the analysts' disagreement. */
export const adjudications = pgTable(
  'adjudications',
  {
    id: id(),
    sentenceId: uuid()
      .notNull()
      .unique()
      .references(() => sentences.id, { onDelete: 'cascade' }),
    labelId: uuid()
      .notNull()
      .references(() => labels.id, { onDelete: 'restrict' }),
    note: text(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // By reviewer: whether someone adjudicated in a project (export pseudonyms) without a scan.
  (table) => [index().on(table.decidedBy)],
);

export type AdjudicationRow = typeof adjudications.$inferSelect;
