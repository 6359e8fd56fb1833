// Archiving, restoring and deleting documents and projects, and the audit entries that record
// who did it. Deleting relies on the foreign keys' cascades: sentences, annotations, their
// history, adjudications and assignments go with their document.
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type AuditAction, type AuditCounts, type AuditTargetKind, auditEvents } from '../schema/audit.ts';
import { documents } from '../schema/documents.ts';
import { projects } from '../schema/projects.ts';
import { rowsOf as rows } from '../sql/rows.ts';
import type { DocumentScope } from '../sql/scope.ts';

/**
 * Archives (`archived` true) or restores a document; returns it, or undefined when it was
 * already in that state (or does not exist).
 */
export async function setDocumentArchived(
  db: Executor,
  { projectId, documentId, archived }: DocumentScope & { archived: boolean },
): Promise<{ id: string; title: string; projectId: string; archivedAt: Date | null } | undefined> {
  const [changed] = await db
    .update(documents)
    .set({ archivedAt: archived ? new Date() : null })
    .where(
      and(
        eq(documents.id, documentId),
        eq(documents.projectId, projectId),
        archived ? isNull(documents.archivedAt) : isNotNull(documents.archivedAt),
      ),
    )
    .returning({
      id: documents.id,
      title: documents.title,
      projectId: documents.projectId,
      archivedAt: documents.archivedAt,
    });
  return changed;
}

/** Archives or restores a project, as `setDocumentArchived` does a document. */
export async function setProjectArchived(
  db: Executor,
  { projectId, archived }: { projectId: string; archived: boolean },
): Promise<{ id: string; name: string; archivedAt: Date | null } | undefined> {
  const [changed] = await db
    .update(projects)
    .set({ archivedAt: archived ? new Date() : null })
    .where(
      and(
        eq(projects.id, projectId),
        archived ? isNull(projects.archivedAt) : isNotNull(projects.archivedAt),
      ),
    )
    .returning({ id: projects.id, name: projects.name, archivedAt: projects.archivedAt });
  return changed;
}

/** What deleting the documents that `scope` selects (as conditions on `d`) would remove. */
async function countsOf(db: Executor, scope: ReturnType<typeof sql>): Promise<Required<AuditCounts>> {
  const [counted] = await rows<Required<AuditCounts>>(
    db,
    sql`select
        (select count(*)::int from documents d where ${scope}) as documents,
        (select count(*)::int from annotations an join sentences s on s.id = an.sentence_id
          join documents d on d.id = s.document_id where ${scope}) as annotations,
        (select count(*)::int from adjudications a join sentences s on s.id = a.sentence_id
          join documents d on d.id = s.document_id where ${scope}) as adjudications,
        (select count(*)::int from annotation_events e join documents d on d.id = e.document_id
          where ${scope}) as "historyEntries"`,
  );
  return counted ?? { documents: 0, annotations: 0, adjudications: 0, historyEntries: 0 };
}

/** What deleting a document would remove with it. */
export async function documentDeletionCounts(
  db: Executor,
  { projectId, documentId }: DocumentScope,
): Promise<AuditCounts> {
  const { documents: _documents, ...counts } = await countsOf(
    db,
    sql`d.id = ${documentId} and d.project_id = ${projectId}`,
  );
  return counts;
}

/** What deleting a project would remove with it, archived documents included. */
export async function projectDeletionCounts(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<Required<AuditCounts>> {
  return countsOf(db, sql`d.project_id = ${projectId}`);
}

export async function deleteDocument(
  db: Executor,
  { projectId, documentId }: DocumentScope,
): Promise<boolean> {
  const deleted = await db
    .delete(documents)
    .where(and(eq(documents.id, documentId), eq(documents.projectId, projectId)))
    .returning({ id: documents.id });
  return deleted.length > 0;
}

/**
 * Deletes a project with everything in it. Its documents go first: an annotation's label is
 * protected from deletion (`restrict`), so the labels may only go once the annotations have.
 */
export async function deleteProject(db: Executor, { projectId }: { projectId: string }): Promise<boolean> {
  await db.delete(documents).where(eq(documents.projectId, projectId));
  const deleted = await db.delete(projects).where(eq(projects.id, projectId)).returning({ id: projects.id });
  return deleted.length > 0;
}

export interface NewAuditEvent {
  projectId: string;
  actorId: string | null;
  actorName: string;
  action: AuditAction;
  targetKind: AuditTargetKind;
  targetId: string;
  targetName: string;
  counts?: AuditCounts | null;
}

export async function insertAuditEvent(db: Executor, event: NewAuditEvent): Promise<void> {
  await db.insert(auditEvents).values({ ...event, counts: event.counts ?? null });
}

/** A project's audit entries, newest first, with the names of who acted. */
export async function listAuditEvents(
  db: Executor,
  { projectId, limit = 200 }: { projectId: string; limit?: number },
) {
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      targetKind: auditEvents.targetKind,
      targetId: auditEvents.targetId,
      targetName: auditEvents.targetName,
      counts: auditEvents.counts,
      actorId: auditEvents.actorId,
      actorName: auditEvents.actorName,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .where(eq(auditEvents.projectId, projectId))
    .orderBy(desc(auditEvents.id))
    .limit(limit);
}
