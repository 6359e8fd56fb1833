// Starts the real Attest server for the end-to-end run on a database nobody else uses: a new
// Postgres database beside DATABASE_URL's when it is set (CI), else a PGlite directory wiped first.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import postgres from 'postgres';
import { e2ePort, pgliteDataDir, repoRoot, webRoot, withDatabase } from './environment.ts';

async function prepareDatabase(): Promise<string | undefined> {
  const serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    await rm(pgliteDataDir, { recursive: true, force: true });
    return undefined;
  }
  const database = process.env['ATTEST_E2E_DATABASE'];
  if (!database || !/^[a-z0-9_]+$/.test(database)) {
    throw new Error(
      'ATTEST_E2E_DATABASE is missing or not a plain name; start the suite with `playwright test`.',
    );
  }
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return withDatabase(serverUrl, database);
}

const databaseUrl = await prepareDatabase();
Object.assign(process.env, {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(e2ePort),
  ATTEST_DATA_DIR: pgliteDataDir,
  ATTEST_WEB_ROOT: webRoot,
  DATABASE_URL: databaseUrl ?? '',
  // A server on a database server must be given a strong secret; this run makes a fresh one.
  ATTEST_SECRET: randomBytes(48).toString('base64url'),
  // Every browser of the run signs in from 127.0.0.1: the per-address limit would trip.
  ATTEST_SIGN_IN_LIMIT: '200',
});
// Imported by URL so the e2e package's typecheck does not compile the API's sources.
const serverModule = pathToFileURL(path.join(repoRoot, 'apps/api/src/server.ts')).href;
const { startServer } = (await import(serverModule)) as { startServer: () => Promise<void> };
await startServer();
