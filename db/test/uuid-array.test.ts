import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../src/sql/rows.ts';
import { uuidArray } from '../src/sql/uuid-array.ts';
import { openTestDatabase, type TestDatabase, testEngines } from './test-database.ts';

describe('uuidArray', () => {
  it('refuses anything that is not a UUID, since it is written into the array literal', () => {
    expect(() => uuidArray(['00000000-0000-4000-8000-000000000000', "x}','{y"])).toThrow(/Not a UUID/);
  });
});

for (const engine of testEngines())
  describe(`uuidArray on ${engine}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(engine);
    });
    afterAll(async () => {
      await database?.destroy();
    });

    it('binds many ids as one uuid[] parameter, in order', async () => {
      const ids = Array.from(
        { length: 1_200 },
        (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      );
      const rows = await rowsOf<{ id: string }>(
        database.db,
        sql`select id::text from unnest(${uuidArray(ids)}) with ordinality as given(id, n) order by n`,
      );
      expect(rows.map((row) => row.id)).toEqual(ids);
    });
  });
