import { describe, expect, it } from 'vitest';
import { estimateFromSamples, RowHeights, type SizedRow } from './row-heights.ts';

const estimate = { chromeHeight: 20, lineHeight: 25, charactersPerLine: 50 };

function rowsOfLengths(...lengths: number[]): SizedRow[] {
  return lengths.map((textLength, index) => ({ id: `s${index}`, textLength }));
}

describe('RowHeights', () => {
  it('estimates a row never measured from the lines its text wraps to', () => {
    const heights = new RowHeights();
    heights.setEstimate(estimate);
    heights.setRows(rowsOfLengths(10, 50, 51, 0));
    // 1 line, 1 line, 2 lines, and an empty row still takes a line.
    expect([0, 1, 2, 3, 4].map((index) => heights.offsetOf(index))).toEqual([0, 45, 90, 160, 205]);
    expect(heights.totalHeight).toBe(205);
  });

  it('uses a measured height instead of the estimate, and keeps it by id when the rows change', () => {
    const heights = new RowHeights();
    heights.setEstimate(estimate);
    const rows = rowsOfLengths(10, 10, 10);
    heights.setRows(rows);
    expect(heights.measure(1, 100)).toBe(true);
    expect(heights.measure(1, 100)).toBe(false);
    expect(heights.offsetOf(2)).toBe(145);
    // A sentence inserted before it (a split) shifts its index, not its height.
    heights.setRows([{ id: 'new', textLength: 10 }, ...rows]);
    expect(heights.offsetOf(3)).toBe(190);
    heights.forgetMeasurements();
    expect(heights.offsetOf(3)).toBe(135);
  });

  it('finds the row at an offset, clamping beyond either end', () => {
    const heights = new RowHeights();
    heights.setEstimate(estimate);
    heights.setRows(rowsOfLengths(10, 10, 10));
    expect(heights.indexAt(-5)).toBe(0);
    expect(heights.indexAt(0)).toBe(0);
    expect(heights.indexAt(44.9)).toBe(0);
    expect(heights.indexAt(45)).toBe(1);
    expect(heights.indexAt(134)).toBe(2);
    expect(heights.indexAt(10_000)).toBe(2);
  });

  it('has no rows to find in an empty list', () => {
    const heights = new RowHeights();
    expect(heights.totalHeight).toBe(0);
    expect(heights.indexAt(100)).toBe(0);
  });
});

describe('estimateFromSamples', () => {
  it('takes the median padding and the characters a line held', () => {
    const fitted = estimateFromSamples(
      [
        { textLength: 100, rowHeight: 70, textHeight: 50 },
        { textLength: 40, rowHeight: 47, textHeight: 25 },
        { textLength: 160, rowHeight: 96, textHeight: 75 },
      ],
      25,
    );
    // Paddings 20, 22, 21; 300 characters over 6 lines.
    expect(fitted).toEqual({ chromeHeight: 21, lineHeight: 25, charactersPerLine: 50 });
  });

  it('gives nothing to fit without samples or a line height', () => {
    expect(estimateFromSamples([], 25)).toBeNull();
    expect(estimateFromSamples([{ textLength: 1, rowHeight: 40, textHeight: 20 }], Number.NaN)).toBeNull();
  });
});
