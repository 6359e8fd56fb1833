// Refuses request bodies over the limit with 413. A body of declared length is judged by its
// Content-Length alone (Node's parser holds the client to it); only a chunked body is counted
// as it streams, by Hono's middleware. Hono's middleware on its own would build the Fetch
// Request and its body stream for every request, which costs more than a small save itself.
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './openapi.ts';

export function limitBodies(maxBytes: number, onTooLarge: () => Response): MiddlewareHandler<AppEnv> {
  const countChunkedBody = bodyLimit({ maxSize: maxBytes, onError: onTooLarge });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declaredLength = c.req.header('content-length');
    if (declaredLength === undefined || c.req.header('transfer-encoding') !== undefined) {
      return countChunkedBody(c, next);
    }
    return Number(declaredLength) > maxBytes ? onTooLarge() : next();
  };
}
