// Several API processes starting together against one fresh PostgreSQL database: each migrates
// at start-up, and the advisory lock in client.ts makes the first apply the migrations while the
// others wait and then find nothing to do.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { describe, expect, inject, it } from 'vitest';
import { migrationsFolder, openDatabase } from '../src/client.ts';
import { withDatabase } from './global-setup.ts';

const serverUrl = process.env['DATABASE_URL'];
const startingTogether = 4;

describe.skipIf(!serverUrl)('migrations when several processes start at once (PostgreSQL)', () => {
  it('all starts succeed and each migration is applied once', async () => {
    const databaseName = `attest_t_${inject('testRunId')}_migrate_race`;
    const admin = postgres(serverUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${databaseName}"`);
    try {
      const databaseUrl = withDatabase(serverUrl!, databaseName);
      const starts = await Promise.allSettled(
        Array.from({ length: startingTogether }, () => openDatabase({ databaseUrl, maxConnections: 1 })),
      );
      for (const start of starts) if (start.status === 'fulfilled') await start.value.close();
      const failures = starts.flatMap((start) => (start.status === 'rejected' ? [String(start.reason)] : []));
      expect(failures).toEqual([]);

      const journal = JSON.parse(
        await readFile(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
      ) as {
        entries: unknown[];
      };
      const check = postgres(databaseUrl, { max: 1, onnotice: () => {} });
      try {
        const applied = await check<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`;
        expect(applied).toHaveLength(journal.entries.length);
        expect(new Set(applied.map((row) => row.hash)).size).toBe(journal.entries.length);
        const [tables] = await check<{ total: number }[]>`
          select count(*)::int as total from information_schema.tables where table_name = 'annotations'`;
        expect(tables?.total).toBe(1);
      } finally {
        await check.end();
      }
    } finally {
      await admin.unsafe(`drop database if exists "${databaseName}" with (force)`);
      await admin.end();
    }
  });
});

if (!serverUrl) {
  describe('migrations when several processes start at once', () => {
    it.skipIf(!serverUrl)(
      'needs PostgreSQL: set DATABASE_URL to run it (the embedded database has one process)',
      () => {},
    );
  });
}
