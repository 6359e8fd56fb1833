// The weights of the word-pair features (`w-1w=a|b`, the word before and this one; `ww+1=a|b`,
// this word and the next) by the two adjacent words, for tagging at speed. Both features of a
// pair of neighbours are found with one lookup, in an open-addressing table of numbers: two
// Map lookups per token, each through a Map per word, cost a tenth of the tagger's time.
import { tagCount } from './tags.ts';

/** Splits the value of a pair feature: words hold no `|`, so only a first word `|` is ambiguous. */
function splitPair(value: string): [string, string] {
  const bar = value.startsWith('||') ? 1 : value.indexOf('|');
  return [value.slice(0, bar), value.slice(bar + 1)];
}

/** No row: the pair has no weight of that feature. */
export const noPair = -1;

export class PairRows {
  /** A word's number as the left word of a pair with any weight, or absent. */
  private readonly leftIds = new Map<string, number>();
  /** A word's number as the right word of a pair with any weight, or absent. */
  private readonly rightIds = new Map<string, number>();
  /** The rows, `tagCount` numbers each; a pair's entry gives the row's first index. */
  readonly table: Float64Array;
  /** Open addressing: a pair's key (left id × right count + right id) and, at the same slot, its rows. */
  private readonly keys: Int32Array;
  private readonly previousRows: Int32Array;
  private readonly nextRows: Int32Array;
  private readonly shift: number;

  constructor(rows: ReadonlyMap<string, Float64Array>) {
    const pairs = new Map<string, { left: string; right: string; previous: number; next: number }>();
    const stored: Float64Array[] = [];
    for (const [name, row] of rows) {
      const isPrevious = name.startsWith('w-1w=');
      if (!isPrevious && !name.startsWith('ww+1=')) continue;
      const [left, right] = splitPair(name.slice(5));
      const key = `${left}|${right}`;
      const pair = pairs.get(key) ?? { left, right, previous: noPair, next: noPair };
      pairs.set(key, pair);
      if (isPrevious) pair.previous = (stored.push(row) - 1) * tagCount;
      else pair.next = (stored.push(row) - 1) * tagCount;
      if (!this.leftIds.has(left)) this.leftIds.set(left, this.leftIds.size);
      if (!this.rightIds.has(right)) this.rightIds.set(right, this.rightIds.size);
    }
    this.table = new Float64Array(stored.length * tagCount);
    for (const [index, row] of stored.entries()) this.table.set(row, index * tagCount);
    // At most a quarter full, so a probe rarely looks past its first slot.
    const bits = Math.max(4, Math.ceil(Math.log2(4 * pairs.size + 1)));
    this.shift = 32 - bits;
    this.keys = new Int32Array(1 << bits).fill(-1);
    this.previousRows = new Int32Array(1 << bits);
    this.nextRows = new Int32Array(1 << bits);
    if (this.leftIds.size * this.rightIds.size >= 2 ** 31)
      throw new Error('Too many pair words for 31-bit keys.');
    for (const pair of pairs.values()) {
      const key = this.leftIds.get(pair.left)! * this.rightIds.size + this.rightIds.get(pair.right)!;
      let slot = this.slotOf(key);
      while (this.keys[slot] !== -1) slot = (slot + 1) & (this.keys.length - 1);
      this.keys[slot] = key;
      this.previousRows[slot] = pair.previous;
      this.nextRows[slot] = pair.next;
    }
  }

  /** A word's numbers as a left and as a right word (-1 where it is never one). */
  idsOf(word: string): { leftId: number; rightId: number } {
    return { leftId: this.leftIds.get(word) ?? -1, rightId: this.rightIds.get(word) ?? -1 };
  }

  /**
   * The slot of the pair of ids, or -1 when the pair has no weights. Its rows are
   * `previousRowAt(slot)` (`w-1w=left|right`, for the right word's token) and `nextRowAt(slot)`
   * (`ww+1=left|right`, for the left word's token).
   */
  find(leftId: number, rightId: number): number {
    if (leftId < 0 || rightId < 0) return -1;
    const key = leftId * this.rightIds.size + rightId;
    const mask = this.keys.length - 1;
    for (let slot = this.slotOf(key); ; slot = (slot + 1) & mask) {
      const found = this.keys[slot]!;
      if (found === key) return slot;
      if (found === -1) return -1;
    }
  }

  /** The first index in `table` of the row of `w-1w=left|right`, or `noPair`. */
  previousRowAt(slot: number): number {
    return this.previousRows[slot]!;
  }

  /** The first index in `table` of the row of `ww+1=left|right`, or `noPair`. */
  nextRowAt(slot: number): number {
    return this.nextRows[slot]!;
  }

  private slotOf(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift;
  }
}
