// Accounts: who someone is, how many accounts exist, and the work of the local analyst of
// versions before accounts, which the first account takes over.
import { count, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { annotationEvents, annotations } from '../schema/annotations.ts';
import { documents } from '../schema/documents.ts';
import { assignments } from '../schema/members.ts';
import { accounts, type User, users } from '../schema/users.ts';

/** Until accounts exist, one local analyst owns every annotation. */
export const localAnalystEmail = 'local-analyst@attest.invalid';

export async function ensureLocalAnalyst(db: Executor): Promise<User> {
  await db
    .insert(users)
    .values({ name: 'Local analyst', email: localAnalystEmail })
    .onConflictDoNothing({ target: users.email });
  const [analyst] = await db.select().from(users).where(eq(users.email, localAnalystEmail));
  if (!analyst) throw new Error('The local analyst could not be created.');
  return analyst;
}

export async function findUser(db: Executor, params: { userId: string }): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, params.userId));
  return user;
}

export async function findUserByEmail(db: Executor, params: { email: string }): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, params.email));
  return user;
}

/** Sign-in accounts (password credentials) of every user: none before the first-run page. */
export async function countAccounts(db: Executor): Promise<number> {
  const [row] = await db.select({ total: count() }).from(accounts);
  return row?.total ?? 0;
}

export async function deleteUser(db: Executor, params: { userId: string }): Promise<void> {
  await db.delete(users).where(eq(users.id, params.userId));
}

/**
 * Gives the local analyst's annotations, history, documents and assignments to `userId` and
 * removes the local analyst; nothing happens when there is none.
 */
export async function adoptLocalAnalystWork(db: Executor, params: { userId: string }): Promise<void> {
  const legacy = await findUserByEmail(db, { email: localAnalystEmail });
  if (!legacy) return;
  const { userId } = params;
  await db.update(annotations).set({ annotatorId: userId }).where(eq(annotations.annotatorId, legacy.id));
  await db
    .update(annotationEvents)
    .set({ annotatorId: userId })
    .where(eq(annotationEvents.annotatorId, legacy.id));
  await db.update(documents).set({ createdBy: userId }).where(eq(documents.createdBy, legacy.id));
  await db.update(assignments).set({ userId }).where(eq(assignments.userId, legacy.id));
  await deleteUser(db, { userId: legacy.id });
}
