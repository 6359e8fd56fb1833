import type { Project, ProjectSummary } from '@attest/core';
import { findProjectBySlug, listLabels, listProjects, type ProjectWithCount } from '@attest/db';
import { NotFoundError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { toLabel } from './serialize.ts';

export async function listProjectSummaries(context: ServiceContext): Promise<ProjectSummary[]> {
  return (await listProjects(context.db)).map(toProjectSummary);
}

export async function requireProject(context: ServiceContext, slug: string): Promise<ProjectWithCount> {
  const project = await findProjectBySlug(context.db, slug);
  if (!project) throw new NotFoundError('Project', `There is no project "${slug}".`);
  return project;
}

export async function getProject(context: ServiceContext, slug: string): Promise<Project> {
  const project = await requireProject(context, slug);
  const labels = await listLabels(context.db, project.id);
  return { ...toProjectSummary(project), guidelines: project.guidelines, labels: labels.map(toLabel) };
}

function toProjectSummary(project: ProjectWithCount): ProjectSummary {
  return {
    id: project.id,
    slug: project.slug,
    name: project.name,
    createdAt: project.createdAt.toISOString(),
    documentCount: project.documentCount,
  };
}
