import {
  countOwners,
  fillAssignments,
  findMemberRole,
  listMembers,
  type MemberSummary,
  type ProjectRole,
  removeAssignmentsOf,
  removeMember,
  upsertMember,
} from '@attest/db';
import { InvalidInputError, NotFoundError } from '../errors.ts';
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
  return (await listMembers(context.db, project.id)).map(toMember);
}

export async function changeMemberRole(
  context: ServiceContext,
  projectSlug: string,
  userId: string,
  role: ProjectRole,
): Promise<void> {
  const { project } = await requireProject(context, projectSlug, ownersOnly, 'change roles');
  const current = await findMemberRole(context.db, project.id, userId);
  if (!current) throw new NotFoundError('Member');
  await assertKeepsAnOwner(context, project.id, current, role);
  await context.db.transaction(async (transaction) => {
    await upsertMember(transaction, project.id, userId, role);
    // Only analysts hold assignments; a promoted analyst's documents go to others.
    if (role !== 'analyst') await removeAssignmentsOf(transaction, project.id, userId);
    await fillAssignments(transaction, project.id, project.annotatorsPerDocument);
  });
}

export async function removeProjectMember(
  context: ServiceContext,
  projectSlug: string,
  userId: string,
): Promise<void> {
  const { project } = await requireProject(context, projectSlug, ownersOnly, 'remove members');
  const current = await findMemberRole(context.db, project.id, userId);
  if (!current) throw new NotFoundError('Member');
  await assertKeepsAnOwner(context, project.id, current, null);
  await context.db.transaction(async (transaction) => {
    await removeAssignmentsOf(transaction, project.id, userId);
    await removeMember(transaction, project.id, userId);
    await fillAssignments(transaction, project.id, project.annotatorsPerDocument);
  });
}

async function assertKeepsAnOwner(
  context: ServiceContext,
  projectId: string,
  currentRole: ProjectRole,
  newRole: ProjectRole | null,
): Promise<void> {
  if (currentRole === 'owner' && newRole !== 'owner' && (await countOwners(context.db, projectId)) <= 1) {
    throw new InvalidInputError('A project needs at least one owner; make someone else owner first.');
  }
}

function toMember(member: MemberSummary): Member {
  return { ...member, joinedAt: member.joinedAt.toISOString() };
}
