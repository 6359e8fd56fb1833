// JSON bodies must be UTF-8, free of NUL characters and of lone surrogates. Without this check
// invalid bytes would silently become U+FFFD, a NUL would reach PostgreSQL, which cannot store
// it, and a lone surrogate would become U+FFFD in text columns and an error in jsonb ones.
import type { IncomingMessage } from 'node:http';
import { findUnstorableString } from '@attest/core';
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
  // A NUL or a lone surrogate (raw, or escaped as \u0000 / \ud800) cannot be stored: refused
  // here for every JSON route, naming the field. Only bodies that may hold one are walked.
  if (text.includes('\u0000') || /\\u0000|\\u[dD][89a-fA-F]/.test(text)) {
    const found = findUnstorableString(safeParse(text));
    const { path, message } =
      found ??
      (text.includes('\u0000') ? { path: 'body', message: 'Contains a NUL character (U+0000).' } : {});
    if (path && message) throw new InvalidInputError(`${path}: ${message}`, [{ path, message }]);
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
