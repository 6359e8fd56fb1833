// PGlite is a single-process database: two processes opening one data directory corrupt it.
// A lock file holding the owner's pid makes the second one stop with a clear message instead.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (probably a running Attest server). ` +
        'Stop that process, or talk to the running server over HTTP instead.',
    );
    this.name = 'DataDirInUseError';
  }
}

/** Takes the data directory for this process; returns the function that releases it. */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, 'attest.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      let isReleased = false;
      return async () => {
        if (isReleased) return;
        isReleased = true;
        await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const ownerPid = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid))
        throw new DataDirInUseError(dataDir, ownerPid);
      // The owner is gone (a crash or kill -9): the lock is stale.
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
