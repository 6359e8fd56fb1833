// The features of features.ts as numbers, for tagging at speed. Building ~25 strings per token
// and looking each up in a Map cost most of suggest()'s time. Here the strings are built once
// per distinct word (then cached): what a word adds to the score of the token it is, and of each
// token up to four places either side, is summed into one vector per place, so a token's score is
// about ten vector sums. Only the pair features and the quotation state are read per token.
//
// Summing in another order gives the same scores to the last bit: every weight is a multiple of
// 0.1 below 100 in magnitude, stored as float32, so a multiple of 2^-27, and a token's score,
// far below 2^26, is exact in float64 however it is summed. test/attribution-rows.test.ts
// compares the scores with staticFeatures()'s on every token of our fixtures.
import { cueWindow, cueWords, pronouns, quoteMarks, sentenceEnds, shapeOf, stemOf } from './features.ts';
import { noPair, PairRows } from './pair-rows.ts';
import { tagCount } from './tags.ts';
import type { Token, TokenBounds } from './tokens.ts';

/** What one token's text contributes to the scores around it. */
export interface WordRows {
  /** The token's text, as written. */
  text: string;
  /** Whether it opens (“), closes (”) or toggles (") a double quotation; else none. */
  quote: Quote;
  /**
   * Where, in the shared arena of sums, what the word adds to the token `d` places after it
   * (`d` < 0: before it; `d` = 0: its own features) begins: `tagCount` numbers per slot
   * `reach + d`, for the slots that hold any weight.
   */
  around: number;
  /** Bit `slot` is set for each slot `around` holds, in order. */
  slots: number;
  /** Its numbers as the left and the right word of a pair feature (pair-rows.ts), or -1. */
  leftId: number;
  rightId: number;
  isCue: boolean;
  /** Transition scores, previous tag by tag (`t-1=`, then `t-1w=`). */
  transitions: Float64Array;
}

/** What a token does to a double quotation: nothing, opens (“), closes (”) or toggles (") it. */
type Quote = 0 | 1 | 2 | 3;
const noQuote = 0;
const opensQuote = 1;
const closesQuote = 2;
const togglesQuote = 3;
const quoteOf: Readonly<Record<string, Quote>> = { '“': opensQuote, '”': closesQuote, '"': togglesQuote };

/** How far a word's features reach: the cue words four places away. */
const reach = cueWindow;

if (tagCount !== 7) throw new Error('add() below is written out for the seven BIO tags.');

/**
 * Adds `tagCount` weights from `row[offset …]` to the scores of the token at `base`. Written out
 * for the seven tags: it runs about ten times per token, and the loop cost a third more.
 */
function add(scores: Float64Array, base: number, row: Float64Array, offset: number): void {
  scores[base]! += row[offset]!;
  scores[base + 1]! += row[offset + 1]!;
  scores[base + 2]! += row[offset + 2]!;
  scores[base + 3]! += row[offset + 3]!;
  scores[base + 4]! += row[offset + 4]!;
  scores[base + 5]! += row[offset + 5]!;
  scores[base + 6]! += row[offset + 6]!;
}

/**
 * A bound on the cached words (~300 bytes of sums each): past it the cache starts again, so rare
 * words cannot grow it without end. (Checked by hand with a limit of 100: suggest() gave the same
 * output on every text of ../shared.)
 */
const cacheLimit = 50_000;
/** The cache's hash table starts small (it is read at random: a small one stays in the CPU's cache) and doubles when half full. */
const initialSlotCount = 1 << 12;

/** FNV-1a over the UTF-16 units of `text[start, end)`. */
function hashOf(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash;
}

export class FeatureRows {
  private readonly rows = new Map<string, Float64Array>();
  private readonly pairs: PairRows;
  /**
   * The cached words, found by a hash of their text's UTF-16 units in `slots` (open addressing,
   * indices into `cached`, -1 for free): a token is looked up where it stands in the text,
   * without cutting a string out of it, hashing that and probing a Map.
   */
  private cached: WordRows[] = [];
  private slots = new Int32Array(initialSlotCount).fill(-1);
  /** The words of the last sentence scored, reused. */
  private readonly sentenceWords: WordRows[] = [];
  /**
   * Every word's sums (`WordRows.around` points into it), one array rather than one per word:
   * the tagger reads a few of them for every token, and separate arrays, each behind its own
   * pointer and scattered over the heap, cost a fifth of its time in loads.
   */
  private arena = new Float64Array(1 << 16);
  private arenaLength = 0;
  /** The arena's length once the text's ends are stored: a cache that starts again keeps them. */
  private readonly boundaryLength: number;
  private buffer = new Float64Array(4096);
  private readonly plainTransitions: Float64Array;
  private readonly beforeStart: WordRows;
  private readonly afterEnd: WordRows;
  private readonly cue: Float64Array | undefined;
  private readonly cueInQuote: Float64Array | undefined;
  private readonly inQuote: Float64Array | undefined;

