import { boolean, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';

export const projects = pgTable('projects', {
  id: id(),
  slug: text().notNull().unique(),
  name: text().notNull(),
  /** Markdown shown to analysts in the editor. */
  guidelines: text().notNull(),
  /** Grows with every edit of the guidelines, so exports can say which version applied. */
  guidelinesVersion: integer().notNull().default(1),
  /** How many analysts label each document (blind double annotation by default). */
  annotatorsPerDocument: integer().notNull().default(2),
  /**
   * Whether analysts may split and merge sentences. Segmentation is shared by everyone on a
   * document, so by default only owners and reviewers change it.
   */
  analystsMaySegment: boolean().notNull().default(false),
  /**
   * Whether each member's unlabelled documents and sentences are offered least-sure first (by the
   * project's model: docs/suggestions.md, "Active queue") instead of oldest first.
   */
  activeQueue: boolean().notNull().default(false),
  /** Set while the project is archived: hidden from the project list, kept, restorable by owners. */
  archivedAt: timestamp({ withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export type ProjectRow = typeof projects.$inferSelect;
export type NewProjectRow = typeof projects.$inferInsert;

export const labels = pgTable(
  'labels',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    key: text().notNull(),
    name: text().notNull(),
    color: text().notNull(),
    hotkey: text(),
    description: text().notNull().default(''),
    position: integer().notNull(),
  },
  (table) => [unique().on(table.projectId, table.key)],
);

export type LabelRow = typeof labels.$inferSelect;
export type NewLabelRow = typeof labels.$inferInsert;
