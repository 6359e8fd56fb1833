import type { SQL } from 'drizzle-orm';
import type { Executor } from '../client.ts';

/** The rows of a raw query on either engine: postgres.js returns them, PGlite an object holding them. */
export async function rowsOf<Row>(db: Executor, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}
