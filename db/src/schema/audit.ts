import {
  type AuditAction,
  type AuditTargetKind,
  auditActions,
  auditTargetKinds,
  type DeletionCounts,
} from '@attest/core';
import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { users } from './users.ts';

export { type AuditAction, type AuditTargetKind, auditActions, auditTargetKinds };

/** What a deletion removed, as the confirmation named it. */
export type AuditCounts = DeletionCounts;

/**
 * Who archived, restored or deleted which project or document, and when. The entries outlive
 * what they describe, so the project and target are plain ids, not foreign keys, and the
 * target's name is copied at the time.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    projectId: uuid().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Who acted, as named then ("Olivia Owner <owner@example.org>", or the local command line). */
    actorName: text().notNull(),
    action: text({ enum: auditActions }).notNull(),
    targetKind: text({ enum: auditTargetKinds }).notNull(),
    targetId: uuid().notNull(),
    targetName: text().notNull(),
    /** On delete: what went with it. */
    counts: jsonb().$type<AuditCounts>(),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.projectId, table.createdAt)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
