// Many ids as one parameter: PostgreSQL binds one array instead of one parameter per row, which
// a bulk import's inserts of a thousand rows otherwise spend their time on.
import { type SQL, sql } from 'drizzle-orm';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `text` is a UUID PostgreSQL will take (hex digits in the 8-4-4-4-12 groups). */
export function isUuid(text: string): boolean {
  return uuidPattern.test(text);
}

/** `ids` as one `uuid[]` parameter; refuses anything that is not a UUID (ids come from the database). */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!isUuid(id)) throw new Error(`Not a UUID: ${JSON.stringify(id)}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}
