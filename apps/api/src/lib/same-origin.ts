// Cookie-authenticated writes must come from Attest's own pages: a browser sends the Origin of
// the page that made the request, and a foreign one is refused (cross-site request forgery).
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError } from '../errors.ts';
import type { AppEnv } from './openapi.ts';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginWrites(trustedOrigins: readonly string[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const usesCookie = !c.req.header('authorization') && (c.req.header('cookie') ?? '').includes('attest');
    if (safeMethods.has(c.req.method) || !usesCookie) return next();
    const origin = c.req.header('origin');
    const ownOrigin = new URL(c.req.url).origin;
    const isForeign = origin
      ? origin !== ownOrigin && !trustedOrigins.includes(origin)
      : c.req.header('sec-fetch-site') === 'cross-site';
    if (isForeign) {
      throw new ForbiddenError(
        `Requests from ${origin ?? 'another site'} may not change Attest data with your session. Use Attest itself, or an API token.`,
      );
    }
    return next();
  };
}
