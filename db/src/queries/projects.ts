import { asc, count, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { documents } from '../schema/documents.ts';
import { type LabelRow, labels, type NewLabelRow, type ProjectRow, projects } from '../schema/projects.ts';

export interface ProjectWithCount extends ProjectRow {
  documentCount: number;
}

const documentCount = count(documents.id).mapWith(Number);

export async function listProjects(db: Executor): Promise<ProjectWithCount[]> {
  return db
    .select({ ...projectColumns(), documentCount })
    .from(projects)
    .leftJoin(documents, eq(documents.projectId, projects.id))
    .groupBy(projects.id)
    .orderBy(asc(projects.name));
}

export async function findProjectBySlug(db: Executor, slug: string): Promise<ProjectWithCount | undefined> {
  const [project] = await db
    .select({ ...projectColumns(), documentCount })
    .from(projects)
    .leftJoin(documents, eq(documents.projectId, projects.id))
    .where(eq(projects.slug, slug))
    .groupBy(projects.id);
  return project;
}

export async function listLabels(db: Executor, projectId: string): Promise<LabelRow[]> {
  return db.select().from(labels).where(eq(labels.projectId, projectId)).orderBy(asc(labels.position));
}

export interface NewProject {
  slug: string;
  name: string;
  guidelines: string;
  labels: Omit<NewLabelRow, 'projectId' | 'position'>[];
}

/** Creates a project with its label set; returns undefined when the slug is taken. */
export async function createProject(db: Executor, project: NewProject): Promise<ProjectRow | undefined> {
  const [created] = await db
    .insert(projects)
    .values({ slug: project.slug, name: project.name, guidelines: project.guidelines })
    .onConflictDoNothing({ target: projects.slug })
    .returning();
  if (!created) return undefined;
  if (project.labels.length === 0) return created;
  await db
    .insert(labels)
    .values(project.labels.map((label, position) => ({ ...label, projectId: created.id, position })));
  return created;
}

function projectColumns() {
  return {
    id: projects.id,
    slug: projects.slug,
    name: projects.name,
    guidelines: projects.guidelines,
    createdAt: projects.createdAt,
    updatedAt: projects.updatedAt,
  };
}
