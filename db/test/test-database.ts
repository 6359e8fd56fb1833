// Gives each test file a database of its own, on PGlite and, when DATABASE_URL is set, on the
// real Postgres server: `for (const engine of testEngines()) describe(engine, …)`.
import { randomUUID } from 'node:crypto';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { inject } from 'vitest';
import { type DatabaseHandle, type Engine, openDatabase } from '../src/client.ts';
import { withDatabase } from './global-setup.ts';

/** The engines every database assertion runs on: PGlite always, Postgres when configured. */
export function testEngines(): Engine[] {
  return inject('postgresTemplate') ? ['pglite', 'postgres'] : ['pglite'];
}

/** The engine API and CLI tests use: the real server when there is one. */
export function preferredTestEngine(): Engine {
  return inject('postgresTemplate') ? 'postgres' : 'pglite';
}

export interface TestDatabase extends DatabaseHandle {
  /** The connection URL (postgres) or data directory (pglite) of this copy. */
  connection: { databaseUrl?: string; dataDir?: string };
  /** Closes the connection and removes the copy. */
  destroy(): Promise<void>;
}

export async function openTestDatabase(engine: Engine = preferredTestEngine()): Promise<TestDatabase> {
  return engine === 'postgres' ? openPostgresCopy() : openPgliteCopy();
}

async function openPgliteCopy(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'attest-test-'));
  await cp(inject('pgliteTemplateDir'), dataDir, { recursive: true });
  const handle = await openDatabase({ dataDir, migrate: false });
  return {
    ...handle,
    connection: { dataDir },
    async destroy() {
      await handle.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgresCopy(): Promise<TestDatabase> {
  const serverUrl = process.env['DATABASE_URL'];
  const templateName = inject('postgresTemplate');
  if (!serverUrl || !templateName) throw new Error('DATABASE_URL is not set: no Postgres to test against.');
  const databaseName = `attest_t_${inject('testRunId')}_${randomUUID().slice(0, 8)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${databaseName}" template "${templateName}"`);
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(serverUrl, databaseName);
  const handle = await openDatabase({ databaseUrl, migrate: false });
  return {
    ...handle,
    connection: { databaseUrl },
    async destroy() {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${databaseName}" with (force)`);
      await dropper.end();
    },
  };
}
