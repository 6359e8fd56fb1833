// The documents whose suggestions wait for their attribution spans (schema/attribution-spans.ts).
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { attributionSpanQueue } from '../schema/attribution-spans.ts';
import { documents } from '../schema/documents.ts';

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

/** The oldest waiting documents, at most `limit`. */
export async function listDocumentsWaitingForAttributionSpans(
  db: Executor,
  { limit }: { limit: number },
): Promise<string[]> {
  const rows = await db
    .select({ documentId: attributionSpanQueue.documentId })
    .from(attributionSpanQueue)
    .orderBy(asc(attributionSpanQueue.queuedOrder))
    .limit(limit);
  return rows.map((row) => row.documentId);
}

/** How many documents, in every project, wait for their spans. */
export async function countDocumentsWaitingForAttributionSpans(db: Executor): Promise<number> {
  const [row] = await db.select({ waiting: count() }).from(attributionSpanQueue);
  return row?.waiting ?? 0;
}

/**
 * Locks a waiting document for the rest of the transaction, as a split or merge does, and takes
 * it off the queue: its text, or undefined when it no longer waits (another transaction added the
 * spans first) or is gone.
 */
export async function takeDocumentWaitingForAttributionSpans(
  transaction: Executor,
  { documentId }: { documentId: string },
): Promise<string | undefined> {
  const [document] = await transaction
    .select({ body: documents.body })
    .from(documents)
    .where(eq(documents.id, documentId))
    .for('no key update');
  if (!document) return undefined;
  const taken = await transaction
    .delete(attributionSpanQueue)
    .where(eq(attributionSpanQueue.documentId, documentId))
    .returning({ documentId: attributionSpanQueue.documentId });
  return taken.length > 0 ? document.body : undefined;
}
