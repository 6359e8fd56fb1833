// `attest serve --workers N` refuses what cannot work before it starts anything: several
// processes on the embedded database, or a count that is not a whole number from 1 to 64.
// (Several workers over PostgreSQL are exercised by `pnpm soak --processes 2` and the
// `processes` benchmark.)
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cliMain = path.join(repoRoot, 'apps/cli/src/main.ts');
const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
let dataDir: string;

async function serve(args: string[], env: Record<string, string> = {}) {
  try {
    await run(tsx, [cliMain, 'serve', ...args], {
      env: { ...process.env, DATABASE_URL: '', ATTEST_DATA_DIR: dataDir, PORT: '0', ...env },
      timeout: 30_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'attest-workers-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('attest serve --workers', () => {
  it('refuses several workers on the embedded database, saying what to set', async () => {
    const result = await serve(['--workers', '2']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('2 workers need PostgreSQL');
    expect(result.stderr).toContain('DATABASE_URL');
  });

  it('refuses ATTEST_WORKERS above 1 on the embedded database too', async () => {
    const result = await serve([], { ATTEST_WORKERS: '3' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('3 workers need PostgreSQL');
  });

  it('refuses a worker count that is not a whole number from 1 to 64', async () => {
    for (const workers of ['0', '65']) {
      const result = await serve(['--workers', workers]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('whole number from 1 to 64');
    }
  });
});
