// Bulk transfers through COPY on PostgreSQL: FROM STDIN parses rows far more cheaply than an
// INSERT of the same rows, and TO STDOUT hands over the server's own bytes without building
// rows. PGlite has neither, so callers keep an INSERT or a query for it.
import net from 'node:net';
import { Readable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import type { Executor } from '../client.ts';
import {
  type BackendKey,
  backendKeyOf,
  postgresClientOf,
  type ServerAddress,
  serverAddressOf,
} from '../driver.ts';

/** Lines sent to the server per write: large enough to amortise, small enough to stream. */
const linesPerChunk = 1_000;
const copySpecialCharacters = /[\\\n\r\t]/g;
const copyEscapes: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The postgres.js connection (or transaction) behind a Drizzle executor; undefined on PGlite. */
export function copyConnectionOf(db: Executor): postgres.Sql | undefined {
  return postgresClientOf(db);
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
 * returns early cancels the statement, then reads and drops what was already sent: a connection
 * left paused mid-COPY would never return to the pool.
 */
export async function* copyOut(connection: postgres.Sql, copyStatement: string): AsyncGenerator<Buffer> {
  const query = connection.unsafe(copyStatement);
  const readable = (await query.readable()) as unknown as Readable;
  let isDone = false;
  try {
    for await (const chunk of readable.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
    isDone = true;
  } finally {
    if (!isDone && !readable.destroyed) {
      // The connection cannot serve another query before the rest of this COPY is read, which
      // starts only once the cancel has been delivered: it cannot hit a later statement.
      // The cancellation's own error, or any other now, reaches no one: the consumer has left.
      // Listen before the cancel goes out: the error can arrive before the cancel's connection
      // closes, and a stream that errors with no listener throws it out of the process.
      const isFinished = finished(readable).catch(() => {});
      const backend = backendKeyOf(query);
      const address = serverAddressOf(connection);
      if (backend && address) await sendCancelRequest(address, backend);
      readable.resume();
      await isFinished;
      // A cancel that reaches the backend after its COPY has ended stops whatever statement runs
      // there next, which after this connection goes back to its pool is another request's: spend
      // it on one nobody needs. Its error, if any, reaches no one either.
      await connection.unsafe('select 1').catch(() => {});
    }
  }
}

/** PostgreSQL's CancelRequest message: protocol version 1234.5678 in place of 3.0. */
const cancelRequestCode = 80_877_102;

/**
 * Asks the server to cancel what a backend runs, over a short connection of its own, as
 * PostgreSQL's protocol intends (it needs neither a pooled connection nor authentication): a
 * cancel that had to wait for a pool full of stalled exports would never come. Resolves when
 * the server has handled it and hung up, or after two seconds.
 */
function sendCancelRequest(address: ServerAddress, backend: BackendKey): Promise<void> {
  const message = Buffer.alloc(16);
  message.writeInt32BE(16, 0);
  message.writeInt32BE(cancelRequestCode, 4);
  message.writeUInt32BE(backend.pid >>> 0, 8);
  message.writeUInt32BE(backend.secret >>> 0, 12);
  return new Promise((resolve) => {
    const socket = 'path' in address ? net.connect(address.path) : net.connect(address);
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, 2_000);
    socket.once('connect', () => socket.end(message));
    socket.once('close', done);
    socket.once('error', done);
  });
}
