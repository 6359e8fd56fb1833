// The readers of streamed JSON lines see every line whole, wherever the chunks happen to split
// the bytes: inside a line, inside a multi-byte character, or right after a newline.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineParser, LineTail, parseLineChunks } from '../src/services/json-line-chunks.ts';

const utf8 = new TextEncoder();

const line = fc.record({
  text: fc.string({ unit: fc.constantFrom('a', ' ', ',', '"', '\\', '\n', 'é', '북', '😀', '🇰🇷') }),
  position: fc.nat(),
});

/** The bytes of the lines cut at the given offsets (sorted, deduplicated). */
function chunksOf(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const bounds = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const end of [...bounds, bytes.length]) {
    if (end > start) chunks.push(bytes.subarray(start, end));
    start = Math.max(start, end);
  }
  return chunks;
}

const splitLines = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { maxLength: 30 }))
  .map(([rows, cuts]) => {
    const text = rows.map((row) => `${JSON.stringify(row)}\n`).join('');
    return { rows, chunks: chunksOf(utf8.encode(text), cuts) };
  });

describe('LineParser', () => {
  it('reads every row once, in order, however the bytes are cut', () => {
    fc.assert(
      fc.property(splitLines, ({ rows, chunks }) => {
        const parser = new LineParser<unknown>();
        expect(chunks.flatMap((chunk) => parser.rowsOf(chunk))).toEqual(rows);
      }),
    );
  });

  it('yields one batch per chunk that completes a line', async () => {
    async function* chunks() {
      yield utf8.encode('{"a":1}\n{"a"');
      yield utf8.encode(':2}');
      yield utf8.encode('\n{"a":3}\n');
    }
    const batches: unknown[][] = [];
    for await (const batch of parseLineChunks(chunks())) batches.push(batch);
    expect(batches).toEqual([[{ a: 1 }], [{ a: 2 }, { a: 3 }]]);
  });
});

describe('LineTail', () => {
  it('counts the lines and knows the last one, however the bytes are cut', () => {
    fc.assert(
      fc.property(splitLines, ({ rows, chunks }) => {
        const tail = new LineTail();
        for (const chunk of chunks) tail.add(chunk);
        expect(tail.count).toBe(rows.length);
        expect(JSON.parse(tail.lastLine())).toEqual(rows.at(-1));
      }),
    );
  });
});