  constructor(features: Record<string, readonly number[]>) {
    // Rounded to float32 first, as the weights were stored when this was learned.
    for (const [name, weights] of Object.entries(features))
      this.rows.set(name, Float64Array.from(Float32Array.from(weights)));
    this.pairs = new PairRows(this.rows);
    this.cue = this.rows.get('cw');
    this.cueInQuote = this.rows.get('cwq');
    this.inQuote = this.rows.get('q');
    this.plainTransitions = this.transitionsOf(null);
    this.beforeStart = this.boundary('<s>', { 1: ['w-1=<s>', 'sh-1=<s>', 'bos'], 2: ['w-2=<s>'] });
    this.afterEnd = this.boundary('</s>', { [-1]: ['w+1=</s>', 'sh+1=</s>'], [-2]: ['w+2=</s>'] });
    this.boundaryLength = this.arenaLength;
  }

  /**
   * The emission scores of every token (`tagCount` per token, in order; valid until the next
   * call), the sums of the
   * weights of staticFeatures(), and each token's word, whose `transitions` sum those of
   * transitionFeatures().
   */
  score(tokens: readonly Token[]): { emissions: Float64Array; words: readonly WordRows[] } {
    this.startAgainIfFull();
    const words = tokens.map((token) => this.rowsAt(token.text, 0, token.text.length));
    return { emissions: this.scoreWords(words, words.length), words };
  }

  /** As score(), for the `count` tokens of `text` read into `bounds`; both valid until the next call. */
  scoreBounds(
    text: string,
    bounds: TokenBounds,
    count: number,
  ): { emissions: Float64Array; words: readonly WordRows[] } {
    this.startAgainIfFull();
    const words = this.sentenceWords;
    words.length = count;
    for (let index = 0; index < count; index++)
      words[index] = this.rowsAt(text, bounds.starts[index]!, bounds.ends[index]!);
    return { emissions: this.scoreWords(words, count), words };
  }

  /** Starting again only between calls keeps every word of a call in the arena. */
  private startAgainIfFull(): void {
    if (this.cached.length < cacheLimit) return;
    this.cached = [];
    this.slots = new Int32Array(initialSlotCount).fill(-1);
    this.arenaLength = this.boundaryLength;
  }

  private scoreWords(words: readonly WordRows[], count: number): Float64Array {
    // Read after the words are looked up: storing a new word may have grown it.
    const arena = this.arena;
    // Each word adds its summed rows to the tokens around it. The scores are laid out with
    // `reach` padding tokens on each side, so the start and end of the text add theirs from
    // the places before and after it like any word, and no place needs a bounds check.
    const size = (count + 2 * reach) * tagCount;
    // One buffer, grown when needed and reused: allocating one per sentence cost as much as
    // filling it. The scores are read before the next call.
    if (this.buffer.length < size) this.buffer = new Float64Array(Math.max(size, 2 * this.buffer.length));
    const padded = this.buffer;
    padded.fill(0, 0, size);
    // Token `at + d` is at place `at + reach + d` = `at + slot`.
    const spread = (word: WordRows, at: number) => {
      let stored = 0;
      for (let slots = word.slots; slots !== 0; slots &= slots - 1) {
        const slot = 31 - Math.clz32(slots & -slots);
        add(padded, (at + slot) * tagCount, arena, word.around + stored * tagCount);
        stored++;
      }
    };
    for (let at = -2; at < 0; at++) spread(this.beforeStart, at);
    for (let at = 0; at < count; at++) spread(words[at]!, at);
    for (let at = count; at < count + 2; at++) spread(this.afterEnd, at);
    const emissions = padded.subarray(reach * tagCount, (reach + count) * tagCount);
    const { beforeStart, afterEnd, pairs, cue, cueInQuote, inQuote } = this;
    const pairTable = pairs.table;
    // The pair features, one lookup per pair of neighbours (the text's ends included):
    // `w-1w=left|right` scores the right token, `ww+1=left|right` the left one.
    for (let right = 0; right <= count; right++) {
      const left = right - 1;
      const slot = pairs.find(
        (left >= 0 ? words[left]! : beforeStart).leftId,
        (right < count ? words[right]! : afterEnd).rightId,
      );
      if (slot < 0) continue;
      const previousRow = pairs.previousRowAt(slot);
      if (right < count && previousRow !== noPair) add(emissions, right * tagCount, pairTable, previousRow);
      const nextRow = pairs.nextRowAt(slot);
      if (left >= 0 && nextRow !== noPair) add(emissions, left * tagCount, pairTable, nextRow);
    }
    let isOpen = false;
    for (let index = 0; index < count; index++) {
      const own = words[index]!;
      if (own.quote === opensQuote) isOpen = true;
      else if (own.quote === closesQuote) isOpen = false;
      else if (own.quote === togglesQuote) isOpen = !isOpen;
      const base = index * tagCount;
      const cueRow = isOpen ? cueInQuote : cue;
      if (own.isCue && cueRow) add(emissions, base, cueRow, 0);
      if (isOpen && inQuote) add(emissions, base, inQuote, 0);
    }
    return emissions;
  }

