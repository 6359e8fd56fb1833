// The documents whose suggestions wait for their attribution spans (schema/attribution-spans.ts).
import { asc, count, eq, inArray, notInArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { attributionSpanQueue } from '../schema/attribution-spans.ts';
import { documents, type SentenceRow, sentences } from '../schema/documents.ts';

/** Records new documents as waiting for their spans; called in the import's transaction. */
export async function queueAttributionSpans(
  db: Executor,
  { documentIds }: { documentIds: readonly string[] },
): Promise<void> {
  if (documentIds.length === 0) return;
  await db
    .insert(attributionSpanQueue)
    .values(documentIds.map((documentId) => ({ documentId })))
    .onConflictDoNothing();
}

/** Which of these documents still wait for their spans. */
export async function findDocumentsWaitingForAttributionSpans(
  db: Executor,
  { documentIds }: { documentIds: readonly string[] },
): Promise<string[]> {
  if (documentIds.length === 0) return [];
  const rows = await db
    .select({ documentId: attributionSpanQueue.documentId })
    .from(attributionSpanQueue)
    .where(inArray(attributionSpanQueue.documentId, [...documentIds]));
  return rows.map((row) => row.documentId);
}

/** How many documents, in every project, wait for their spans. */
export async function countDocumentsWaitingForAttributionSpans(db: Executor): Promise<number> {
  const [row] = await db.select({ waiting: count() }).from(attributionSpanQueue);
  return row?.waiting ?? 0;
}

/** A document taken off the queue, its row locked until the transaction ends. */
export interface DocumentTakenForSpans {
  id: string;
  body: string;
}

/**
 * Takes documents off the queue for the rest of the transaction, each locked as a split or merge
 * locks it (the document first, then its queue row, in the order those take them): the given
 * document, waiting for a lock another transaction holds; or the `oldest` waiting documents that
 * no other transaction holds, leaving out those in `excluding`. Only documents that still waited are returned (another
 * transaction may have added the spans first).
 */
export async function takeDocumentsWaitingForAttributionSpans(
  transaction: Executor,
  which: { documentId: string } | { oldest: number; excluding: readonly string[] },
): Promise<DocumentTakenForSpans[]> {
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
          .innerJoin(attributionSpanQueue, eq(attributionSpanQueue.documentId, documents.id))
          .where(
            which.excluding.length > 0
              ? notInArray(attributionSpanQueue.documentId, [...which.excluding])
              : undefined,
          )
          .orderBy(asc(attributionSpanQueue.queuedOrder))
          .limit(which.oldest)
          .for('no key update', { of: documents, skipLocked: true });
  if (locked.length === 0) return [];
  const taken = new Set(
    (
      await transaction
        .delete(attributionSpanQueue)
        .where(
          inArray(
            attributionSpanQueue.documentId,
            locked.map((document) => document.id),
          ),
        )
        .returning({ documentId: attributionSpanQueue.documentId })
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
