// A project's members and their roles; a project never loses its last owner.
import {
  countOwners,
  type Executor,
  fillAssignments,
  findMemberRole,
  listMembers,
  lockProjectMembership,
  type MemberSummary,
  type ProjectRole,
  removeAssignmentsOf,
  removeMember,
  upsertMember,
} from '@attest/db';
import { NotFoundError, ProblemError } from '../errors.ts';
import { managers, ownersOnly, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: ProjectRole;
  joinedAt: string;
}

export async function listProjectMembers(context: ServiceContext, projectSlug: string): Promise<Member[]> {
  const { project } = await requireProject(context, projectSlug, managers, 'see its members');
  return (await listMembers(context.db, { projectId: project.id })).map(toMember);
}

export async function changeMemberRole(
  context: ServiceContext,
  projectSlug: string,
  userId: string,
  role: ProjectRole,
): Promise<void> {
  const { project } = await requireProject(context, projectSlug, ownersOnly, 'change roles');
  await context.db.transaction(async (transaction) => {
    const current = await findMemberRole(transaction, { projectId: project.id, userId });
    if (!current) throw new NotFoundError('Member');
    await setMemberRole(transaction, project.id, userId, role);
    // Only analysts hold assignments; a promoted analyst's documents go to others.
    if (role !== 'analyst') await removeAssignmentsOf(transaction, { projectId: project.id, userId });
    await fillAssignments(transaction, { projectId: project.id, perDocument: project.annotatorsPerDocument });
  });
}

export async function removeProjectMember(
  context: ServiceContext,
  projectSlug: string,
  userId: string,
): Promise<void> {
  const { project } = await requireProject(context, projectSlug, ownersOnly, 'remove members');
  await context.db.transaction(async (transaction) => {
    await lockProjectMembership(transaction, { projectId: project.id });
    const current = await findMemberRole(transaction, { projectId: project.id, userId });
    if (!current) throw new NotFoundError('Member');
    await assertKeepsAnOwner(transaction, project.id, current, null);
    await removeAssignmentsOf(transaction, { projectId: project.id, userId });
    await removeMember(transaction, { projectId: project.id, userId });
    await fillAssignments(transaction, { projectId: project.id, perDocument: project.annotatorsPerDocument });
  });
}

/**
 * Adds a member or changes their role, inside the caller's transaction, unless that leaves
 * the project without an owner (409).
 */
export async function setMemberRole(
  transaction: Executor,
  projectId: string,
  userId: string,
  role: ProjectRole,
): Promise<void> {
  await lockProjectMembership(transaction, { projectId });
  const current = await findMemberRole(transaction, { projectId, userId });
  if (current) await assertKeepsAnOwner(transaction, projectId, current, role);
  await upsertMember(transaction, { projectId, userId, role });
}

async function assertKeepsAnOwner(
  transaction: Executor,
  projectId: string,
  currentRole: ProjectRole,
  newRole: ProjectRole | null,
): Promise<void> {
  if (
    currentRole === 'owner' &&
    newRole !== 'owner' &&
    (await countOwners(transaction, { projectId })) <= 1
  ) {
    throw new LastOwnerError();
  }
}

/** Refuses a change that would leave a project without an owner. */
export class LastOwnerError extends ProblemError {
  constructor() {
    super(
      409,
      'last-owner',
      'A project needs an owner',
      'This would leave the project without an owner. Make another member owner first, then change or remove this one.',
    );
  }
}

function toMember(member: MemberSummary): Member {
  return { ...member, joinedAt: member.joinedAt.toISOString() };
}
