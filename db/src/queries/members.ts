// Project membership, document assignments and invitations.
import { and, asc, count, eq, gt, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { documents } from '../schema/documents.ts';
import { assignments, type InviteRow, invites, type ProjectRole, projectMembers } from '../schema/members.ts';
import { projects } from '../schema/projects.ts';
import { users } from '../schema/users.ts';
import { type DocumentScope, documentInProject } from '../sql/scope.ts';
import { uuidArray } from '../sql/uuid-array.ts';

export async function findMemberRole(
  db: Executor,
  { projectId, userId }: { projectId: string; userId: string },
): Promise<ProjectRole | undefined> {
  const [member] = await db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  return member?.role;
}

export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: ProjectRole;
  joinedAt: Date;
}

export async function listMembers(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<MemberSummary[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: projectMembers.role,
      joinedAt: projectMembers.createdAt,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.createdAt));
}

/** Adds a member, or changes the role of one who is already there. */
export async function upsertMember(
  db: Executor,
  { projectId, userId, role }: { projectId: string; userId: string; role: ProjectRole },
): Promise<void> {
  await db
    .insert(projectMembers)
    .values({ projectId, userId, role })
    .onConflictDoUpdate({ target: [projectMembers.projectId, projectMembers.userId], set: { role } });
}

export async function removeMember(
  db: Executor,
  { projectId, userId }: { projectId: string; userId: string },
): Promise<boolean> {
  const removed = await db
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .returning({ userId: projectMembers.userId });
  return removed.length > 0;
}

/**
 * Locks the project's row until the transaction ends, so membership changes of one project
 * run one after another and "is there another owner?" stays true until the change commits.
 */
export async function lockProjectMembership(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<void> {
  await db.select({ id: projects.id }).from(projects).where(eq(projects.id, projectId)).for('update');
}

export async function countOwners(db: Executor, { projectId }: { projectId: string }): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, 'owner')));
  return row?.total ?? 0;
}

export async function listMemberships(db: Executor, { userId }: { userId: string }) {
  return db
    .select({ projectId: projects.id, projectSlug: projects.slug, role: projectMembers.role })
    .from(projectMembers)
    .innerJoin(projects, eq(projects.id, projectMembers.projectId))
    .where(eq(projectMembers.userId, userId))
    .orderBy(asc(projects.name));
}

export async function isAssigned(db: Executor, params: DocumentScope & { userId: string }): Promise<boolean> {
  const [row] = await db
    .select({ userId: assignments.userId })
    .from(assignments)
    .where(
      and(
        eq(assignments.documentId, params.documentId),
        eq(assignments.userId, params.userId),
        documentInProject(params),
      ),
    );
  return row !== undefined;
}

export async function listAssigneeIds(db: Executor, params: DocumentScope): Promise<string[]> {
  const rows = await db
    .select({ userId: assignments.userId })
    .from(assignments)
    .where(and(eq(assignments.documentId, params.documentId), documentInProject(params)));
  return rows.map((row) => row.userId);
}

/**
 * Gives every document of a project that has fewer than `perDocument` analysts the missing
 * ones, choosing the analysts with the fewest assignments first (ties by who joined first).
 * `onlyDocumentIds` limits this to those documents (just imported ones), so an import does not
 * rescan a large project once per batch.
 */
export async function fillAssignments(
  db: Executor,
  params: {
    projectId: string;
    perDocument: number;
    onlyDocumentIds?: readonly string[] | undefined;
    /** The documents of `onlyDocumentIds` were created in this transaction: none has an analyst yet. */
    areNew?: boolean;
  },
): Promise<number> {
  const { projectId, perDocument, onlyDocumentIds } = params;
  if (onlyDocumentIds?.length === 0) return 0;
  const analysts = await db
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, 'analyst')))
    .orderBy(asc(projectMembers.createdAt));
  if (analysts.length === 0) return 0;
  // With every analyst on every document, who is least loaded decides nothing: skip counting
  // the project's assignments, a scan that grows with the project (and ran per import batch).
  const isEveryAnalystAssigned = perDocument >= analysts.length;
  const loadRows = isEveryAnalystAssigned
    ? []
    : await db
        .select({ userId: assignments.userId, total: count() })
        .from(assignments)
        .innerJoin(documents, eq(documents.id, assignments.documentId))
        .where(eq(documents.projectId, projectId))
        .groupBy(assignments.userId);
  const load = new Map(analysts.map((analyst) => [analyst.userId, 0]));
  for (const row of loadRows) if (load.has(row.userId)) load.set(row.userId, row.total);

  // Documents this transaction created have no analyst yet: no need to look, in the order given.
  if (params.areNew && onlyDocumentIds) {
    return insertAssignments(db, leastLoaded(onlyDocumentIds, new Map(), load, perDocument));
  }
  const assigneeCount = sql<number>`(select count(*) from ${assignments} where ${assignments.documentId} = ${documents.id})`;
  const underStaffed = await db
    .select({ id: documents.id })
    .from(documents)
    .where(
      and(
        eq(documents.projectId, projectId),
        onlyDocumentIds ? inArray(documents.id, [...onlyDocumentIds]) : undefined,
        lt(assigneeCount, Math.min(perDocument, analysts.length)),
      ),
    )
    .orderBy(asc(documents.createdAt), asc(documents.id));
  if (underStaffed.length === 0) return 0;
  const currentRows = await db
    .select({ documentId: assignments.documentId, userId: assignments.userId })
    .from(assignments)
    .innerJoin(documents, eq(documents.id, assignments.documentId))
    .where(
      and(
        eq(documents.projectId, projectId),
        onlyDocumentIds ? inArray(documents.id, [...onlyDocumentIds]) : undefined,
      ),
    );
  const assigneesByDocument = new Map<string, Set<string>>();
  for (const row of currentRows) {
    const assignees = assigneesByDocument.get(row.documentId) ?? new Set<string>();
    assignees.add(row.userId);
    assigneesByDocument.set(row.documentId, assignees);
  }
  return insertAssignments(
    db,
    leastLoaded(
      underStaffed.map((document) => document.id),
      assigneesByDocument,
      load,
      perDocument,
    ),
  );
}

