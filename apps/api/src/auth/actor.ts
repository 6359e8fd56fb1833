// Who is making a request: a signed-in user (session cookie) or a script with an API token.

import { type Database, findUser } from '@attest/db';
import { DatabaseUnavailableError, ProblemError } from '../errors.ts';
import type { Auth } from './create-auth.ts';
import type { CachedSession, SessionCache } from './session-cache.ts';

export interface Actor {
  userId: string;
  name: string;
  email: string;
  via: 'session' | 'token';
  /** For a token: the projects it may reach. Null for a session (every project of the user). */
  tokenProjectIds: string[] | null;
}

export class UnauthenticatedError extends ProblemError {
  constructor(detail = 'Sign in first, or send an API token as "Authorization: Bearer attest_…".') {
    super(401, 'unauthenticated', 'Not signed in', detail);
  }
}

export async function resolveActor(
  auth: Auth,
  db: Database,
  headers: Headers,
  sessions: SessionCache,
): Promise<Actor | null> {
  const authorization = headers.get('authorization');
  if (authorization) return actorFromToken(auth, db, authorization);
  // Without a cookie there is no session to find.
  const cookie = headers.get('cookie');
  if (!cookie) return null;
  const cached = sessions.get(cookie);
  if (cached) return sessionActor(cached);
  const lookedUpAt = sessions.clock();
  const session = await auth.api.getSession({ headers }).catch((error: unknown) => {
    // better-auth reports a failed session lookup as a bare 500 without its cause; the one
    // thing that fails there is the session store, so answer as for a database outage.
    if ((error as { statusCode?: number }).statusCode === 500) throw new DatabaseUnavailableError();
    throw error;
  });
  if (!session) return null;
  const found = {
    userId: session.user.id,
    name: session.user.name,
    email: session.user.email,
    expiresAt: session.session.expiresAt,
  };
  sessions.set(cookie, found, lookedUpAt);
  return sessionActor(found);
}

function sessionActor(session: CachedSession): Actor {
  return {
    userId: session.userId,
    name: session.name,
    email: session.email,
    via: 'session',
    tokenProjectIds: null,
  };
}

async function actorFromToken(auth: Auth, db: Database, authorization: string): Promise<Actor> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1]) throw new UnauthenticatedError('Send the token as "Authorization: Bearer attest_…".');
  const verified = await auth.api.verifyApiKey({ body: { key: match[1] } });
  if (!verified.valid || !verified.key) {
    throw new UnauthenticatedError(
      'This API token is unknown, expired or revoked; create a new one under Tokens.',
    );
  }
  const user = await findUser(db, { userId: verified.key.referenceId });
  if (!user) throw new UnauthenticatedError('The account this token belongs to no longer exists.');
  const projectIds = (verified.key.metadata as { projectIds?: unknown } | null)?.projectIds;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    via: 'token',
    tokenProjectIds: Array.isArray(projectIds)
      ? projectIds.filter((id): id is string => typeof id === 'string')
      : [],
  };
}
