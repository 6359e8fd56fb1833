// The per-project suggestion models (issue 21): each training stores a new version, so every
// server process serves the same model and a suggestion can name the version that decided it.
import type { SuggestionModel } from '@attest/core';
import { integer, jsonb, pgTable, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { projects } from './projects.ts';
import { users } from './users.ts';

export const suggestionModels = pgTable(
  'suggestion_models',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** 1, 2, 3… per project; the newest is served. */
    version: integer().notNull(),
    /** How many gold sentences it learned from. */
    goldSentences: integer().notNull(),
    /** Feature names and weights only: no sentence text. */
    model: jsonb().$type<SuggestionModel>().notNull(),
    trainingMilliseconds: integer().notNull(),
    /** Who asked for it; null when it was trained after new gold labels, or the user was deleted. */
    trainedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [unique().on(table.projectId, table.version)],
);

export type SuggestionModelRow = typeof suggestionModels.$inferSelect;
