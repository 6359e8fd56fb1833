import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../src/data-dir-lock.ts';

describe('lockDataDir', () => {
  const directories: string[] = [];
  afterEach(async () => {
    for (const directory of directories.splice(0)) await rm(directory, { recursive: true, force: true });
  });

  async function freshDirectory() {
    const directory = await mkdtemp(path.join(tmpdir(), 'attest-lock-'));
    directories.push(directory);
    return directory;
  }

  it('refuses a directory another live process holds', async () => {
    const directory = await freshDirectory();
    const otherProcess = spawn('sleep', ['30']);
    try {
      await writeFile(path.join(directory, 'attest.lock'), String(otherProcess.pid));
      await expect(lockDataDir(directory)).rejects.toBeInstanceOf(DataDirInUseError);
    } finally {
      otherProcess.kill();
    }
  });

  it('takes over the lock of a process that is gone, and releases it', async () => {
    const directory = await freshDirectory();
    await writeFile(path.join(directory, 'attest.lock'), '999999999');
    const release = await lockDataDir(directory);
    await release();
    const again = await lockDataDir(directory);
    await again();
  });
});
