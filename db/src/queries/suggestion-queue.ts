// The documents whose sentences wait for their suggestions (schema/suggestion-queue.ts).
import { asc, count, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { documents, type SentenceRow, sentences } from '../schema/documents.ts';
import { suggestionQueue } from '../schema/suggestion-queue.ts';
import { uuidArray } from '../sql/uuid-array.ts';

/** Records new documents as waiting for their suggestions; called in the import's transaction. */
export async function queueSuggestions(
  db: Executor,
  { documentIds }: { documentIds: readonly string[] },
): Promise<void> {
  if (documentIds.length === 0) return;
  // In the order given, which the identity column keeps.
  await db.execute(sql`insert into ${suggestionQueue} (document_id)
    select id from unnest(${uuidArray(documentIds)}) with ordinality as queued(id, n) order by n
    on conflict do nothing`);
}

/** Which of these documents (or of the project's documents) still wait for their suggestions, oldest first. */
export async function findDocumentsWaitingForSuggestions(
  db: Executor,
  which: { documentIds: readonly string[] } | { projectId: string },
): Promise<string[]> {
  if ('documentIds' in which && which.documentIds.length === 0) return [];
  const rows = await db
    .select({ documentId: suggestionQueue.documentId })
    .from(suggestionQueue)
    .innerJoin(documents, eq(documents.id, suggestionQueue.documentId))
    .where(
      'documentIds' in which
        ? inArray(suggestionQueue.documentId, [...which.documentIds])
        : eq(documents.projectId, which.projectId),
    )
    .orderBy(asc(suggestionQueue.queuedOrder));
  return rows.map((row) => row.documentId);
}

/** How many documents, in every project, wait for their suggestions. */
export async function countDocumentsWaitingForSuggestions(db: Executor): Promise<number> {
  const [row] = await db.select({ waiting: count() }).from(suggestionQueue);
  return row?.waiting ?? 0;
}

/** A document taken off the queue, its row locked until the transaction ends. */
export interface DocumentTakenForSuggestions {
  id: string;
  body: string;
}

/**
 * Takes documents off the queue for the rest of the transaction, each locked as a split or merge
 * locks it (the document first, then its queue row, in the order those take them): the given
 * document, waiting for a lock another transaction holds; or the `oldest` waiting documents that
 * no other transaction holds, leaving out those in `excluding`. Only documents that still waited are returned (another
 * transaction may have added the suggestions first).
 */
export async function takeDocumentsWaitingForSuggestions(
  transaction: Executor,
  which: { documentId: string } | { oldest: number; excluding: readonly string[] },
): Promise<DocumentTakenForSuggestions[]> {
  const locked =
    'documentId' in which
      ? await transaction
          .select({ id: documents.id, body: documents.body })
          .from(documents)
          .where(eq(documents.id, which.documentId))
          .for('no key update')
      : await transaction
          .select({ id: documents.id, body: documents.body })
          .from(documents)
          .innerJoin(suggestionQueue, eq(suggestionQueue.documentId, documents.id))
          .where(
            which.excluding.length > 0
              ? notInArray(suggestionQueue.documentId, [...which.excluding])
              : undefined,
          )
          .orderBy(asc(suggestionQueue.queuedOrder))
          .limit(which.oldest)
          .for('no key update', { of: documents, skipLocked: true });
  if (locked.length === 0) return [];
  const taken = new Set(
    (
      await transaction
        .delete(suggestionQueue)
        .where(
          inArray(
            suggestionQueue.documentId,
            locked.map((document) => document.id),
          ),
        )
        .returning({ documentId: suggestionQueue.documentId })
    ).map((row) => row.documentId),
  );
  return locked.filter((document) => taken.has(document.id));
}

/** The sentences of these documents, each document's in order. */
export async function listSentencesOfDocuments(
  db: Executor,
  { documentIds }: { documentIds: readonly string[] },
): Promise<SentenceRow[]> {
  if (documentIds.length === 0) return [];
  return db
    .select()
    .from(sentences)
    .where(inArray(sentences.documentId, [...documentIds]))
    .orderBy(asc(sentences.documentId), asc(sentences.position));
}
