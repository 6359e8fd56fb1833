// Archiving, restoring and deleting documents and projects (owners only), each recorded in the
// project's audit log with who did it and, for a deletion, what went with it.
import {
  type AuditCounts,
  deleteDocument,
  deleteProject,
  documentDeletionCounts,
  type Executor,
  findDocumentSummary,
  findUser,
  insertAuditEvent,
  listAuditEvents,
  projectDeletionCounts,
  setDocumentArchived,
  setProjectArchived,
} from '@attest/db';
import { ForbiddenError, NotFoundError, ProblemError } from '../errors.ts';
import { managers, ownersOnly, requireDocument, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';

export interface DocumentArchiveState {
  id: string;
  title: string;
  archivedAt: string | null;
}

export interface ProjectArchiveState {
  slug: string;
  name: string;
  archivedAt: string | null;
}

/** Owners archive, restore and delete; everyone else who may see the document is told so. */
async function requireOwnedDocument(context: ServiceContext, documentId: string, action: string) {
  const { role, projectId } = await requireDocument(context, documentId);
  if (role !== 'owner')
    throw new ForbiddenError(`Only owners of this project can ${action} a document; you are an ${role}.`);
  const document = await findDocumentSummary(context.db, {
    projectId,
    documentId,
    annotatorId: context.userId,
  });
  if (!document) throw new NotFoundError('Document');
  return { projectId, document };
}

/** "Name <e-mail>" of who acts, copied into the audit entry so it outlives the account. */
async function actorOf(context: ServiceContext): Promise<{ actorId: string | null; actorName: string }> {
  if (context.isOperator) return { actorId: null, actorName: 'the attest command on the server' };
  const user = await findUser(context.db, { userId: context.userId });
  return { actorId: context.userId, actorName: user ? `${user.name} <${user.email}>` : 'a former account' };
}

function alreadyInState(what: string, archived: boolean): ProblemError {
  return new ProblemError(
    409,
    archived ? 'already-archived' : 'not-archived',
    archived ? `The ${what} is archived already` : `The ${what} is not archived`,
    archived
      ? `This ${what} was archived before; restore it first if you meant to change it.`
      : `This ${what} is not archived, so there is nothing to restore.`,
  );
}

export async function archiveDocument(
  context: ServiceContext,
  documentId: string,
  archived: boolean,
): Promise<DocumentArchiveState> {
  const { projectId } = await requireOwnedDocument(context, documentId, archived ? 'archive' : 'restore');
  const actor = await actorOf(context);
  return context.db.transaction(async (transaction) => {
    const changed = await setDocumentArchived(transaction, { projectId, documentId, archived });
    if (!changed) throw alreadyInState('document', archived);
    await insertAuditEvent(transaction, {
      projectId,
      ...actor,
      action: archived ? 'archive' : 'restore',
      targetKind: 'document',
      targetId: changed.id,
      targetName: changed.title,
    });
    return { id: changed.id, title: changed.title, archivedAt: changed.archivedAt?.toISOString() ?? null };
  });
}

/** What deleting a document would remove: the confirmation names it. */
export async function documentDeletionPreview(context: ServiceContext, documentId: string) {
  const { projectId, document } = await requireOwnedDocument(context, documentId, 'delete');
  return { title: document.title, ...(await documentDeletionCounts(context.db, { projectId, documentId })) };
}

export async function removeDocument(context: ServiceContext, documentId: string): Promise<AuditCounts> {
  const { projectId, document } = await requireOwnedDocument(context, documentId, 'delete');
  const actor = await actorOf(context);
  return context.db.transaction(async (transaction) => {
    const counts = await documentDeletionCounts(transaction, { projectId, documentId });
    if (!(await deleteDocument(transaction, { projectId, documentId }))) throw new NotFoundError('Document');
    await insertAuditEvent(transaction, {
      projectId,
      ...actor,
      action: 'delete',
      targetKind: 'document',
      targetId: documentId,
      targetName: document.title,
      counts,
    });
    return counts;
  });
}

export async function archiveProject(
  context: ServiceContext,
  slug: string,
  archived: boolean,
): Promise<ProjectArchiveState> {
  const { project } = await requireProject(context, slug, ownersOnly, archived ? 'archive it' : 'restore it');
  const actor = await actorOf(context);
  return context.db.transaction(async (transaction) => {
    const changed = await setProjectArchived(transaction, { projectId: project.id, archived });
    if (!changed) throw alreadyInState('project', archived);
    await recordProjectEvent(transaction, project, actor, archived ? 'archive' : 'restore');
    return { slug: project.slug, name: changed.name, archivedAt: changed.archivedAt?.toISOString() ?? null };
  });
}

export async function projectDeletionPreview(context: ServiceContext, slug: string) {
  const { project } = await requireProject(context, slug, ownersOnly, 'delete it');
  return { name: project.name, ...(await projectDeletionCounts(context.db, { projectId: project.id })) };
}

export async function removeProject(context: ServiceContext, slug: string): Promise<Required<AuditCounts>> {
  const { project } = await requireProject(context, slug, ownersOnly, 'delete it');
  const actor = await actorOf(context);
  return context.db.transaction(async (transaction) => {
    const counts = await projectDeletionCounts(transaction, { projectId: project.id });
    if (!(await deleteProject(transaction, { projectId: project.id }))) throw new NotFoundError('Project');
    // Kept after the project: the log says who deleted it and what went with it.
    await recordProjectEvent(transaction, project, actor, 'delete', counts);
    return counts;
  });
}

function recordProjectEvent(
  db: Executor,
  project: { id: string; name: string },
  actor: { actorId: string | null; actorName: string },
  action: 'archive' | 'restore' | 'delete',
  counts?: AuditCounts,
): Promise<void> {
  return insertAuditEvent(db, {
    projectId: project.id,
    ...actor,
    action,
    targetKind: 'project',
    targetId: project.id,
    targetName: project.name,
    counts: counts ?? null,
  });
}

/** The project's archive, restore and delete entries, newest first (owners and reviewers). */
export async function projectAuditLog(context: ServiceContext, slug: string) {
  const { project } = await requireProject(context, slug, managers, 'read its history');
  const events = await listAuditEvents(context.db, { projectId: project.id });
  return events.map((event) => ({ ...event, createdAt: event.createdAt.toISOString() }));
}
