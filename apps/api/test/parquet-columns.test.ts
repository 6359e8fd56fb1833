// A row group's columns kept as bytes give back the values they were given, past the arrays'
// first sizes and after being emptied for the next group.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ColumnBuffer } from '../src/services/parquet-columns.ts';

const utf8 = new TextDecoder();

/** The column's values, text read back from the UTF-8 bytes it gives. */
function filled(column: ColumnBuffer, values: readonly unknown[]): unknown[] {
  for (const value of values) column.push(value);
  return column.values().map((value) => (value instanceof Uint8Array ? utf8.decode(value) : value));
}

describe('ColumnBuffer', () => {
  it('gives back text, nulls included, whatever the characters', () => {
    const text = fc.option(fc.string({ unit: fc.constantFrom('a', ' ', '"', 'é', '북', '😀', '\n') }), {
      nil: null,
    });
    fc.assert(
      fc.property(fc.array(text, { maxLength: 50 }), (values) => {
        expect(filled(new ColumnBuffer('string'), values)).toEqual(values);
      }),
    );
  });

  it('grows past its first arrays and reuses them for the next group', () => {
    const column = new ColumnBuffer('string');
    // 3,000 rows of 100 bytes: past 1,024 rows and 64 KB of text.
    const first = Array.from({ length: 3_000 }, (_, row) => `${row}`.padEnd(100, 'x'));
    expect(filled(column, first)).toEqual(first);
    column.reset();
    expect(filled(column, ['next', null, 'group'])).toEqual(['next', null, 'group']);
  });

  it('gives back JSON values, times as milliseconds, numbers and booleans', () => {
    expect(filled(new ColumnBuffer('json'), [[{ start: 1, text: '😀' }], [], null])).toEqual([
      [{ start: 1, text: '😀' }],
      [],
      null,
    ]);
    expect(filled(new ColumnBuffer('timestamp'), ['2024-07-27T00:00:00.000Z', null])).toEqual([
      Date.UTC(2024, 6, 27),
      null,
    ]);
    expect(filled(new ColumnBuffer('double'), [0.5, null, 1])).toEqual([0.5, null, 1]);
    expect(filled(new ColumnBuffer('int'), [3, -2, null])).toEqual([3, -2, null]);
    expect(filled(new ColumnBuffer('boolean'), [true, false, null])).toEqual([true, false, null]);
  });
});
