// Writing JSON lines to stdout without buffering a whole corpus in memory, respecting
// back-pressure when stdout is a slow pipe.
import { once } from 'node:events';

export async function writeLines(lines: Iterable<string> | AsyncIterable<string>): Promise<void> {
  let chunk = '';
  for await (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= 64 * 1024) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
}

async function write(chunk: string): Promise<void> {
  if (!process.stdout.write(chunk)) await once(process.stdout, 'drain');
}

/** Writes the records each file yields as JSON lines, file by file. */
export async function writeJsonLines<Item, Record>(
  items: readonly Item[],
  toRecords: (item: Item) => Iterable<Record>,
): Promise<void> {
  await writeLines(
    (function* () {
      for (const item of items) for (const record of toRecords(item)) yield JSON.stringify(record);
    })(),
  );
}
