// Exported files read back by DuckDB, an independent reader, in a fresh in-memory database.
import { DuckDBInstance } from '@duckdb/node-api';

/** The rows of a query as JSON values (big integers as strings). */
export async function duckdb(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
