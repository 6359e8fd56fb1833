// API tokens as stored by better-auth's API key plugin: listed and revoked by their owner only.
import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { apiKeys } from '../schema/users.ts';

/** The user's tokens, newest first, without their hashes. */
export function listApiKeys(db: Executor, params: { userId: string }) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      start: apiKeys.start,
      metadata: apiKeys.metadata,
      createdAt: apiKeys.createdAt,
      expiresAt: apiKeys.expiresAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.referenceId, params.userId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Deletes one of the user's tokens; false when the user has no token with that id. */
export async function deleteApiKey(
  db: Executor,
  params: { userId: string; tokenId: string },
): Promise<boolean> {
  const deleted = await db
    .delete(apiKeys)
    .where(and(eq(apiKeys.id, params.tokenId), eq(apiKeys.referenceId, params.userId)))
    .returning({ id: apiKeys.id });
  return deleted.length > 0;
}
