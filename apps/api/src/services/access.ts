// Authorization: every service asks here before it reads or writes. Whatever the caller may
// not see answers 404, exactly like what does not exist, so ids of other projects leak nothing.
import {
  findDocumentProjectId,
  findMemberRole,
  findProjectBySlug,
  findSentenceAndProject,
  isAssigned,
  type ProjectRole,
  type ProjectRow,
  type SentenceWithProject,
} from '@attest/db';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { ServiceContext } from './context.ts';

export const allRoles: readonly ProjectRole[] = ['owner', 'reviewer', 'analyst'];
export const managers: readonly ProjectRole[] = ['owner', 'reviewer'];
export const ownersOnly: readonly ProjectRole[] = ['owner'];

/** Reviewers and owners see every analyst's work; analysts see only their own. */
export function seesEveryone(role: ProjectRole): boolean {
  return role !== 'analyst';
}

export interface ProjectAccess {
  project: ProjectRow;
  role: ProjectRole;
}

/** The caller's role in a project given their membership's role, for callers who read it already. */
export function roleFromMembership(
  context: ServiceContext,
  projectId: string,
  memberRole: ProjectRole | null | undefined,
): ProjectRole | undefined {
  if (context.isOperator) return 'owner';
  if (!isInTokenScope(context, projectId)) return undefined;
  return memberRole ?? undefined;
}

function isInTokenScope(context: ServiceContext, projectId: string): boolean {
  return !context.tokenProjectIds || context.tokenProjectIds.includes(projectId);
}

async function roleIn(context: ServiceContext, projectId: string): Promise<ProjectRole | undefined> {
  // The operator and a token scoped elsewhere are decided without reading the membership.
  const needsMembership = !context.isOperator && isInTokenScope(context, projectId);
  const memberRole = needsMembership
    ? await findMemberRole(context.db, { projectId, userId: context.userId })
    : undefined;
  return roleFromMembership(context, projectId, memberRole);
}

/** Analysts see the documents assigned to them; everyone else in the project sees them all. */
export async function maySeeDocument(
  role: ProjectRole,
  isAssigned: () => boolean | Promise<boolean>,
): Promise<boolean> {
  return role !== 'analyst' || (await isAssigned());
}

function assertRole(role: ProjectRole, allowed: readonly ProjectRole[], action: string): void {
  if (!allowed.includes(role)) {
    const who = allowed.map((name) => `${name}s`).join(' and ');
    throw new ForbiddenError(`Only ${who} of this project can ${action}; you are an ${role}.`);
  }
}

export async function requireProject(
  context: ServiceContext,
  slug: string,
  allowed: readonly ProjectRole[] = allRoles,
  action = 'do this',
): Promise<ProjectAccess> {
  const project = await findProjectBySlug(context.db, { slug });
  const role = project ? await roleIn(context, project.id) : undefined;
  if (!project || !role)
    throw new NotFoundError('Project', `There is no project "${slug}" you are a member of.`);
  assertRole(role, allowed, action);
  return { project, role };
}

export interface DocumentAccess {
  projectId: string;
  role: ProjectRole;
}

/** A document is visible to members of its project; to an analyst only when assigned. */
export async function requireDocument(context: ServiceContext, documentId: string): Promise<DocumentAccess> {
  const projectId = await findDocumentProjectId(context.db, { documentId });
  const role = projectId ? await roleIn(context, projectId) : undefined;
  if (!projectId || !role) throw new NotFoundError('Document');
  if (
    !(await maySeeDocument(role, () =>
      isAssigned(context.db, { projectId, documentId, userId: context.userId }),
    ))
  ) {
    throw new NotFoundError('Document');
  }
  return { projectId, role };
}

export async function requireSentence(
  context: ServiceContext,
  sentenceId: string,
): Promise<SentenceWithProject & { role: ProjectRole }> {
  const sentence = await findSentenceAndProject(context.db, { sentenceId });
  if (!sentence) throw new NotFoundError('Sentence');
  const { role } = await requireDocument(context, sentence.documentId).catch(() => {
    throw new NotFoundError('Sentence');
  });
  return { ...sentence, role };
}

/** What `requireSentence` reads, when a caller has read it in its own query. */
export interface SentenceFacts {
  sentence: SentenceWithProject;
  memberRole: ProjectRole | null;
  isAssigned: boolean;
}

/** Answers like `requireSentence` from facts read already (the save reads them with the rest). */
export async function authorizeSentence(
  context: ServiceContext,
  facts: SentenceFacts | undefined,
): Promise<SentenceWithProject & { role: ProjectRole }> {
  const role = facts && roleFromMembership(context, facts.sentence.projectId, facts.memberRole);
  if (!facts || !role || !(await maySeeDocument(role, () => facts.isAssigned))) {
    throw new NotFoundError('Sentence');
  }
  return { ...facts.sentence, role };
}
