// Body limits on the real Node HTTP server, byte by byte over a socket: what app.request()
// cannot show (chunked framing, conflicting Content-Length and Transfer-Encoding).
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { documents, projects } from '@attest/db';
import { serve } from '@hono/node-server';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { answerClientError } from '../src/lib/client-error.ts';
import { createTestApp, type TestApp, testPassword } from './helpers.ts';

let testApp: TestApp;
let server: ReturnType<typeof serve>;
let port: number;

beforeAll(async () => {
  testApp = await createTestApp();
  const app = createApp({
    db: testApp.database.db,
    secret: 'a-test-secret-that-is-long-enough-0987654321',
    bodyLimitBytes: 2048,
    logError: () => {},
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve());
  });
  server.on('clientError', answerClientError);
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await testApp?.database.destroy();
});

/** Sends raw bytes and returns the status line of the answer (and keeps the whole answer). */
async function rawRequest(head: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setTimeout(10_000, () => reject(new Error(`No answer; got: ${answer}`)));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        socket.destroy();
        resolve(answer.split('\r\n')[0] ?? '');
      }
    });
    socket.on('error', (error) => (answer ? resolve(answer.split('\r\n')[0] ?? '') : reject(error)));
    socket.write(`${head.replaceAll('\n', '\r\n')}\r\n\r\n${body}`);
  });
}

async function documentCount(): Promise<number> {
  const [row] = await testApp.database.db.select({ total: count() }).from(documents);
  return row?.total ?? 0;
}

const oversized = JSON.stringify({ body: 'Words. '.repeat(1000) });

describe('request bodies over the limit', () => {
  it('answers 413 to a chunked body, writing nothing', async () => {
    const before = await documentCount();
    const chunked = `${oversized.length.toString(16)}\r\n${oversized}\r\n0\r\n\r\n`;
    const status = await rawRequest(
      'POST /api/projects/demo/documents HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\nTransfer-Encoding: chunked',
      chunked,
    );
    expect(status).toContain(' 413 ');
    expect(await documentCount()).toBe(before);
  });

  it('answers 413 to a declared Content-Length over the limit', async () => {
    const status = await rawRequest(
      `POST /api/projects/demo/documents HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\nContent-Length: ${oversized.length}`,
      oversized,
    );
    expect(status).toContain(' 413 ');
  });

  it('refuses a request sending both Content-Length and Transfer-Encoding before it reaches Attest', async () => {
    const before = await documentCount();
    // An ambiguous length is how requests are smuggled past proxies: Node's parser refuses it
    // outright (400), whatever the size, and the body is never read.
    const status = await rawRequest(
      `POST /api/projects/demo/documents HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\nContent-Length: 10\nTransfer-Encoding: chunked`,
      `${oversized.length.toString(16)}\r\n${oversized}\r\n0\r\n\r\n`,
    );
    expect(status).toContain(' 400 ');
    expect(await documentCount()).toBe(before);
  });
});

describe('JSON bodies read from the socket', () => {
  const origin = () => `http://127.0.0.1:${port}`;
  const post = (path: string, body: string | Uint8Array, cookie = '') =>
    fetch(`${origin()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: origin(), ...(cookie ? { cookie } : {}) },
      body,
    });

  async function signedInCookie(): Promise<string> {
    // The auth handler reads the body after the JSON check has taken it from the socket.
    const response = await post(
      '/api/auth/sign-in/email',
      JSON.stringify({ email: 'owner@example.org', password: testPassword }),
    );
    expect(response.status).toBe(200);
    return response.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
  }

  it('signs in and saves what was sent, byte for byte', async () => {
    const cookie = await signedInCookie();
    const name = 'Sources ✓ — 北朝鮮 🛰️ « cited »';
    const created = await post('/api/projects', JSON.stringify({ slug: 'socket-bodies', name }), cookie);
    expect(created.status).toBe(201);
    const [stored] = await testApp.database.db
      .select({ name: projects.name })
      .from(projects)
      .where(eq(projects.slug, 'socket-bodies'));
    expect(stored?.name).toBe(name);
  });

  it('still refuses bytes that are not UTF-8, and NUL characters with their path', async () => {
    const cookie = await signedInCookie();
    const invalid = new Uint8Array([...new TextEncoder().encode('{"slug":"bad","name":"'), 0xff, 0x22, 0x7d]);
    const notUtf8 = await post('/api/projects', invalid, cookie);
    expect(notUtf8.status).toBe(400);
    expect(((await notUtf8.json()) as { type: string }).type).toContain('invalid-utf8');
    const withNul = await post('/api/projects', JSON.stringify({ slug: 'nul', name: 'a\u0000b' }), cookie);
    expect(withNul.status).toBe(422);
    expect(JSON.stringify(await withNul.json())).toContain('"name"');
  });
});
