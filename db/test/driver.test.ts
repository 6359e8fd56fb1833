// The driver adapter (src/driver.ts) reads Drizzle's and postgres.js's internals: these checks
// fail when an upgrade of either moves what it reads, instead of exports silently losing their
// COPY path or their cancel request. The snapshot built on it is checked here too.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendKeyOf, postgresClientOf, serverAddressOf } from '../src/driver.ts';
import { openReadSnapshot } from '../src/snapshot.ts';
import { openTestDatabase, type TestDatabase, testEngines } from './test-database.ts';

const hasPostgres = testEngines().includes('postgres');

/** postgres.js answers `execute` with the rows themselves. */
const rowsOf = <Row>(result: unknown) => result as Row[];

describe('driver adapter on pglite', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('finds no postgres.js connection and opens no snapshot', async () => {
    expect(postgresClientOf(database.db)).toBeUndefined();
    await database.db.transaction(async (transaction) => {
      expect(postgresClientOf(transaction)).toBeUndefined();
    });
    expect(await openReadSnapshot(database.db)).toBeUndefined();
  });
});

// Without DATABASE_URL there is no postgres.js connection to look into.
describe.skipIf(!hasPostgres)('driver adapter on postgres (needs DATABASE_URL)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('finds the postgres.js pool behind the database and the connection behind a transaction', async () => {
    const pool = postgresClientOf(database.db);
    expect(pool).toBeDefined();
    expect(await pool!.unsafe('select 1 as one')).toEqual([{ one: 1 }]);
    await database.db.transaction(async (transaction) => {
      const connection = postgresClientOf(transaction);
      expect(connection).toBeDefined();
      await connection!.unsafe('create temporary table seen_in_transaction (id int) on commit drop');
      // The temporary table exists only on the transaction's own connection.
      const [found] = rowsOf(
        await transaction.execute(sql`select to_regclass('seen_in_transaction') is not null as seen`),
      );
      expect(found).toEqual({ seen: true });
    });
  });

  it("reads the backend key of a running query's connection", async () => {
    const pool = postgresClientOf(database.db)!;
    const reserved = await pool.reserve();
    try {
      const query = reserved.unsafe('select pg_backend_pid() as pid');
      const [row] = await query;
      const key = backendKeyOf(query);
      expect(key).toEqual({ pid: row!['pid'], secret: expect.any(Number) });
    } finally {
      reserved.release();
    }
  });

  it('reads the server address the pool connects to', () => {
    const url = new URL(database.connection.databaseUrl!);
    const address = serverAddressOf(postgresClientOf(database.db)!);
    const expected = url.hostname
      ? { host: url.hostname, port: Number(url.port || 5432) }
      : expect.objectContaining({ path: expect.any(String) });
    expect(address).toEqual(expected);
  });

  it('keeps one view of the database across reads while others write', async () => {
    await database.db.execute(sql`create table snapshot_probe (id int)`);
    const snapshot = await openReadSnapshot(database.db);
    expect(snapshot).toBeDefined();
    try {
      const count = async () => {
        const [row] = rowsOf<{ rows: number }>(
          await snapshot!.db.execute(sql`select count(*)::int as rows from snapshot_probe`),
        );
        return row!.rows;
      };
      expect(await count()).toBe(0);
      // A COPY in the snapshot can be cancelled: its connection knows the server's address.
      expect(serverAddressOf(postgresClientOf(snapshot!.db)!)).toEqual(
        serverAddressOf(postgresClientOf(database.db)!),
      );
      await database.db.execute(sql`insert into snapshot_probe values (1), (2)`);
      expect(await count()).toBe(0);
    } finally {
      await snapshot!.close();
      await snapshot!.close();
    }
    const [after] = rowsOf<{ rows: number }>(
      await database.db.execute(sql`select count(*)::int as rows from snapshot_probe`),
    );
    expect(after!.rows).toBe(2);
  });
});
