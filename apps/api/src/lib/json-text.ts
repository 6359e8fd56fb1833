// JSON bodies must be UTF-8 and free of NUL characters. Without this check invalid bytes
// would silently become U+FFFD, and a NUL would reach PostgreSQL, which cannot store it.
import type { IncomingMessage } from 'node:http';
import type { Context, MiddlewareHandler } from 'hono';
import { InvalidInputError, ProblemError } from '../errors.ts';
import type { AppEnv } from './openapi.ts';

const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

export const checkJsonText: MiddlewareHandler<AppEnv> = async (c, next) => {
  const isJson = c.req.header('content-type')?.toLowerCase().startsWith('application/json') ?? false;
  if (!bodyMethods.has(c.req.method) || !isJson) return next();
  const bytes = await requestBytes(c);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ProblemError(
      400,
      'invalid-utf8',
      'The request is not UTF-8',
      'The body contains bytes that are not UTF-8. Send JSON encoded as UTF-8.',
    );
  }
  if (text.includes('\u0000') || text.includes('\\u0000')) {
    const path = nulPath(safeParse(text));
    if (path !== undefined || text.includes('\u0000')) {
      throw new InvalidInputError(
        'Text may not contain NUL characters (U+0000); remove them and send it again.',
        [{ path: path ?? 'body', message: 'Contains a NUL character.' }],
      );
    }
  }
  // Handlers, validators and the auth handler read the body from here, not from the socket.
  // Hono keeps each reading's promise there (its type names the resolved values instead).
  const bodyCache = c.req.bodyCache as unknown as Record<'arrayBuffer' | 'text', Promise<unknown>>;
  bodyCache.arrayBuffer = Promise.resolve(bytes.buffer);
  bodyCache.text = Promise.resolve(text);
  return next();
};

/**
 * The body's bytes. Under @hono/node-server, a body of declared length (which the body limit
 * has already checked, and Node's parser holds the client to) is read straight from Node's
 * request: building the Fetch Request and its web stream to read it would cost more CPU than
 * the rest of a typical save. Otherwise (a chunked body, or app.request() in tests) Hono reads
 * it, through the body limit's counting stream.
 */
async function requestBytes(c: Context<AppEnv>): Promise<Uint8Array> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && c.req.header('content-length') !== undefined) {
    // Copied into a buffer of its own (not a slice of Node's shared pool): `.buffer` is the body.
    return new Uint8Array(Buffer.concat(await incoming.toArray()));
  }
  return new Uint8Array(await c.req.arrayBuffer());
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The path of the first string holding a NUL, if any. */
function nulPath(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulPath(item, path ? `${path}.${index}` : String(index));
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = nulPath(item, path ? `${path}.${key}` : key);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
