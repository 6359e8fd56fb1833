// Shapes of archiving, restoring and deleting documents and projects, and of the audit log.
import { z } from 'zod';
import { auditActions, auditTargetKinds } from './vocabularies.ts';

const removedCounts = {
  /** Analysts' labels removed. */
  annotations: z.int(),
  /** Gold-label decisions removed. */
  adjudications: z.int(),
  /** Entries of the label history removed. */
  historyEntries: z.int(),
};
export const documentDeletionCountsSchema = z.object(removedCounts);
export const projectDeletionCountsSchema = z.object({
  /** Documents removed, archived ones included. */
  documents: z.int(),
  ...removedCounts,
});
/** What a deletion removes (a document's has no `documents`). */
export const deletionCountsSchema = projectDeletionCountsSchema.partial({ documents: true });
export type DeletionCounts = z.infer<typeof deletionCountsSchema>;

export const documentArchiveStateSchema = z.object({
  id: z.string(),
  title: z.string(),
  archivedAt: z.string().nullable(),
});
export const projectArchiveStateSchema = z.object({
  slug: z.string(),
  name: z.string(),
  archivedAt: z.string().nullable(),
});

/** One archive, restore or delete, as GET /api/projects/{slug}/audit lists it. */
export const auditEntrySchema = z.object({
  id: z.int(),
  action: z.enum(auditActions),
  targetKind: z.enum(auditTargetKinds),
  targetId: z.string(),
  targetName: z.string(),
  counts: deletionCountsSchema.nullable(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
