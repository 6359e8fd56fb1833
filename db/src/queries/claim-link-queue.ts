// The documents waiting to be linked into their project's claims (schema/claims.ts,
// `claim_link_queue`), and the per-project lock that lets one process at a time link a project,
// whether it drains the queue or re-links the whole project.
import { and, asc, count, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { claimLinkQueue } from '../schema/claims.ts';
import { rowsOf } from '../sql/rows.ts';
import { uuidArray } from '../sql/uuid-array.ts';

/** The advisory-lock class of claim linking; the project's id hashes to the second key. */
const claimLinkingLockClass = 7_426_019;

/** Linking runs that may fail on one document before the background linker leaves it to a re-link. */
export const claimLinkingAttempts = 3;

/** Records new documents as waiting, in import order; called in the import's transaction. */
export async function queueClaimLinking(
  db: Executor,
  { projectId, documentIds }: { projectId: string; documentIds: readonly string[] },
): Promise<void> {
  if (documentIds.length === 0) return;
  await db.execute(sql`insert into ${claimLinkQueue} (document_id, project_id)
    select id, ${projectId}::uuid from unnest(${uuidArray(documentIds)}) with ordinality as queued(id, n)
    order by n
    on conflict do nothing`);
}

/** How many of the project's documents are not linked into its claims yet. */
export async function countDocumentsWaitingForLinking(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<number> {
  const [row] = await db
    .select({ waiting: count() })
    .from(claimLinkQueue)
    .where(eq(claimLinkQueue.projectId, projectId));
  return row?.waiting ?? 0;
}

/** Projects with documents the background linker should still try, oldest first. */
export async function listProjectsWaitingForLinking(db: Executor): Promise<string[]> {
  const rows = await rowsOf<{ project_id: string }>(
    db,
    sql`select project_id from claim_link_queue where failures < ${claimLinkingAttempts}
      group by project_id order by min(queued_order)`,
  );
  return rows.map((row) => row.project_id);
}

/**
 * Takes the project's linking lock for the rest of the transaction. `wait: false` answers false
 * at once when another transaction, in this process or another, holds it.
 */
export async function lockProjectLinking(
  transaction: Executor,
  { projectId, wait }: { projectId: string; wait: boolean },
): Promise<boolean> {
  const key = sql`${claimLinkingLockClass}, hashtext(${projectId})`;
  if (wait) {
    await transaction.execute(sql`select pg_advisory_xact_lock(${key})`);
    return true;
  }
  const [row] = await rowsOf<{ locked: boolean }>(
    transaction,
    sql`select pg_try_advisory_xact_lock(${key}) as locked`,
  );
  return row?.locked === true;
}

/** The project's oldest waiting document the background linker should still try. */
export async function findNextDocumentToLink(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<string | undefined> {
  const [row] = await db
    .select({ documentId: claimLinkQueue.documentId })
    .from(claimLinkQueue)
    .where(and(eq(claimLinkQueue.projectId, projectId), lt(claimLinkQueue.failures, claimLinkingAttempts)))
    .orderBy(asc(claimLinkQueue.queuedOrder))
    .limit(1);
  return row?.documentId;
}

/** Marks documents linked. */
export async function removeFromLinkQueue(
  db: Executor,
  { projectId, documentIds }: { projectId: string; documentIds: readonly string[] },
): Promise<void> {
  if (documentIds.length === 0) return;
  await db
    .delete(claimLinkQueue)
    .where(
      and(eq(claimLinkQueue.projectId, projectId), inArray(claimLinkQueue.documentId, [...documentIds])),
    );
}

/** Counts a failed attempt at linking the document, so a document that always fails stops blocking its project. */
export async function noteLinkingFailure(
  db: Executor,
  { projectId, documentId }: { projectId: string; documentId: string },
): Promise<void> {
  await db
    .update(claimLinkQueue)
    .set({ failures: sql`${claimLinkQueue.failures} + 1` })
    .where(and(eq(claimLinkQueue.projectId, projectId), eq(claimLinkQueue.documentId, documentId)));
}
