// Where the end-to-end server runs and which database it owns, shared by the config, the
// server start-up and the teardown.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2ePort = Number(process.env['ATTEST_E2E_PORT'] ?? 3210);

export const e2eRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = path.resolve(e2eRoot, '..');

/**
 * The embedded database's directory, removed before every run (gitignored). One per port, so
 * two runs on different ports (ATTEST_E2E_PORT) do not wipe each other's database.
 */
/** The editor built for this run: a run on another port rebuilding apps/web/dist cannot break it. */
export const webRoot = path.join(e2eRoot, '.data', `web-${e2ePort}`);

export const pgliteDataDir = path.join(e2eRoot, '.data', `pglite-${e2ePort}`);

/** A fresh, unique Postgres database name for this run (used only when DATABASE_URL is set). */
export function e2eDatabaseName(): string {
  return `attest_e2e_${Date.now().toString(36)}_${process.pid}`;
}

/** The same server and credentials as `serverUrl`, another database. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
