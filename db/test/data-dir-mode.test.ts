// The embedded data directory holds every article, note and password hash: nobody but its
// owner may read or change it, however PGlite or an older Attest created its files.
import { chmod, cp, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../src/client.ts';

describe('the embedded data directory', () => {
  let parent: string;
  afterAll(async () => {
    if (parent) await rm(parent, { recursive: true, force: true });
  });

  it('is open to its owner alone, files included, also when it was created open to everyone', async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'attest-mode-'));
    const dataDir = path.join(parent, 'data');
    // As PGlite leaves a directory: files 0666 (copied with their modes), and here a 0777 root.
    await cp(inject('pgliteTemplateDir'), dataDir, { recursive: true });
    await chmod(dataDir, 0o777);
    const handle = await openDatabase({ dataDir, migrate: false });
    try {
      expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
      expect(entries.length).toBeGreaterThan(100);
      const openToOthers: string[] = [];
      for (const entry of entries) {
        const entryPath = path.join(entry.parentPath, entry.name);
        if ((await stat(entryPath)).mode & 0o077) openToOthers.push(path.relative(dataDir, entryPath));
      }
      expect(openToOthers).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