  /** The rows of the token `text[start, end)`, from the cache or built and cached. */
  private rowsAt(text: string, start: number, end: number): WordRows {
    const mask = this.slots.length - 1;
    let slot = hashOf(text, start, end) & mask;
    for (let found = this.slots[slot]!; found !== -1; found = this.slots[slot]!) {
      const word = this.cached[found]!;
      if (word.text.length === end - start && text.startsWith(word.text, start)) return word;
      slot = (slot + 1) & mask;
    }
    const word = this.wordRows(start === 0 && end === text.length ? text : text.slice(start, end));
    this.slots[slot] = this.cached.push(word) - 1;
    if (2 * this.cached.length >= this.slots.length) this.growSlots();
    return word;
  }

  private growSlots(): void {
    this.slots = new Int32Array(2 * this.slots.length).fill(-1);
    const mask = this.slots.length - 1;
    for (const [index, word] of this.cached.entries()) {
      let slot = hashOf(word.text, 0, word.text.length) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = index;
    }
  }

  private wordRows(text: string): WordRows {
    const word = text.toLowerCase();
    const shape = shapeOf(text);
    const isCue = cueWords.has(word);
    const isQuote = quoteMarks.has(text);
    // The names of features.ts, by the distance from this word to the token they describe.
    const names: Record<number, string[]> = {
      0: [
        'b',
        `w=${word}`,
        `s3=${word.slice(-3)}`,
        `sh=${shape}`,
        `st=${stemOf(word)}`,
        ...(pronouns.has(word) ? ['pro'] : []),
        ...(isQuote ? ['qm'] : []),
      ],
      1: [`w-1=${word}`, `sh-1=${shape}`, ...(sentenceEnds.has(word) ? ['bos'] : [])],
      2: [`w-2=${word}`],
      [-1]: [`w+1=${word}`, `sh+1=${shape}`],
      [-2]: [`w+2=${word}`],
    };
    for (let distance = 1; distance <= reach; distance++) {
      const before = names[distance] ?? [];
      const after = names[-distance] ?? [];
      names[distance] = before;
      names[-distance] = after;
      if (isQuote && distance <= 3) {
        before.push(`qL${distance}`);
        after.push(`qR${distance}`);
      }
      if (isCue) {
        before.push(`cwL${distance}`);
        after.push(`cwR${distance}`);
      }
    }
    return this.entry(text, word, names, isCue, this.transitionsOf(word));
  }

  /** The start and end of a text (`<s>`, `</s>`), seen from the tokens one and two places inside it. */
  private boundary(word: string, names: Record<number, string[]>): WordRows {
    return this.entry(word, word, names, false, this.plainTransitions);
  }

  private entry(
    text: string,
    word: string,
    names: Record<number, string[]>,
    isCue: boolean,
    transitions: Float64Array,
  ): WordRows {
    const { around, slots } = this.sums(names);
    return {
      text,
      quote: quoteOf[text] ?? noQuote,
      around,
      slots,
      ...this.pairs.idsOf(word),
      isCue,
      transitions,
    };
  }

  /** The weights of the names summed per distance, stored in the arena, and which distances have any. */
  private sums(namesByDistance: Record<number, string[]>): { around: number; slots: number } {
    const sums: Float64Array[] = [];
    let slots = 0;
    for (let slot = 0; slot <= 2 * reach; slot++) {
      const rows = (namesByDistance[slot - reach] ?? []).flatMap((name) => this.rows.get(name) ?? []);
      if (rows.length === 0) continue;
      slots |= 1 << slot;
      const sum = new Float64Array(tagCount);
      for (const row of rows) for (let tag = 0; tag < tagCount; tag++) sum[tag]! += row[tag]!;
      sums.push(sum);
    }
    const around = this.arenaLength;
    const length = around + sums.length * tagCount;
    if (length > this.arena.length) {
      const grown = new Float64Array(Math.max(length, 2 * this.arena.length));
      grown.set(this.arena.subarray(0, around));
      this.arena = grown;
    }
    for (const [index, sum] of sums.entries()) this.arena.set(sum, around + index * tagCount);
    this.arenaLength = length;
    return { around, slots };
  }

  /** Most words have no `t-1w=` weight of their own and share the plain transitions. */
  private transitionsOf(word: string | null): Float64Array {
    const wordRows = Array.from({ length: tagCount }, (_, previous) =>
      word === null ? undefined : this.rows.get(`t-1w=${previous}|${word}`),
    );
    if (word !== null && wordRows.every((row) => row === undefined)) return this.plainTransitions;
    const scores = new Float64Array(tagCount * tagCount);
    for (let previous = 0; previous < tagCount; previous++) {
      for (const row of [this.rows.get(`t-1=${previous}`), wordRows[previous]]) {
        if (!row) continue;
        for (let tag = 0; tag < tagCount; tag++) scores[previous * tagCount + tag]! += row[tag]!;
      }
    }
    return scores;
  }
}
