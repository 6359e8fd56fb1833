import { defaultGuidelines, defaultLabels, type Project, type ProjectSummary } from '@attest/core';
import {
  countProjectDocuments,
  createProject,
  listLabels,
  listProjects,
  type ProjectRole,
  type ProjectRow,
  type ProjectWithCount,
  updateProject,
  upsertMember,
} from '@attest/db';
import { ProblemError } from '../errors.ts';
import { ownersOnly, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { toLabel } from './serialize.ts';

/** The caller's projects; with `archived`, their archived ones instead. */
export async function listProjectSummaries(
  context: ServiceContext,
  options: { archived?: boolean } = {},
): Promise<ProjectSummary[]> {
  const projects = await listProjects(context.db, {
    memberId: context.userId,
    projectIds: context.tokenProjectIds,
    archived: options.archived ?? false,
  });
  return projects.map((project) => toProjectSummary(project, project.role ?? 'analyst'));
}

export async function getProject(context: ServiceContext, slug: string): Promise<Project> {
  const { project, role } = await requireProject(context, slug);
  return toProject(context, project, role);
}

export interface NewProjectInput {
  slug: string;
  name: string;
  guidelines?: string | undefined;
  annotatorsPerDocument?: number | undefined;
}

/** Creates a project with the default labels; its creator becomes its owner. */
export async function createOwnedProject(context: ServiceContext, input: NewProjectInput): Promise<Project> {
  const created = await context.db.transaction(async (transaction) => {
    const project = await createProject(transaction, {
      slug: input.slug,
      name: input.name,
      guidelines: input.guidelines ?? defaultGuidelines,
      labels: [...defaultLabels],
    });
    if (!project) return undefined;
    const configured = await updateProject(transaction, {
      projectId: project.id,
      annotatorsPerDocument: input.annotatorsPerDocument,
    });
    await upsertMember(transaction, { projectId: project.id, userId: context.userId, role: 'owner' });
    return configured ?? project;
  });
  if (!created) {
    throw new ProblemError(
      409,
      'slug-taken',
      'The project name is taken',
      `A project "${input.slug}" exists already; choose another slug.`,
    );
  }
  return toProject(context, created, 'owner');
}

export interface ProjectChanges {
  name?: string | undefined;
  guidelines?: string | undefined;
  annotatorsPerDocument?: number | undefined;
  analystsMaySegment?: boolean | undefined;
  activeQueue?: boolean | undefined;
}

export async function changeProject(
  context: ServiceContext,
  slug: string,
  changes: ProjectChanges,
): Promise<Project> {
  const { project, role } = await requireProject(context, slug, ownersOnly, 'change its settings');
  // No changes leave the project as it is, as an empty merge patch does (RFC 7396).
  const changed = await updateProject(context.db, { projectId: project.id, ...changes });
  return toProject(context, changed ?? project, role);
}

/** The project as its page shows it: with its labels and how many documents it holds. */
async function toProject(context: ServiceContext, project: ProjectRow, role: ProjectRole): Promise<Project> {
  const [labels, documentCount] = await Promise.all([
    listLabels(context.db, { projectId: project.id }),
    countProjectDocuments(context.db, { projectId: project.id }),
  ]);
  return {
    ...toProjectSummary({ ...project, documentCount }, role),
    guidelines: project.guidelines,
    guidelinesVersion: project.guidelinesVersion,
    annotatorsPerDocument: project.annotatorsPerDocument,
    analystsMaySegment: project.analystsMaySegment,
    activeQueue: project.activeQueue,
    labels: labels.map(toLabel),
  };
}

function toProjectSummary(project: ProjectWithCount, role: ProjectRole): ProjectSummary {
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    createdAt: project.createdAt.toISOString(),
    documentCount: project.documentCount,
    role,
    archivedAt: project.archivedAt?.toISOString() ?? null,
  };
}
