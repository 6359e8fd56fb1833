// `attest serve --workers N` refuses what cannot work before it starts anything: several
// processes on the embedded database, or a count that is not a whole number from 1 to 64.
// With PostgreSQL it starts N workers on one port and stops them all on SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openTestDatabase } from '@attest/db/testing';
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

const serverUrl = process.env['DATABASE_URL'];

describe.skipIf(!serverUrl)('attest serve --workers over PostgreSQL', () => {
  it('starts two workers on one port, answers, and stops them all on SIGTERM', async () => {
    const database = await openTestDatabase('postgres');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const child = spawn(tsx, [cliMain, 'serve', '--workers', '2'], {
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: database.connection.databaseUrl!,
        ATTEST_SECRET: randomBytes(32).toString('base64url'),
        PORT: String(port),
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Two workers did not start:\n${output}`)), 90_000);
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if ((output.match(/Attest is running at/g) ?? []).length >= 2) {
            clearTimeout(timer);
            resolve();
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => reject(new Error(`attest serve exited with ${code}:\n${output}`)));
      });
      expect(output).toContain('Starting 2 Attest workers on one port');
      for (let request = 0; request < 4; request++) {
        expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      }
      process.kill(-child.pid!, 'SIGTERM');
      expect(await exited).toBe(0);
      expect(output.match(/finishing open requests/g)).toHaveLength(2);
    } finally {
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      await database.destroy();
    }
  }, 120_000);
});