/** Each document's missing analysts, the least loaded first (ties by who joined first); updates `load`. */
function leastLoaded(
  documentIds: readonly string[],
  assigneesByDocument: ReadonlyMap<string, ReadonlySet<string>>,
  load: Map<string, number>,
  perDocument: number,
): { documentId: string; userId: string }[] {
  const newAssignments: { documentId: string; userId: string }[] = [];
  for (const documentId of documentIds) {
    const current = assigneesByDocument.get(documentId) ?? new Set<string>();
    const candidates = [...load.entries()]
      .filter(([userId]) => !current.has(userId))
      .sort((a, b) => a[1] - b[1])
      .slice(0, Math.max(0, perDocument - current.size));
    for (const [userId, total] of candidates) {
      newAssignments.push({ documentId, userId });
      load.set(userId, total + 1);
    }
  }
  return newAssignments;
}

/** Writes the assignments as two array parameters, however many. */
async function insertAssignments(
  db: Executor,
  newAssignments: readonly { documentId: string; userId: string }[],
): Promise<number> {
  if (newAssignments.length === 0) return 0;
  await db.execute(sql`insert into ${assignments} (document_id, user_id)
    select * from unnest(${uuidArray(newAssignments.map((row) => row.documentId))},
      ${uuidArray(newAssignments.map((row) => row.userId))})
    on conflict do nothing`);
  return newAssignments.length;
}

export async function removeAssignmentsOf(
  db: Executor,
  { projectId, userId }: { projectId: string; userId: string },
): Promise<void> {
  const projectDocuments = db
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.projectId, projectId));
  await db
    .delete(assignments)
    .where(and(eq(assignments.userId, userId), inArray(assignments.documentId, projectDocuments)));
}

export async function insertInvite(
  db: Executor,
  invite: { projectId: string; role: ProjectRole; tokenHash: string; createdBy: string; expiresAt: Date },
): Promise<InviteRow> {
  const [created] = await db.insert(invites).values(invite).returning();
  if (!created) throw new Error('The invite was not stored.');
  return created;
}

/**
 * An invite that is unused and unexpired, with its project's name: found by its secret, which
 * says the project. `claimInvite`, `releaseInvite` and `completeInvite` take the id it answers.
 */
export async function findOpenInvite(db: Executor, { tokenHash }: { tokenHash: string }) {
  const [invite] = await db
    .select({
      id: invites.id,
      projectId: invites.projectId,
      projectSlug: projects.slug,
      projectName: projects.name,
      role: invites.role,
      expiresAt: invites.expiresAt,
    })
    .from(invites)
    .innerJoin(projects, eq(projects.id, invites.projectId))
    .where(and(eq(invites.tokenHash, tokenHash), isNull(invites.usedAt), gt(invites.expiresAt, new Date())));
  return invite;
}

/**
 * Claims an open invite for one acceptance: of concurrent claims exactly one gets true. The
 * acceptor is filled in by `completeInvite` once their account exists.
 */
export async function claimInvite(db: Executor, { inviteId }: { inviteId: string }): Promise<boolean> {
  const claimed = await db
    .update(invites)
    .set({ usedAt: new Date() })
    .where(and(eq(invites.id, inviteId), isNull(invites.usedAt), gt(invites.expiresAt, new Date())))
    .returning({ id: invites.id });
  return claimed.length > 0;
}

/** Gives a claimed invite back when its acceptance failed (a refused account, say). */
export async function releaseInvite(db: Executor, { inviteId }: { inviteId: string }): Promise<void> {
  await db
    .update(invites)
    .set({ usedAt: null })
    .where(and(eq(invites.id, inviteId), isNull(invites.usedBy)));
}

export async function completeInvite(
  db: Executor,
  { inviteId, userId }: { inviteId: string; userId: string },
): Promise<void> {
  await db.update(invites).set({ usedBy: userId }).where(eq(invites.id, inviteId));
}
