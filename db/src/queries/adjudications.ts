import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { adjudications } from '../schema/adjudications.ts';
import { sentences } from '../schema/documents.ts';
import { labels } from '../schema/projects.ts';
import { users } from '../schema/users.ts';
import {
  type DocumentScope,
  documentInProject,
  type SentenceScope,
  sentenceInProject,
} from '../sql/scope.ts';

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

/** A sentence's decision; `forUpdate` locks it until the transaction ends. */
export async function findAdjudication(db: Executor, params: SentenceScope & { forUpdate?: boolean }) {
  const query = db
    .select(adjudicationColumns())
    .from(adjudications)
    .innerJoin(labels, eq(labels.id, adjudications.labelId))
    .where(and(eq(adjudications.sentenceId, params.sentenceId), sentenceInProject(params)));
  const [adjudication] = params.forUpdate ? await query.for('update', { of: adjudications }) : await query;
  return adjudication;
}

export type AdjudicationWithLabel = NonNullable<Awaited<ReturnType<typeof findAdjudication>>>;

export async function listAdjudicationsForDocument(db: Executor, params: DocumentScope) {
  return db
    .select({ ...adjudicationColumns(), deciderName: users.name })
    .from(adjudications)
    .innerJoin(labels, eq(labels.id, adjudications.labelId))
    .innerJoin(sentences, eq(sentences.id, adjudications.sentenceId))
    .leftJoin(users, eq(users.id, adjudications.decidedBy))
    .where(and(eq(sentences.documentId, params.documentId), documentInProject(params)))
    .orderBy(asc(sentences.position));
}

/**
 * Writes a first decision; undefined when someone decided concurrently. The sentence is one the
 * caller found in its project (`findAdjudication` in the same transaction).
 */
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
  params: SentenceScope & {
    labelId: string;
    note: string | null;
    decidedBy: string;
    expectedVersion: number;
  },
) {
  const [updated] = await db
    .update(adjudications)
    .set({
      labelId: params.labelId,
      note: params.note,
      decidedBy: params.decidedBy,
      version: params.expectedVersion + 1,
    })
    .where(
      and(
        eq(adjudications.sentenceId, params.sentenceId),
        eq(adjudications.version, params.expectedVersion),
        sentenceInProject(params),
      ),
    )
    .returning();
  return updated;
}

export async function deleteAdjudication(
  db: Executor,
  params: SentenceScope & { expectedVersion: number },
): Promise<boolean> {
  const deleted = await db
    .delete(adjudications)
    .where(
      and(
        eq(adjudications.sentenceId, params.sentenceId),
        eq(adjudications.version, params.expectedVersion),
        sentenceInProject(params),
      ),
    )
    .returning({ id: adjudications.id });
  return deleted.length > 0;
}
