// A real Attest server on loopback over a fresh database, for load tests and HTTP benchmarks:
// PostgreSQL when DATABASE_URL is set (a new database beside it, dropped afterwards),
// otherwise embedded PGlite in a temporary directory. On PostgreSQL the server can run in a
// child process, so its memory is measured apart from the benchmark's own.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seedFirstStart } from '@attest/api';
import { type DatabaseHandle, openDatabase } from '@attest/db';
import postgres from 'postgres';
import { startChildServer } from './child-server.ts';
import type { ServerProcessRequest } from './live-server-process.ts';
import { serveApp } from './serve-app.ts';
import { startWorkerServer } from './worker-server.ts';

export interface LiveServer {
  url: string;
  database: DatabaseHandle;
  /** The fresh database's URL on PostgreSQL; undefined on PGlite. */
  databaseUrl: string | undefined;
  /** The process that serves: this one, or the child with `inChildProcess`. */
  serverPid: number;
  /** Signs the session cookies: another server given it accepts the same sign-ins. */
  secret: string;
  stop(): Promise<void>;
}

export interface LiveServerOptions {
  /** A built web app to serve beside the API, as in production. */
  webRoot?: string;
  /**
   * Serve from a child process (PostgreSQL only); `database` stays a connection of this process
   * for setting data up.
   */
  inChildProcess?: boolean;
  /**
   * Serve with `attest serve --workers N` in a child process (PostgreSQL only): N server
   * processes on one port, as in production.
   */
  workers?: number;
}

export async function startLiveServer(label: string, options: LiveServerOptions = {}): Promise<LiveServer> {
  const serverUrl = process.env['DATABASE_URL'];
  let database: DatabaseHandle;
  let dropDatabase: () => Promise<void>;
  let databaseUrl: string | undefined;
  if (serverUrl) {
    const name = `attest_${label}_${Date.now().toString(36)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    database = await openDatabase({ databaseUrl, maxConnections: 20 });
    dropDatabase = async () => {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    };
  } else {
    const dataDir = await mkdtemp(path.join(tmpdir(), `attest-${label}-`));
    database = await openDatabase({ dataDir });
    dropDatabase = () => rm(dataDir, { recursive: true, force: true });
  }
  await seedFirstStart(database.db);
  const secret = randomBytes(32).toString('base64url');
  if (options.workers !== undefined && !databaseUrl) {
    await database.close();
    await dropDatabase();
    throw new Error('Several server processes need PostgreSQL: set DATABASE_URL.');
  }
  const served =
    options.workers !== undefined && databaseUrl
      ? await startWorkerServer(databaseUrl, secret, options.workers)
      : options.inChildProcess && databaseUrl
        ? await serveInChildProcess({ databaseUrl, secret, webRoot: options.webRoot })
        : await serveHere(database, secret, options.webRoot);
  return {
    url: served.url,
    database,
    databaseUrl,
    serverPid: served.pid,
    secret,
    async stop() {
      await served.close();
      await database.close();
      await dropDatabase();
    },
  };
}

interface Served {
  url: string;
  pid: number;
  close(): Promise<void>;
}

async function serveHere(
  database: DatabaseHandle,
  secret: string,
  webRoot: string | undefined,
): Promise<Served> {
  return { ...(await serveApp(database, secret, webRoot)), pid: process.pid };
}

function serveInChildProcess(request: ServerProcessRequest): Promise<Served> {
  return startChildServer(
    new URL('./live-server-process.ts', import.meta.url),
    request,
    'The server process',
  );
}

/** A signed-in HTTP client, like a browser tab of one user. */
export class Client {
  constructor(
    readonly baseUrl: string,
    private cookie = '',
    private readonly address = '127.0.0.1',
  ) {}

  async request(method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      method,
      headers: {
        origin: this.baseUrl,
        'x-attest-client-address': this.address,
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

  /** Sends `body` as it is, e.g. a JSON-lines file, and returns the JSON answer. */
  async upload<Result>(pathname: string, body: string, contentType: string): Promise<Result> {
    const response = await fetch(`${this.baseUrl}${pathname}`, {
      method: 'POST',
      headers: {
        origin: this.baseUrl,
        'x-attest-client-address': this.address,
        'content-type': contentType,
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      body,
    });
    if (!response.ok) throw new Error(`POST ${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Result;
  }

  async json<Result>(method: string, pathname: string, body?: unknown): Promise<Result> {
    const response = await this.request(method, pathname, body);
    if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Result;
  }
}
