import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { adjudications } from '../schema/adjudications.ts';
import { sentences } from '../schema/documents.ts';
import { labels } from '../schema/projects.ts';
import { users } from '../schema/users.ts';

function adjudicationColumns() {
  return {
    id: adjudications.id,
    sentenceId: adjudications.sentenceId,
    labelId: adjudications.labelId,
    labelKey: labels.key,
    note: adjudications.note,
    decidedBy: adjudications.decidedBy,
    version: adjudications.version,
    updatedAt: adjudications.updatedAt,
  };
}

export async function findAdjudication(
  db: Executor,
  sentenceId: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = db
    .select(adjudicationColumns())
    .from(adjudications)
    .innerJoin(labels, eq(labels.id, adjudications.labelId))
    .where(eq(adjudications.sentenceId, sentenceId));
  const [adjudication] = options.forUpdate ? await query.for('update', { of: adjudications }) : await query;
  return adjudication;
}

export type AdjudicationWithLabel = NonNullable<Awaited<ReturnType<typeof findAdjudication>>>;

export async function listAdjudicationsForDocument(db: Executor, documentId: string) {
  return db
    .select({ ...adjudicationColumns(), deciderName: users.name })
    .from(adjudications)
    .innerJoin(labels, eq(labels.id, adjudications.labelId))
    .innerJoin(sentences, eq(sentences.id, adjudications.sentenceId))
    .leftJoin(users, eq(users.id, adjudications.decidedBy))
    .where(eq(sentences.documentId, documentId))
    .orderBy(asc(sentences.position));
}

/** Writes a first decision; undefined when someone decided concurrently. */
export async function insertAdjudication(
  db: Executor,
  values: { sentenceId: string; labelId: string; note: string | null; decidedBy: string },
) {
  const [created] = await db
    .insert(adjudications)
    .values({ ...values, version: 1 })
    .onConflictDoNothing({ target: adjudications.sentenceId })
    .returning();
  return created;
}

/** Writes a new version over `expectedVersion`; undefined when the version moved on. */
export async function updateAdjudication(
  db: Executor,
  values: { sentenceId: string; labelId: string; note: string | null; decidedBy: string },
  expectedVersion: number,
) {
  const [updated] = await db
    .update(adjudications)
    .set({
      labelId: values.labelId,
      note: values.note,
      decidedBy: values.decidedBy,
      version: expectedVersion + 1,
    })
    .where(and(eq(adjudications.sentenceId, values.sentenceId), eq(adjudications.version, expectedVersion)))
    .returning();
  return updated;
}

export async function deleteAdjudication(
  db: Executor,
  sentenceId: string,
  expectedVersion: number,
): Promise<boolean> {
  const deleted = await db
    .delete(adjudications)
    .where(and(eq(adjudications.sentenceId, sentenceId), eq(adjudications.version, expectedVersion)))
    .returning({ id: adjudications.id });
  return deleted.length > 0;
}
