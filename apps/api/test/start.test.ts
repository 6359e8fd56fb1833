// `pnpm start` on a fresh machine: builds the web app, creates the embedded database and the
// demo project, and answers on the configured port.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Timed out waiting for ${pattern}; output:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`pnpm start exited with ${code}; output:\n${output}`));
    });
  });
}

describe('pnpm start', () => {
  let child: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    try {
      if (child?.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // It has exited already.
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('comes up on an empty data directory and answers /readyz and the app', async () => {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'attest-start-')), 'data');
    const port = await freePort();
    child = spawn('pnpm', ['start'], {
      cwd: repoRoot,
      detached: true,
      env: { ...process.env, DATABASE_URL: '', ATTEST_DATA_DIR: dataDir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await waitForOutput(child, /Attest is running at http:\/\/127\.0\.0\.1:\d+/, 150_000);

    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    // A fresh install waits for its first account: no default account exists.
    expect(await (await fetch(`http://127.0.0.1:${port}/api/setup`)).json()).toEqual({ needsSetup: true });
    expect((await fetch(`http://127.0.0.1:${port}/api/projects`)).status).toBe(401);
    const page = await fetch(`http://127.0.0.1:${port}/projects/demo`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<attest-app');

    // The public URL defaults to the address it listens on: no warning, and over plain http the
    // session cookie is not Secure, so a sign-in sticks.
    const setup = await fetch(`http://127.0.0.1:${port}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}` },
      body: JSON.stringify({ name: 'Start Owner', email: 'start@example.org', password: 'a start password' }),
    });
    expect(setup.status).toBe(201);
    const cookie = setup.headers.getSetCookie().find((value) => value.includes('session_token')) ?? '';
    expect(cookie).toMatch(/^attest\.session_token=/);
    expect(cookie).not.toMatch(/Secure/i);
    expect(output).not.toMatch(/Base URL/i);
  }, 180_000);
});
