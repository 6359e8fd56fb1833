// better-auth's own endpoints (sign-in, sign-out, session, password change) under /api/auth,
// with its error responses turned into problem+json like every other API error.
import type { Context } from 'hono';
import type { AppEnv } from '../lib/openapi.ts';
import { problemBody, problemResponse } from '../lib/problem.ts';

export async function handleAuthRequest(c: Context<AppEnv>): Promise<Response> {
  // The JSON check has read the body already; hand the library a request it can read again.
  const request = c.req.raw.bodyUsed
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
  const detail = authErrorDetail(response.status, body.message);
  const headers = Object.fromEntries(
    [...response.headers].filter(
      ([name]) => name.toLowerCase() === 'retry-after' || name.toLowerCase() === 'set-cookie',
    ),
  );
  return problemResponse(
    problemBody(
      response.status,
      (body.code ?? 'auth-error').toLowerCase().replaceAll('_', '-'),
      'Authentication failed',
      detail,
    ),
    headers,
  );
}

function authErrorDetail(status: number, message: string | undefined): string {
  if (status === 429) return 'Too many attempts from this address; wait a minute before trying again.';
  if (status === 401 && message?.toLowerCase().includes('invalid'))
    return 'The e-mail or the password is wrong.';
  return message ?? 'The request was refused.';
}
