// One JSON line per request, carrying the request id that error responses quote, so an
// operator can find what a user reports.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './openapi.ts';

export function accessLog(write: (line: string) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        requestId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
        user: c.var.actor?.userId ?? null,
      }),
    );
  };
}
