import { eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type User, users } from '../schema/users.ts';

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
