import { and, asc, count, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { annotations } from '../schema/annotations.ts';
import { documents } from '../schema/documents.ts';
import { type ProjectRole, projectMembers } from '../schema/members.ts';
import { type LabelRow, labels, type NewLabelRow, type ProjectRow, projects } from '../schema/projects.ts';

export interface ProjectWithCount extends ProjectRow {
  documentCount: number;
}

const documentCount = count(documents.id).mapWith(Number);

/**
 * Every project, or with `memberId` only those the user belongs to (and with `projectIds`, only
 * those); with `archived`, only the archived (true) or the others (false). The document count
 * leaves out archived documents.
 */
export async function listProjects(
  db: Executor,
  filter: { memberId?: string; projectIds?: readonly string[] | null; archived?: boolean } = {},
): Promise<(ProjectWithCount & { role: ProjectRole | null })[]> {
  const role = filter.memberId
    ? sql<ProjectRole | null>`(select ${projectMembers.role} from ${projectMembers}
        where ${projectMembers.projectId} = ${projects.id} and ${projectMembers.userId} = ${filter.memberId})`
    : sql<ProjectRole | null>`null`;
  return db
    .select({ ...projectColumns(), documentCount, role })
    .from(projects)
    .leftJoin(documents, and(eq(documents.projectId, projects.id), isNull(documents.archivedAt)))
    .where(
      and(
        filter.memberId
          ? sql`exists (select 1 from ${projectMembers} where ${projectMembers.projectId} = ${projects.id}
              and ${projectMembers.userId} = ${filter.memberId})`
          : undefined,
        filter.projectIds ? inArray(projects.id, [...filter.projectIds]) : undefined,
        filter.archived === undefined
          ? undefined
          : filter.archived
            ? isNotNull(projects.archivedAt)
            : isNull(projects.archivedAt),
      ),
    )
    .groupBy(projects.id)
    .orderBy(asc(projects.name));
}

/**
 * Sets the given settings (a new guideline text bumps its version) and answers the project as it
 * now is; given nothing to set, it sends no statement and answers undefined.
 */
export async function updateProject(
  db: Executor,
  params: {
    projectId: string;
    name?: string | undefined;
    guidelines?: string | undefined;
    annotatorsPerDocument?: number | undefined;
    analystsMaySegment?: boolean | undefined;
    activeQueue?: boolean | undefined;
  },
): Promise<ProjectRow | undefined> {
  const { projectId, guidelines, ...rest } = params;
  const changes = {
    ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
    ...(guidelines === undefined
      ? {}
      : { guidelines, guidelinesVersion: sql`${projects.guidelinesVersion} + 1` }),
  };
  // Drizzle refuses an update that sets nothing.
  if (Object.keys(changes).length === 0) return undefined;
  const [project] = await db
    .update(projects)
    .set(changes)
    .where(eq(projects.id, projectId))
    .returning(projectColumns());
  return project;
}

/**
 * The project with this slug, without counting its documents: every project-scoped request finds
 * its project this way, and in a project of 100,000 documents a count would cost each of them a
 * scan of the project's documents (`countProjectDocuments` is for the page that shows it).
 */
export async function findProjectBySlug(
  db: Executor,
  { slug }: { slug: string },
): Promise<ProjectRow | undefined> {
  const [project] = await db.select(projectColumns()).from(projects).where(eq(projects.slug, slug));
  return project;
}

/** How many documents the project holds, leaving out archived ones. */
export async function countProjectDocuments(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<number> {
  const [row] = await db
    .select({ documentCount })
    .from(documents)
    .where(and(eq(documents.projectId, projectId), isNull(documents.archivedAt)));
  return row?.documentCount ?? 0;
}

export async function listLabels(db: Executor, { projectId }: { projectId: string }): Promise<LabelRow[]> {
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
    guidelinesVersion: projects.guidelinesVersion,
    annotatorsPerDocument: projects.annotatorsPerDocument,
    analystsMaySegment: projects.analystsMaySegment,
    activeQueue: projects.activeQueue,
    archivedAt: projects.archivedAt,
    createdAt: projects.createdAt,
    updatedAt: projects.updatedAt,
  };
}

/** Makes a project's label set `wanted`: updates labels by key, adds new ones, removes the rest. */
export async function replaceLabels(
  db: Executor,
  params: { projectId: string; labels: readonly Omit<NewLabelRow, 'projectId' | 'position'>[] },
): Promise<{ removedInUse: string[] }> {
  const { projectId, labels: wanted } = params;
  const current = await listLabels(db, { projectId });
  const wantedKeys = new Set(wanted.map((label) => label.key));
  const removed = current.filter((label) => !wantedKeys.has(label.key));
  const inUse = removed.length
    ? await db
        .selectDistinct({ key: labels.key })
        .from(annotations)
        .innerJoin(labels, eq(labels.id, annotations.labelId))
        .where(
          inArray(
            annotations.labelId,
            removed.map((label) => label.id),
          ),
        )
    : [];
  if (inUse.length > 0) return { removedInUse: inUse.map((row) => row.key) };
  if (removed.length > 0)
    await db.delete(labels).where(
      inArray(
        labels.id,
        removed.map((label) => label.id),
      ),
    );
  for (const [position, label] of wanted.entries()) {
    await db
      .insert(labels)
      .values({ ...label, projectId, position })
      .onConflictDoUpdate({
        target: [labels.projectId, labels.key],
        set: {
          name: label.name,
          color: label.color,
          hotkey: label.hotkey,
          description: label.description,
          position,
        },
      });
  }
  return { removedInUse: [] };
}
