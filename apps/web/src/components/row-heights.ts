// Where each row of a long, windowed list lies: measured heights by row id, an estimate from
// the text's length for rows never rendered, and the offsets that follow from them.

/** A row as far as its height goes. */
export interface SizedRow {
  readonly id: string;
  /** Characters of text the row wraps. */
  readonly textLength: number;
}

/** How tall a row of unknown height is assumed to be: its padding plus its wrapped lines. */
export interface HeightEstimate {
  /** Pixels a row takes besides its lines of text (padding, border, the gap after it). */
  readonly chromeHeight: number;
  readonly lineHeight: number;
  readonly charactersPerLine: number;
}

/** What one rendered row measured, to calibrate the estimate. */
export interface RowSample {
  readonly textLength: number;
  /** The row's height including the gap after it. */
  readonly rowHeight: number;
  /** The height of its text alone. */
  readonly textHeight: number;
}

/** Until rows are measured: one line of text in a row about as wide as a laptop's half screen. */
const defaultEstimate: HeightEstimate = { chromeHeight: 22, lineHeight: 25, charactersPerLine: 80 };

/**
 * The estimate that best fits rows measured on screen: their median padding, the line height
 * given, and the characters a line held on average. Null without samples.
 */
export function estimateFromSamples(
  samples: readonly RowSample[],
  lineHeight: number,
): HeightEstimate | null {
  if (samples.length === 0 || !(lineHeight > 0)) return null;
  const chromes = samples.map((sample) => sample.rowHeight - sample.textHeight).sort((a, b) => a - b);
  let characters = 0;
  let lines = 0;
  for (const sample of samples) {
    characters += sample.textLength;
    lines += Math.max(1, Math.round(sample.textHeight / lineHeight));
  }
  return {
    chromeHeight: chromes[Math.floor(chromes.length / 2)]!,
    lineHeight,
    charactersPerLine: Math.max(1, characters / lines),
  };
}

/**
 * Row heights and offsets for a list too long to render whole. A row's height, once measured,
 * is kept by its id, so scrolling back or a new array of the same sentences does not guess
 * again; the offsets are prefix sums, rebuilt only after a change, and searched by bisection.
 */
export class RowHeights {
  private rows: readonly SizedRow[] = [];
  private measuredById = new Map<string, number>();
  private estimate = defaultEstimate;
  /** offsets[i] is the top of row i; offsets[rows.length] the whole list's height. */
  private offsets = new Float64Array(1);
  private isStale = true;

  get rowCount(): number {
    return this.rows.length;
  }

  /** The whole list's height. */
  get totalHeight(): number {
    return this.currentOffsets()[this.rows.length]!;
  }

  get hasMeasurements(): boolean {
    return this.measuredById.size > 0;
  }

  setRows(rows: readonly SizedRow[]): void {
    this.rows = rows;
    this.isStale = true;
  }

  setEstimate(estimate: HeightEstimate): void {
    this.estimate = estimate;
    this.isStale = true;
  }

  /** Drops every measured height: the rows are as wide as before no more, so they wrap anew. */
  forgetMeasurements(): void {
    this.measuredById.clear();
    this.isStale = true;
  }

  /** Records a rendered row's height; true when it differs from what the offsets assumed. */
  measure(index: number, height: number): boolean {
    const row = this.rows[index];
    if (!row || Math.abs(this.heightOf(row) - height) < 0.5) return false;
    this.measuredById.set(row.id, height);
    this.isStale = true;
    return true;
  }

  /** The top of row `index`, from the top of the first; `rowCount` gives the list's height. */
  offsetOf(index: number): number {
    const offsets = this.currentOffsets();
    return offsets[Math.max(0, Math.min(this.rows.length, index))]!;
  }

  /** The row lying at `offset` from the top of the first (the first or last beyond the ends). */
  indexAt(offset: number): number {
    const offsets = this.currentOffsets();
    let low = 0;
    let high = this.rows.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (offsets[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return Math.max(0, low);
  }

  private heightOf(row: SizedRow): number {
    const measured = this.measuredById.get(row.id);
    if (measured !== undefined) return measured;
    const { chromeHeight, lineHeight, charactersPerLine } = this.estimate;
    return chromeHeight + lineHeight * Math.max(1, Math.ceil(row.textLength / charactersPerLine));
  }

  private currentOffsets(): Float64Array {
    if (!this.isStale) return this.offsets;
    const offsets = new Float64Array(this.rows.length + 1);
    for (let index = 0; index < this.rows.length; index++) {
      offsets[index + 1] = offsets[index]! + this.heightOf(this.rows[index]!);
    }
    this.offsets = offsets;
    this.isStale = false;
    return offsets;
  }
}
