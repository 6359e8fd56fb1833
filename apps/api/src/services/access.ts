// Authorization: every service asks here before it reads or writes. Whatever the caller may
// not see answers 404, exactly like what does not exist, so ids of other projects leak nothing.
import {
  findDocumentProjectId,
  findMemberRole,
  findProjectBySlug,
  findSentence,
  isAssigned,
  type ProjectRole,
  type ProjectWithCount,
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
  project: ProjectWithCount;
  role: ProjectRole;
}

async function roleIn(context: ServiceContext, projectId: string): Promise<ProjectRole | undefined> {
  if (context.isOperator) return 'owner';
  if (context.tokenProjectIds && !context.tokenProjectIds.includes(projectId)) return undefined;
  return findMemberRole(context.db, projectId, context.userId);
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
  const project = await findProjectBySlug(context.db, slug);
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
  const projectId = await findDocumentProjectId(context.db, documentId);
  const role = projectId ? await roleIn(context, projectId) : undefined;
  if (!projectId || !role) throw new NotFoundError('Document');
  if (role === 'analyst' && !(await isAssigned(context.db, documentId, context.userId))) {
    throw new NotFoundError('Document');
  }
  return { projectId, role };
}

export async function requireSentence(
  context: ServiceContext,
  sentenceId: string,
): Promise<SentenceWithProject & { role: ProjectRole }> {
  const sentence = await findSentence(context.db, sentenceId);
  if (!sentence) throw new NotFoundError('Sentence');
  const { role } = await requireDocument(context, sentence.documentId).catch(() => {
    throw new NotFoundError('Sentence');
  });
  return { ...sentence, role };
}
