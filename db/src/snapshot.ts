// One consistent view of the database for work that reads it several times and must agree with
// itself, such as the files of an export bundle: a REPEATABLE READ, READ ONLY transaction held
// open across the reads (on a connection of its own) and ended by the caller.
import type { Database, Executor } from './client.ts';
import { inheritServerAddress, postgresClientOf } from './driver.ts';

export interface ReadSnapshot {
  /** Every query made through it sees the database as of the first one. */
  db: Executor;
  /** Ends the transaction and gives the connection back to its pool; safe to call twice. */
  close(): Promise<void>;
}

/**
 * A snapshot on PostgreSQL; undefined on PGlite, whose single connection a long transaction
 * would hold against every save (there, readers see each page as it is read), and inside a
 * transaction, which has a view of its own.
 */
export function openReadSnapshot(db: Executor): Promise<ReadSnapshot | undefined> {
  const pool = postgresClientOf(db);
  if (!pool || typeof pool.reserve !== 'function') return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    let end = () => {};
    const isEnded = new Promise<void>((resolveEnd) => {
      end = resolveEnd;
    });
    // Drizzle's transactions are scoped to a callback: this one lasts until `close` is called.
    const transaction = (db as Database).transaction(
      async (snapshotDb) => {
        // COPY's cancel request, sent when a reader leaves early, needs the server's address.
        inheritServerAddress(snapshotDb, db);
        resolve({
          db: snapshotDb,
          async close() {
            end();
            // A transaction a cancelled statement aborted ends in a rollback: nothing was written.
            await transaction.catch(() => {});
          },
        });
        await isEnded;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    transaction.catch(reject);
  });
}
