// Bulk transfers through COPY on PostgreSQL: FROM STDIN parses rows far more cheaply than an
// INSERT of the same rows, and TO STDOUT hands over the server's own bytes without building
// rows. PGlite has neither, so callers keep an INSERT or a query for it.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { is } from 'drizzle-orm';
import { PostgresJsSession } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import type { Executor } from '../client.ts';

/** Lines sent to the server per write: large enough to amortise, small enough to stream. */
const linesPerChunk = 1_000;
const copySpecialCharacters = /[\\\n\r\t]/g;
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The postgres.js connection (or transaction) behind a Drizzle executor; undefined on PGlite. */
export function copyConnectionOf(db: Executor): postgres.Sql | undefined {
  const session: unknown = db._.session;
  return is(session, PostgresJsSession) ? (session.client as postgres.Sql) : undefined;
}

/** One row in COPY's text format: tab-separated, `\N` for null, backslash escapes. */
export function copyTextLine(values: readonly (string | number | null)[]): string {
  return `${values
    .map((value) =>
      value === null
        ? '\\N'
        : String(value).replace(copySpecialCharacters, (character) => copyEscapes[character]!),
    )
    .join('\t')}\n`;
}

/** Streams the lines into `copy <table> (<columns>) from stdin` on the given connection. */
export async function copyLines(
  connection: postgres.Sql,
  copyStatement: string,
  lines: readonly string[],
): Promise<void> {
  const writable = await connection.unsafe(copyStatement).writable();
  await pipeline(Readable.from(chunksOf(lines)), writable);
}

function* chunksOf(lines: readonly string[]): Generator<string> {
  for (let index = 0; index < lines.length; index += linesPerChunk)
    yield lines.slice(index, index + linesPerChunk).join('');
}

/**
 * The bytes of `copy (…) to stdout` as they arrive; memory holds what the consumer has not yet
 * read, because postgres.js stops reading the socket while its stream is full. A consumer that
 * returns early cancels the statement, then reads and drops what was already sent: postgres.js
 * has no cancel for a COPY once it streams, and a connection left paused mid-COPY would never
 * return to the pool.
 */
export async function* copyOut(connection: postgres.Sql, copyStatement: string): AsyncGenerator<Buffer> {
  // Names this statement alone, so that a cancel can tell it from whatever the same server
  // process runs next: once the COPY has ended there, postgres.js may give the connection to
  // another query before the cancel arrives.
  const tag = `/* attest copy ${randomUUID()} */ `;
  const query = connection.unsafe(tag + copyStatement);
  const readable = (await query.readable()) as unknown as Readable;
  let isDone = false;
  try {
    for await (const chunk of readable.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
    isDone = true;
  } finally {
    if (!isDone && !readable.destroyed) {
      const { pid } = (query as unknown as { state: { pid: number } }).state;
      await connection`select pg_cancel_backend(pid) from pg_stat_activity
        where pid = ${pid} and state = 'active' and starts_with(query, ${tag})`.catch(() => {});
      readable.resume();
      // The cancellation's own error, or any other now, reaches no one: the consumer has left.
      await finished(readable).catch(() => {});
    }
  }
}
