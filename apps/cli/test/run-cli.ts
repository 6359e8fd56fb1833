// What the CLI tests share: running `attest` as a user would, and an embedded database for it.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openTestDatabase, type TestDatabase } from '@attest/db/testing';
import { afterAll, beforeAll } from 'vitest';

const run = promisify(execFile);
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cliMain = path.join(repoRoot, 'apps/cli/src/main.ts');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `attest ARGS` in `cwd` on the embedded database unless `env` says otherwise. */
export async function runAttest(
  args: string[],
  { cwd, env = {} }: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(tsx, [cliMain, ...args], {
      cwd,
      env: { ...process.env, DATABASE_URL: '', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * A migrated embedded database for the suite, closed again: the CLI opens it itself, and PGlite
 * allows one process at a time. Call in a `describe`; read the database inside the tests.
 */
export function embeddedDatabaseForCli(): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await database.close();
  });
  afterAll(async () => {
    await database?.destroy();
  });
  return () => {
    if (!database) throw new Error('The embedded database is made in beforeAll.');
    return database;
  };
}
