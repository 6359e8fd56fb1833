// JSON bodies must be UTF-8 and free of NUL characters. Without this check invalid bytes
// would silently become U+FFFD, and a NUL would reach PostgreSQL, which cannot store it.
import type { MiddlewareHandler } from 'hono';
import { InvalidInputError, ProblemError } from '../errors.ts';
import type { AppEnv } from './openapi.ts';

const bodyMethods = new Set(['POST', 'PUT', 'PATCH']);

export const checkJsonText: MiddlewareHandler<AppEnv> = async (c, next) => {
  const isJson = c.req.header('content-type')?.toLowerCase().startsWith('application/json') ?? false;
  if (!bodyMethods.has(c.req.method) || !isJson) return next();
  const bytes = await c.req.arrayBuffer();
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
  return next();
};

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
