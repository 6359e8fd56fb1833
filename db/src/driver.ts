// The one module that reads inside Drizzle's and postgres.js's objects, for what neither offers
// as API: the postgres.js connection behind a Drizzle executor (for COPY), the backend key of a
// running query (for PostgreSQL's cancel request) and the server's address. Everything here
// leans on a driver's internals; db/test/driver.test.ts fails when an upgrade moves them.
import { is } from 'drizzle-orm';
import { PostgresJsSession } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Executor } from './client.ts';

/** The postgres.js connection pool (or transaction) behind a Drizzle executor; undefined on PGlite. */
export function postgresClientOf(db: Executor): postgres.Sql | undefined {
  // `_.session` is Drizzle's own field on a database and a transaction (not in its public types).
  const session: unknown = db._.session;
  return is(session, PostgresJsSession) ? (session.client as postgres.Sql) : undefined;
}

/** What PostgreSQL's cancel request names a backend by (BackendKeyData). */
export interface BackendKey {
  pid: number;
  secret: number;
}

/**
 * The backend key of the connection running a query, once it runs: postgres.js keeps it in the
 * query's `state` (undocumented). Undefined when the driver keeps it elsewhere.
 */
export function backendKeyOf(query: Promise<unknown>): BackendKey | undefined {
  const state: unknown = (query as unknown as { state?: unknown }).state;
  if (typeof state !== 'object' || state === null) return undefined;
  const { pid, secret } = state as { pid?: unknown; secret?: unknown };
  return typeof pid === 'number' && typeof secret === 'number' ? { pid, secret } : undefined;
}

/** Where the server listens, as postgres.js parsed it from the URL: a socket path, or host and port. */
export type ServerAddress = { path: string } | { host: string; port: number };

/** postgres.js keeps the options on a pool only: a transaction's connection answers with its pool's. */
const addressesOfTransactions = new WeakMap<postgres.Sql, ServerAddress>();

/** The address a connection (a pool, or a transaction opened by `inheritServerAddress`) reaches. */
export function serverAddressOf(connection: postgres.Sql): ServerAddress | undefined {
  const options = (connection as { options?: unknown }).options as
    | { host: string[]; port: number[]; path: string | false }
    | undefined;
  if (!options) return addressesOfTransactions.get(connection);
  return options.path
    ? { path: options.path }
    : { host: options.host[0] ?? 'localhost', port: options.port[0] ?? 5432 };
}

/** Lets the connection of a transaction opened on `pool` say where its server is. */
export function inheritServerAddress(transaction: Executor, pool: Executor): void {
  const connection = postgresClientOf(transaction);
  const poolConnection = postgresClientOf(pool);
  const address = poolConnection && serverAddressOf(poolConnection);
  if (connection && address) addressesOfTransactions.set(connection, address);
}
