// A greedy left-to-right BIO tagger over tokens, scored by an averaged perceptron (Collins 2002).
// The weights are learned from PolNeAR train (see train.ts) and committed as numbers keyed by
// feature names; nothing here reads the network or the corpus.
import { FeatureRows } from './feature-rows.ts';
import { isAllowedAfter, type Role, roleOf, tagCount, tags } from './tags.ts';
import { type Token, TokenBounds } from './tokens.ts';

export interface TaggerWeights {
  version: 1;
  tags: readonly string[];
  /** Feature name → one weight per tag, in the order of `tags`. */
  features: Record<string, readonly number[]>;
}

/** A span of one role, in UTF-16 offsets of the text. */
export interface RoleSpan {
  role: Role;
  start: number;
  end: number;
}

/** The features that tie a tag to the one before it: the transition, and the transition with the word. */
export function transitionFeatures(previous: number, word: string): [string, string] {
  return [`t-1=${previous}`, `t-1w=${previous}|${word}`];
}

// Viterbi below is written out for the seven BIO tags: O and each B- tag may follow any tag,
// an I- tag only its own B- or I- tag. Checked here against tags.ts.
if (
  tagCount !== 7 ||
  Array.from({ length: tagCount * tagCount }).some((_, cell) => {
    const previous = Math.floor(cell / tagCount);
    const tag = cell % tagCount;
    const isWrittenOut = tag === 0 || tag % 2 === 1 || previous === tag - 1 || previous === tag;
    return isAllowedAfter(previous, tag) !== isWrittenOut;
  })
)
  throw new Error('viterbi() is written out for BIO over three roles: rewrite it for these tags.');

/**
 * The best score of `tag` at the token whose scores start at `row`, and the tag before it: for
 * O and B- tags, over all seven tags before. Ties go to the lowest previous tag, as the sums are
 * compared in ascending order with `>`. The first sum, from O, is never -Infinity; an I- tag's
 * -Infinity at the first token never wins.
 */
function stepFromAny(
  best: Float64Array,
  back: Uint8Array,
  row: number,
  own: number,
  pair: Float64Array,
  tag: number,
): void {
  const before = row - 7;
  let top = best[before]! + own + pair[tag]!;
  let from = 0;
  for (let previous = 1; previous < 7; previous++) {
    const total = best[before + previous]! + own + pair[previous * 7 + tag]!;
    if (total > top) {
      top = total;
      from = previous;
    }
  }
  best[row + tag] = top;
  back[row + tag] = from;
}

/** As stepFromAny, for an I- tag: only its own B- tag (`tag - 1`) or itself may come before. */
function stepFromOwnRole(
  best: Float64Array,
  back: Uint8Array,
  row: number,
  own: number,
  pair: Float64Array,
  tag: number,
): void {
  const before = row - 7;
  // At the second token the I- tag before is -Infinity: its sum is then never the larger.
  const fromBegin = best[before + tag - 1]! + own + pair[(tag - 1) * 7 + tag]!;
  const fromInside = best[before + tag]! + own + pair[tag * 7 + tag]!;
  if (fromInside > fromBegin) {
    best[row + tag] = fromInside;
    back[row + tag] = tag;
  } else {
    best[row + tag] = fromBegin;
    back[row + tag] = tag - 1;
  }
}

/** Viterbi's tables, reused from call to call (it runs once per sentence). */
let scratch = { best: new Float64Array(4096), back: new Uint8Array(4096) };

/**
 * The best tag sequence under first-order transitions (Viterbi). `emissions` holds each token's
 * own scores (`tagCount` per token), `transitions(index)` the token's pair scores, previous tag
 * by tag. Ties go to the lowest previous tag.
 */
export function viterbi(
  length: number,
  emissions: Float64Array,
  transitions: (index: number) => Float64Array,
): number[] {
  if (length === 0) return [];
  if (scratch.best.length < length * tagCount) {
    const size = Math.max(length * tagCount, 2 * scratch.best.length);
    scratch = { best: new Float64Array(size), back: new Uint8Array(size) };
  }
  // Every cell read below is written first, so the reused buffers need no clearing.
  const { best, back } = scratch;
  // The first token follows the start, which counts as O.
  const first = transitions(0);
  for (let tag = 0; tag < tagCount; tag++) {
    best[tag] = isAllowedAfter(0, tag) ? 0 + emissions[tag]! + first[tag]! : Number.NEGATIVE_INFINITY;
    back[tag] = 0;
  }
  for (let index = 1; index < length; index++) {
    const row = index * tagCount;
    const pair = transitions(index);
    stepFromAny(best, back, row, emissions[row]!, pair, 0);
    stepFromAny(best, back, row, emissions[row + 1]!, pair, 1);
    stepFromOwnRole(best, back, row, emissions[row + 2]!, pair, 2);
    stepFromAny(best, back, row, emissions[row + 3]!, pair, 3);
    stepFromOwnRole(best, back, row, emissions[row + 4]!, pair, 4);
    stepFromAny(best, back, row, emissions[row + 5]!, pair, 5);
    stepFromOwnRole(best, back, row, emissions[row + 6]!, pair, 6);
  }
  const path = new Array<number>(length);
  let tag = 0;
  for (let candidate = 1; candidate < tagCount; candidate++) {
    if (best[(length - 1) * tagCount + candidate]! > best[(length - 1) * tagCount + tag]!) tag = candidate;
  }
  for (let index = length - 1; index >= 0; index--) {
    path[index] = tag;
    tag = back[index * tagCount + tag]!;
  }
  return path;
}

export class Tagger {
  private readonly rows: FeatureRows;
  /** The tokens of the sentence being tagged, reused. */
  private readonly bounds = new TokenBounds();

  constructor(weights: TaggerWeights) {
    if (weights.version !== 1 || weights.tags.join() !== tags.join())
      throw new Error('The attribution weights do not match this tagger: rebuild them.');
    this.rows = new FeatureRows(weights.features);
  }

  /** The role spans in `[start, end)` of `text`. */
  spans(text: string, start = 0, end = text.length): RoleSpan[] {
    const bounds = this.bounds;
    const count = bounds.read(text, start, end);
    const { emissions, words } = this.rows.scoreBounds(text, bounds, count);
    const tagged = viterbi(count, emissions, (index) => words[index]!.transitions);
    return spansBetween(bounds.starts, bounds.ends, tagged);
  }

  /** One tag index per token. */
  tag(tokens: readonly Token[]): number[] {
    const { emissions, words } = this.rows.score(tokens);
    return viterbi(tokens.length, emissions, (index) => words[index]!.transitions);
  }
}

/** Groups BIO tags into spans from the first token's start to the last token's end. */
export function spansOf(tokens: readonly Token[], tagged: readonly number[]): RoleSpan[] {
  return spansBetween(
    tokens.map((token) => token.start),
    tokens.map((token) => token.end),
    tagged,
  );
}

/** As spansOf, for tokens given by their offsets. */
function spansBetween(
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  tagged: readonly number[],
): RoleSpan[] {
  const spans: RoleSpan[] = [];
  let open: RoleSpan | null = null;
  for (let index = 0; index < tagged.length; index++) {
    const tag = tagged[index]!;
    const role = roleOf(tag);
    if (open && (tag % 2 === 1 || role !== open.role)) {
      spans.push(open);
      open = null;
    }
    if (!role) continue;
    if (open) open.end = ends[index]!;
    else open = { role, start: starts[index]!, end: ends[index]! };
  }
  if (open) spans.push(open);
  return spans;
}
