// A greedy left-to-right BIO tagger over tokens, scored by an averaged perceptron (Collins 2002).
// The weights are learned from PolNeAR train (see train.ts) and committed as numbers keyed by
// feature names; nothing here reads the network or the corpus.
import { staticFeatures } from './features.ts';
import { isAllowedAfter, type Role, roleOf, tagCount, tags } from './tags.ts';
import { type Token, tokenize } from './tokens.ts';

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

/**
 * The best tag sequence under first-order transitions (Viterbi). `emission(index, tag)` is the
 * score of the token's own features, `transition(index, previous, tag)` that of the pair.
 */
export function viterbi(
  length: number,
  emission: (index: number, scores: Float64Array) => void,
  transition: (index: number, previous: number, scores: Float64Array) => void,
): number[] {
  if (length === 0) return [];
  const best = new Float64Array(length * tagCount);
  const back = new Uint8Array(length * tagCount);
  const own = new Float64Array(tagCount);
  const pair = new Float64Array(tagCount);
  for (let index = 0; index < length; index++) {
    own.fill(0);
    emission(index, own);
    for (let tag = 0; tag < tagCount; tag++) best[index * tagCount + tag] = Number.NEGATIVE_INFINITY;
    const previousTags = index === 0 ? 1 : tagCount;
    for (let previous = 0; previous < previousTags; previous++) {
      const before = index === 0 ? 0 : best[(index - 1) * tagCount + previous]!;
      if (before === Number.NEGATIVE_INFINITY) continue;
      pair.fill(0);
      transition(index, previous, pair);
      for (let tag = 0; tag < tagCount; tag++) {
        if (!isAllowedAfter(previous, tag)) continue;
        const total = before + own[tag]! + pair[tag]!;
        if (total > best[index * tagCount + tag]!) {
          best[index * tagCount + tag] = total;
          back[index * tagCount + tag] = previous;
        }
      }
    }
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
  private readonly weights: Map<string, Float32Array>;

  constructor(weights: TaggerWeights) {
    if (weights.version !== 1 || weights.tags.join() !== tags.join())
      throw new Error('The attribution weights do not match this tagger: rebuild them.');
    this.weights = new Map(
      Object.entries(weights.features).map(([name, values]) => [name, Float32Array.from(values)]),
    );
  }

  /** The role spans in `[start, end)` of `text`. */
  spans(text: string, start = 0, end = text.length): RoleSpan[] {
    const tokens = tokenize(text, start, end);
    return spansOf(tokens, this.tag(tokens));
  }

  /** Transition scores per word, previous tag by tag: built once per word, not per token. */
  private readonly transitionsByWord = new Map<string, Float64Array>();

  /** One tag index per token. */
  tag(tokens: readonly Token[]): number[] {
    const features = staticFeatures(tokens);
    const rows = tokens.map((token) => this.transitionRows(token.text.toLowerCase()));
    return viterbi(
      tokens.length,
      (index, scores) => this.addScores(scores, features[index]!),
      (index, previous, scores) => {
        const row = rows[index]!;
        for (let tag = 0; tag < tagCount; tag++) scores[tag]! += row[previous * tagCount + tag]!;
      },
    );
  }

  private transitionRows(word: string): Float64Array {
    let rows = this.transitionsByWord.get(word);
    if (!rows) {
      rows = new Float64Array(tagCount * tagCount);
      for (let previous = 0; previous < tagCount; previous++)
        this.addScores(rows.subarray(previous * tagCount), transitionFeatures(previous, word));
      // The cache is bounded: a document of rare words should not grow it without end.
      if (this.transitionsByWord.size < 100_000) this.transitionsByWord.set(word, rows);
    }
    return rows;
  }

  private addScores(scores: Float64Array, names: readonly string[]): void {
    for (const name of names) {
      const row = this.weights.get(name);
      if (!row) continue;
      for (let tag = 0; tag < tagCount; tag++) scores[tag]! += row[tag]!;
    }
  }
}

/** Groups BIO tags into spans from the first token's start to the last token's end. */
export function spansOf(tokens: readonly Token[], tagged: readonly number[]): RoleSpan[] {
  const spans: RoleSpan[] = [];
  let open: RoleSpan | null = null;
  for (const [index, tag] of tagged.entries()) {
    const token = tokens[index]!;
    const role = roleOf(tag);
    if (open && (tag % 2 === 1 || role !== open.role)) {
      spans.push(open);
      open = null;
    }
    if (!role) continue;
    if (open) open.end = token.end;
    else open = { role, start: token.start, end: token.end };
  }
  if (open) spans.push(open);
  return spans;
}
