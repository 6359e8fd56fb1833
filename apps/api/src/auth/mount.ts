// better-auth's own endpoints (sign-in, sign-out, session, password change) under /api/auth,
// with its error responses turned into problem+json like every other API error.
import type { Context } from 'hono';
import { TokenOutOfScopeError } from '../errors.ts';
import type { AppEnv } from '../lib/openapi.ts';
import { problemBody, problemResponse } from '../lib/problem.ts';
import { resolveActor } from './actor.ts';
import type { SessionCache } from './session-cache.ts';

/**
 * The /api/auth handler for an app whose session lookups go through `sessions`. Whatever a
 * signed-in user posts there (sign-out, a password change that revokes their other sessions,
 * a new name) makes this process forget all of that user's cached sessions once it is done.
 */
export function authRequestHandler(sessions: SessionCache) {
  return async (c: Context<AppEnv>): Promise<Response> => {
    // Passwords, sessions and tokens belong to the account, which a token never acts for.
    if (c.req.header('authorization')) throw new TokenOutOfScopeError();
    if (c.req.method !== 'POST') return handleAuthRequest(c);
    const actor = await resolveActor(c.var.auth, c.var.db, c.req.raw.headers, sessions).catch(() => null);
    try {
      return await handleAuthRequest(c);
    } finally {
      if (actor?.via === 'session') sessions.forgetUser(actor.userId);
    }
  };
}

async function handleAuthRequest(c: Context<AppEnv>): Promise<Response> {
  // The JSON check may have read the body already (from Node's request, which the Fetch Request
  // would then find empty): hand the library a request built from the bytes it kept.
  const request = c.req.bodyCache.arrayBuffer
    ? new Request(c.req.raw.url, {
        method: c.req.method,
        headers: c.req.raw.headers,
        body: await c.req.arrayBuffer(),
      })
    : c.req.raw;
  const response = await c.var.auth.handler(request);
  if (response.status < 400) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { message?: string; code?: string };
  // better-auth says when to retry in X-Retry-After; clients and proxies read Retry-After.
  const retryAfter = response.headers.get('retry-after') ?? response.headers.get('x-retry-after');
  const headers: Record<string, string> = retryAfter ? { 'retry-after': retryAfter } : {};
  const cookie = response.headers.get('set-cookie');
  if (cookie) headers['set-cookie'] = cookie;
  return problemResponse(
    problemBody(
      response.status,
      (body.code ?? 'auth-error').toLowerCase().replaceAll('_', '-'),
      'Authentication failed',
      authErrorDetail(response.status, body.message, retryAfter),
    ),
    headers,
  );
}

function authErrorDetail(status: number, message: string | undefined, retryAfter: string | null): string {
  if (status === 429) {
    const wait = retryAfter && /^\d+$/.test(retryAfter) ? `${retryAfter} seconds` : 'a minute';
    return `Too many attempts from this address; wait ${wait} before trying again.`;
  }
  if (status === 401 && message?.toLowerCase().includes('invalid'))
    return 'The e-mail or the password is wrong.';
  return message ?? 'The request was refused.';
}
