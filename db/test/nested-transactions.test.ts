// A transaction inside a transaction is a savepoint; once it ends, its work must belong to the
// outer transaction again. postgres.js never released the savepoints it made (patched in
// patches/postgres@3.4.9.patch): every nested transaction left a subtransaction open to the end of
// the outer one, and each check of a row's visibility walked all of them, so a re-link (one
// transaction, a nested one per document) slowed with every document.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Executor } from '../src/client.ts';
import { rowsOf } from '../src/sql/rows.ts';
import { openTestDatabase, type TestDatabase, testEngines } from './test-database.ts';

/**
 * The id of the transaction a row written now belongs to, beside the outer transaction's: the two
 * are equal only when no subtransaction is open.
 */
async function writerOfNextRow(transaction: Executor): Promise<{ row: string; outer: string }> {
  const [written] = await rowsOf<{ row: string; outer: string }>(
    transaction,
    sql`insert into nested_probe (n) values (1)
      returning xmin::text as row, (pg_current_xact_id()::text::bigint % 4294967296)::text as outer`,
  );
  if (!written) throw new Error('the probe row was not written');
  return written;
}

for (const engine of testEngines()) {
  describe(`nested transactions on ${engine}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(engine);
      await database.db.execute(sql`create table nested_probe (n int)`);
    });
    afterAll(async () => {
      await database?.destroy();
    });

    it('returns to the outer transaction once a nested one has committed', async () => {
      await database.db.transaction(async (outer) => {
        await outer.transaction(async (inner) => {
          await inner.execute(sql`insert into nested_probe (n) values (0)`);
        });
        const { row, outer: outerId } = await writerOfNextRow(outer);
        expect(row).toBe(outerId);
      });
    });

    it('returns to the outer transaction once a nested one has failed, its work undone', async () => {
      await database.db.transaction(async (outer) => {
        await expect(
          outer.transaction(async (inner) => {
            await inner.execute(sql`insert into nested_probe (n) values (-1)`);
            throw new Error('the nested work fails');
          }),
        ).rejects.toThrow('the nested work fails');
        const { row, outer: outerId } = await writerOfNextRow(outer);
        expect(row).toBe(outerId);
        const [undone] = await rowsOf<{ count: number }>(
          outer,
          sql`select count(*)::int as count from nested_probe where n = -1`,
        );
        expect(undone?.count).toBe(0);
      });
    });
  });
}
