// Two real server processes over one PostgreSQL database, as `attest serve --workers 2` or two
// servers behind a proxy run: what one process stores, the other serves; versions, idempotency
// keys, sessions and tokens live in the database, so they hold across processes. The only state
// a process keeps is its session cache (auth/session-cache.ts), whose bound this test measures.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Annotation, DocumentDetail, ImportResult, Problem } from '@attest/core';
import { type DatabaseHandle, openDatabase } from '@attest/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const serverUrl = process.env['DATABASE_URL'];
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const serverScript = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const tsx = `${repoRoot}node_modules/.bin/tsx`;
const password = 'two processes password';
/** ATTEST_SESSION_CACHE_SECONDS of both processes: shorter than the default 10 s, to keep the test short. */
const sessionCacheSeconds = 3;
/** How long a server process may take to migrate, seed and listen on a loaded machine. */
const startTimeoutMs = 90_000;

interface ServerProcess {
  url: string;
  child: ChildProcess;
}

/** Starts `tsx src/server.ts` on an ephemeral port and resolves with its address once it listens. */
function startServerProcess(databaseUrl: string, secret: string): Promise<ServerProcess> {
  const child = spawn(tsx, [serverScript], {
    cwd: repoRoot,
    // Its own process group, so the test stops tsx and the node process it starts together.
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      ATTEST_SECRET: secret,
      HOST: '127.0.0.1',
      PORT: '0',
      NODE_ENV: 'test',
      ATTEST_SIGN_IN_LIMIT: '1000',
      ATTEST_WORKERS: '1',
      ATTEST_SESSION_CACHE_SECONDS: String(sessionCacheSeconds),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`No server within ${startTimeoutMs} ms:\n${output}`)),
      startTimeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Attest is running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}:\n${output}`));
    });
  });
}

function stopServerProcess(server: ServerProcess | undefined): Promise<void> {
  const child = server?.child;
  if (!child?.pid || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Gone already.
      }
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(killer);
      resolve();
    }
  });
}

/** A browser-like client bound to one process; `cookie` can be carried to the other. */
class Client {
  constructor(
    readonly baseUrl: string,
    public cookie = '',
  ) {}

  async request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: {
        origin: this.baseUrl,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length > 0) this.cookie = setCookies.map((cookie) => cookie.split(';')[0]).join('; ');
    return response;
  }

  async json<Result>(method: string, pathname: string, body?: unknown): Promise<Result> {
    const response = await this.request(method, pathname, body);
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Result;
  }

  /** The same user (same cookie) talking to another process. */
  on(other: ServerProcess): Client {
    return new Client(other.url, this.cookie);
  }
}

describe.skipIf(!serverUrl)('two server processes over one PostgreSQL database', () => {
  const databaseName = `attest_t_${inject('testRunId')}_two_processes`;
  let admin: DatabaseHandle | undefined;
  let first: ServerProcess | undefined;
  let second: ServerProcess | undefined;
  let owner: Client;
  let sentenceIds: string[];
  let documentId: string;

  /** The owner's annotation of the sentence as `server` serves it. */
  async function annotationOn(server: ServerProcess, sentenceId: string): Promise<Annotation | undefined> {
    const detail = await owner.on(server).json<DocumentDetail>('GET', `/api/documents/${documentId}`);
    return detail.annotations.find((annotation) => annotation.sentenceId === sentenceId);
  }

  /** How many rows of the processes' database a query counts. */
  async function countOf(query: ReturnType<typeof sql>): Promise<number> {
    const database = await openDatabase({ databaseUrl: databaseUrl(), maxConnections: 1, migrate: false });
    try {
      const [row] = (await database.db.execute(query)) as unknown as { total: number }[];
      return row?.total ?? 0;
    } finally {
      await database.close();
    }
  }

  function databaseUrl(): string {
    const url = new URL(serverUrl!);
    url.pathname = `/${databaseName}`;
    return url.toString();
  }

  beforeAll(async () => {
    admin = await openDatabase({ databaseUrl: serverUrl, maxConnections: 1, migrate: false });
    await admin.db.execute(sql.raw(`create database "${databaseName}"`));
    const secret = randomBytes(32).toString('base64url');
    // Both start together on the empty database: both migrate and seed it.
    [first, second] = await Promise.all([
      startServerProcess(databaseUrl(), secret),
      startServerProcess(databaseUrl(), secret),
    ]);
    owner = new Client(first.url);
    await owner.json('POST', '/api/setup', { name: 'Owner', email: 'owner@two.test', password });
    await owner.json('POST', '/api/projects', { slug: 'two', name: 'Two processes' });
    const imported = await owner.json<ImportResult>('POST', '/api/projects/two/documents', {
      body: 'The agency said the bridge opened. Residents welcomed it. Officials met on Monday. The port closed.',
    });
    documentId = imported.document.id;
    const detail = await owner.json<DocumentDetail>('GET', `/api/documents/${documentId}`);
    sentenceIds = detail.sentences
      .filter((sentence) => sentence.kind !== 'boilerplate')
      .map((sentence) => sentence.id);
  }, 2 * startTimeoutMs);

  afterAll(async () => {
    await Promise.all([stopServerProcess(first), stopServerProcess(second)]);
    await admin?.db.execute(sql.raw(`drop database if exists "${databaseName}" with (force)`));
    await admin?.close();
  });

  it('run as two processes that seeded the demo project once', async () => {
    expect(first!.child.pid).not.toBe(second!.child.pid);
    expect(await countOf(sql`select count(*)::int as total from projects where slug = 'demo'`)).toBe(1);
    const projects = await owner.on(second!).json<{ items: { slug: string }[] }>('GET', '/api/projects');
    expect(projects.items.map((project) => project.slug).sort()).toEqual(['demo', 'two']);
  });

  it('serve a save made in one process from the other', async () => {
    const sentenceId = sentenceIds[0]!;
    const saved = await owner.json<Annotation>('PUT', `/api/sentences/${sentenceId}/annotation`, {
      label: 'kcna_claim',
    });
    expect(await annotationOn(second!, sentenceId)).toMatchObject({
      label: 'kcna_claim',
      version: saved.version,
    });
  });

  it('refuse a stale If-Match in one process after a save in the other, changing nothing', async () => {
    const sentenceId = sentenceIds[1]!;
    const saved = await owner.request(
      'PUT',
      `/api/sentences/${sentenceId}/annotation`,
      { label: 'reported_fact' },
      {
        'if-match': '"0"',
      },
    );
    expect(saved.status).toBe(200);
    const stale = await owner
      .on(second!)
      .request(
        'PUT',
        `/api/sentences/${sentenceId}/annotation`,
        { label: 'observer_inference' },
        { 'if-match': '"0"' },
      );
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as Problem).current).toMatchObject({ label: 'reported_fact', version: 1 });
    expect(await annotationOn(first!, sentenceId)).toMatchObject({ label: 'reported_fact', version: 1 });
  });

  it('apply a save retried in the other process with the same Idempotency-Key once', async () => {
    const sentenceId = sentenceIds[2]!;
    const headers = { 'if-match': '"0"', 'idempotency-key': 'two-processes-key-0001' };
    const body = { label: 'observer_inference' };
    const once = await owner.request('PUT', `/api/sentences/${sentenceId}/annotation`, body, headers);
    const again = await owner
      .on(second!)
      .request('PUT', `/api/sentences/${sentenceId}/annotation`, body, headers);
    expect(once.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ label: 'observer_inference', version: 1 });
    expect(
      await countOf(
        sql`select count(*)::int as total from annotation_events where client_op_id = 'two-processes-key-0001'`,
      ),
    ).toBe(1);
  });

  it('honour an API token revoked in one process in the other at once', async () => {
    const created = await owner.json<{ id: string; token: string }>('POST', '/api/tokens', {
      name: 'script',
      projects: ['two'],
    });
    const asToken = () =>
      fetch(`${second!.url}/api/projects/two`, { headers: { authorization: `Bearer ${created.token}` } });
    expect((await asToken()).status).toBe(200);
    expect((await owner.request('DELETE', `/api/tokens/${created.id}`)).status).toBe(204);
    expect((await asToken()).status).toBe(401);
  });

  it(`honour a sign-out in one process in the other within ${sessionCacheSeconds} s`, async () => {
    const session = new Client(first!.url);
    await session.json('POST', '/api/auth/sign-in/email', { email: 'owner@two.test', password });
    const elsewhere = session.on(second!);
    // The other process has looked the session up and keeps it in its cache.
    expect((await elsewhere.request('GET', '/api/me')).status).toBe(200);
    expect((await session.request('POST', '/api/auth/sign-out', {})).status).toBe(200);
    const signedOutAt = Date.now();
    // The process that signed out refuses the cookie at once.
    expect((await new Client(first!.url, elsewhere.cookie).request('GET', '/api/me')).status).toBe(401);
    let status = 200;
    while (status === 200 && Date.now() - signedOutAt < sessionCacheSeconds * 1000 + 5_000) {
      status = (await elsewhere.request('GET', '/api/me')).status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(401);
    expect(Date.now() - signedOutAt).toBeLessThanOrEqual(sessionCacheSeconds * 1000 + 1_000);
  }, 30_000);
});

if (!serverUrl) {
  describe('two server processes over one database', () => {
    it.skipIf(!serverUrl)(
      'needs PostgreSQL: set DATABASE_URL to run it (the embedded database has one process)',
      () => {},
    );
  });
}
