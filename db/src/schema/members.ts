// Who works on a project, in which role, which documents they are assigned, and invitations.
import { pgEnum, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { documents } from './documents.ts';
import { projects } from './projects.ts';
import { users } from './users.ts';

export const projectRoles = ['owner', 'reviewer', 'analyst'] as const;
export type ProjectRole = (typeof projectRoles)[number];
export const projectRole = pgEnum('project_role', projectRoles);

export const projectMembers = pgTable(
  'project_members',
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: projectRole().notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.userId] })],
);

export type ProjectMemberRow = typeof projectMembers.$inferSelect;

/** A document given to an analyst to label; progress comes from their annotations. */
export const assignments = pgTable(
  'assignments',
  {
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.documentId, table.userId] })],
);

/** A one-time link that lets a new teammate create an account and join a project. */
export const invites = pgTable('invites', {
  id: id(),
  projectId: uuid()
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' }),
  role: projectRole().notNull(),
  /** SHA-256 of the token in the link; the token itself is shown once, to the owner. */
  tokenHash: text().notNull().unique(),
  createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
  usedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});

export type InviteRow = typeof invites.$inferSelect;
