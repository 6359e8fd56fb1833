// The one place that decides the database engine: real Postgres when DATABASE_URL is set,
// embedded PGlite (Postgres compiled to WASM) in a local data directory otherwise.
import { chmod, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A Drizzle database on either engine; queries are written once against this type. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: queries accept either. */
export type Executor = Parameters<Parameters<Database['transaction']>[0]>[0] | Database;

export type Engine = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Database;
  /**
   * Where dataset exports read: on PostgreSQL a pool of its own (`exportConnections`), so
   * downloads that stall can never take the connections saves and sign-ins need; on PGlite the
   * same single connection as `db`, which an export holds only while it reads one page.
   */
  exportDb: Database;
  /**
   * Where the one-statement save is sent: on PostgreSQL a small pool of its own
   * (`defaultSaveConnections`). Saves that arrive together go out as one statement,
   * mostly one at a time, and no long query (a report, a re-link) can hold a save behind it.
   * On PGlite the same connection as `db`.
   */
  saveDb: Database;
  engine: Engine;
  /** Where the data lives: the server URL without its password, or the PGlite directory. */
  location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; when absent the embedded PGlite engine is used. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory (created when missing). */
  dataDir?: string | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Connections in the postgres.js pool (default 10). */
  maxConnections?: number;
  /** Connections in the dataset exports' own pool on PostgreSQL (default 4). */
  exportConnections?: number;
}

/** The saves' pool on PostgreSQL: the size at which saves ran fastest on 2 cores (docs/benchmarks.md). */
export const defaultSaveConnections = 3;

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

// Any 64-bit number unique to Attest: serialises concurrent start-ups of several API processes.
const migrationLockId = 4_711_202_611;

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const shouldMigrate = options.migrate ?? true;
  if (options.databaseUrl) {
    const client = connectPool(options.databaseUrl, options.maxConnections ?? 10);
    const exportClient = connectPool(options.databaseUrl, options.exportConnections ?? 4);
    const saveClient = connectPool(options.databaseUrl, defaultSaveConnections);
    const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
    const exportDb = drizzlePostgres({ client: exportClient, schema, casing: 'snake_case' });
    const saveDb = drizzlePostgres({ client: saveClient, schema, casing: 'snake_case' });
    if (shouldMigrate) await migrateServer(options.databaseUrl);
    return {
      db,
      exportDb,
      saveDb,
      engine: 'postgres',
      location: redactPassword(options.databaseUrl),
      close: async () => {
        await Promise.all([client, exportClient, saveClient].map((pool) => pool.end({ timeout: 5 })));
      },
    };
  }

  const dataDir = options.dataDir ?? '.attest';
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // The directory holds every article, note and password hash: only its owner may enter it,
  // also when an older Attest (or a umask) created it open to everyone.
  await chmod(dataDir, 0o700);
  const releaseLock = await lockDataDir(dataDir);
  // pg_trgm: the trigram similarity claim linking ranks its candidates by.
  const client = await PGlite.create(dataDir, { extensions: { pg_trgm } }).catch(async (error: unknown) => {
    await releaseLock();
    throw error;
  });
  await restrictToOwner(dataDir);
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  if (shouldMigrate) await migratePglite(db, { migrationsFolder });
  return {
    db,
    exportDb: db,
    saveDb: db,
    engine: 'pglite',
    location: dataDir,
    close: async () => {
      if (!client.closed) await client.close();
      await releaseLock();
    },
  };
}

function connectPool(databaseUrl: string, max: number): postgres.Sql {
  return postgres(databaseUrl, {
    max,
    // Fail fast while the server restarts: the API answers 503 instead of hanging.
    connect_timeout: 5,
    onnotice: () => {},
    // The dataset export quotes values into COPY statements, which is safe only with this on
    // (PostgreSQL's default since 9.1; set here so a server configured otherwise cannot undo it).
    connection: { application_name: 'attest', standard_conforming_strings: 'on' },
  });
}

/**
 * PGlite's file system layer creates every file readable and writable by everyone (0666),
 * whatever the umask: take those bits away from what it made. Files it adds later keep them,
 * but sit in a directory nobody else can enter.
 */
async function restrictToOwner(dataDir: string): Promise<void> {
  const entries = await readdir(dataDir, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries.map((entry) =>
      chmod(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o700 : 0o600),
    ),
  );
}

/**
 * Applies pending migrations over one dedicated connection that holds an advisory lock, so
 * several API processes starting at once against one server migrate it exactly once.
 */
async function migrateServer(databaseUrl: string): Promise<void> {
  const connection = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await connection`select pg_advisory_lock(${migrationLockId})`;
    await migratePostgres(drizzlePostgres({ client: connection, casing: 'snake_case' }), {
      migrationsFolder,
    });
    await connection`select pg_advisory_unlock(${migrationLockId})`;
  } finally {
    await connection.end({ timeout: 5 });
  }
}

/** Answers whether the database takes queries now; used by /readyz. */
export async function isDatabaseReady(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

function redactPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres';
  }
}
