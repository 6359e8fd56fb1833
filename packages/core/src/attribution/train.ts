// Trains the attribution tagger's averaged perceptron on documents with gold role spans
// (PolNeAR train, read by `attest train-attribution`). Pure: documents in, weights out.
import { staticFeatures } from './features.ts';
import { type RoleSpan, Tagger, type TaggerWeights, transitionFeatures, viterbi } from './tagger.ts';
import { beginTag, isAllowedAfter, type Role, roles, tagCount, tags } from './tags.ts';
import { tokenize } from './tokens.ts';

export interface TrainingDocument {
  text: string;
  /** Gold spans; a discontinuous span comes as one span per fragment. */
  spans: readonly RoleSpan[];
}

export interface TrainingOptions {
  epochs: number;
  /** Features seen fewer times than this in training are left out of the weights. */
  minimumCount: number;
  /** Rows whose largest weight (on a scale where the largest of all is 100) is smaller are left out. */
  minimumWeight: number;
  /**
   * Subtracted from the bias of each role's B- tag: the perceptron over-proposes spans, and a
   * span that is not in the gold costs precision. Chosen on PolNeAR dev (see docs/suggestions.md).
   */
  beginOffsets: Record<Role, number>;
}

/** The settings `attest train-attribution` uses; the committed weights were built with them. */
export const defaultTrainingOptions: TrainingOptions = {
  epochs: 8,
  minimumCount: 5,
  minimumWeight: 3,
  beginOffsets: { source: 10, cue: 25, content: 10 },
};

/** Gold tag per token: B- on the first token inside a span, I- on the rest. */
export function goldTags(tokens: readonly { start: number; end: number }[], spans: readonly RoleSpan[]) {
  const gold = new Array<number>(tokens.length).fill(0);
  const sorted = [...spans].sort((first, second) => first.start - second.start);
  let tokenIndex = 0;
  for (const span of sorted) {
    while (tokenIndex < tokens.length && tokens[tokenIndex]!.end <= span.start) tokenIndex++;
    let isFirst = true;
    for (let index = tokenIndex; index < tokens.length && tokens[index]!.start < span.end; index++) {
      if (gold[index] !== 0) continue;
      gold[index] = isFirst ? beginTag(span.role) : beginTag(span.role) + 1;
      isFirst = false;
    }
  }
  return gold;
}

export function trainTagger(
  documents: readonly TrainingDocument[],
  options: TrainingOptions,
  random: () => number = seededRandom(18),
): TaggerWeights {
  const featureIds = new Map<string, number>();
  const counts: number[] = [];
  const intern = (name: string) => {
    let id = featureIds.get(name);
    if (id === undefined) {
      id = featureIds.size;
      featureIds.set(name, id);
      counts.push(0);
    }
    counts[id]!++;
    return id;
  };
  const prepared = documents.map((document) => {
    const tokens = tokenize(document.text);
    return {
      words: tokens.map((token) => token.text.toLowerCase()),
      features: staticFeatures(tokens).map((names) => Int32Array.from(names, intern)),
      gold: goldTags(tokens, document.spans),
    };
  });

  let weights = new Float64Array(1 << 20);
  let totals = new Float64Array(1 << 20);
  let stamps = new Float64Array(1 << 20);
  let step = 1;
  const grow = (id: number) => {
    while ((id + 1) * tagCount > weights.length) {
      const size = weights.length * 2;
      const [w, t, s] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
      w.set(weights);
      t.set(totals);
      s.set(stamps);
      [weights, totals, stamps] = [w, t, s];
    }
  };
  grow(featureIds.size);
  const update = (id: number, tag: number, delta: number) => {
    const cell = id * tagCount + tag;
    totals[cell]! += (step - stamps[cell]!) * weights[cell]!;
    stamps[cell] = step;
    weights[cell]! += delta;
  };
  const transitionIds = (previous: number, word: string) =>
    transitionFeatures(previous, word).map((name) => {
      const id = intern(name);
      grow(id);
      return id;
    });
  const addRow = (scores: Float64Array, id: number) => {
    for (let tag = 0; tag < tagCount; tag++) scores[tag]! += weights[id * tagCount + tag]!;
  };

  // Structured perceptron: decode a paragraph, then move the weights from the predicted
  // sequence's features towards the gold sequence's.
  const allSequences = sequences(prepared);
  const order = allSequences.map((_sequence, index) => index);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffle(order, random);
    for (const sequenceIndex of order) {
      const { words, features, gold } = allSequences[sequenceIndex]!;
      const transitionCache = new Map<string, number[]>();
      const transitionsOf = (previous: number, index: number) => {
        const key = `${previous}|${words[index]}`;
        let ids = transitionCache.get(key);
        if (!ids) {
          ids = transitionIds(previous, words[index]!);
          transitionCache.set(key, ids);
        }
        return ids;
      };
      const emissions = new Float64Array(words.length * tagCount);
      for (const [index, ids] of features.entries())
        for (const id of ids) addRow(emissions.subarray(index * tagCount), id);
      const predicted = viterbi(words.length, emissions, (index) => {
        // Only the tags a path can reach: interning a transition counts it towards minimumCount.
        const pair = new Float64Array(tagCount * tagCount);
        for (let previous = 0; previous < (index === 0 ? 1 : tagCount); previous++) {
          if (index === 1 && !isAllowedAfter(0, previous)) continue;
          for (const id of transitionsOf(previous, index)) addRow(pair.subarray(previous * tagCount), id);
        }
        return pair;
      });
      for (let index = 0; index < words.length; index++) {
        const truth = gold[index]!;
        const guess = predicted[index]!;
        const goldPrevious = index === 0 ? 0 : gold[index - 1]!;
        const guessPrevious = index === 0 ? 0 : predicted[index - 1]!;
        if (truth === guess && goldPrevious === guessPrevious) continue;
        if (truth !== guess) {
          for (const id of features[index]!) {
            update(id, truth, 1);
            update(id, guess, -1);
          }
        }
        for (const id of transitionsOf(goldPrevious, index)) update(id, truth, 1);
        for (const id of transitionsOf(guessPrevious, index)) update(id, guess, -1);
      }
      step++;
    }
  }

  // Averaged weights, scaled so the largest is 100: only their ratios matter to the argmax.
  const averaged = new Float64Array(featureIds.size * tagCount);
  let largestOverall = 0;
  for (let cell = 0; cell < averaged.length; cell++) {
    averaged[cell] = (totals[cell]! + (step - stamps[cell]!) * weights[cell]!) / step;
    largestOverall = Math.max(largestOverall, Math.abs(averaged[cell]!));
  }
  const scale = largestOverall === 0 ? 1 : 100 / largestOverall;
  const features: Record<string, number[]> = {};
  for (const [name, id] of featureIds) {
    if (counts[id]! < options.minimumCount) continue;
    const row = Array.from(
      averaged.subarray(id * tagCount, (id + 1) * tagCount),
      (value) => Math.round(value * scale * 10) / 10,
    );
    if (Math.max(...row.map(Math.abs)) >= options.minimumWeight) features[name] = row;
  }
  const bias = features['b'] ?? new Array<number>(tagCount).fill(0);
  for (const role of roles) bias[beginTag(role)]! -= options.beginOffsets[role];
  features['b'] = bias;
  const trained: TaggerWeights = { version: 1, tags: [...tags], features };
  new Tagger(trained);
  return trained;
}

interface Sequence {
  words: string[];
  features: Int32Array[];
  gold: number[];
}

/** Documents cut at paragraph tokens into shorter sequences: attributions stay inside a paragraph. */
function sequences(documents: readonly Sequence[]): Sequence[] {
  const cut: Sequence[] = [];
  for (const document of documents) {
    let from = 0;
    for (let index = 0; index <= document.words.length; index++) {
      const isEnd =
        index === document.words.length ||
        (index - from >= 40 &&
          document.gold[index] === 0 &&
          document.gold[index - 1] === 0 &&
          /^[.!?]$/.test(document.words[index - 1]!));
      if (!isEnd || index === from) continue;
      cut.push({
        words: document.words.slice(from, index),
        features: document.features.slice(from, index),
        gold: document.gold.slice(from, index),
      });
      from = index;
    }
  }
  return cut;
}

function shuffle(items: number[], random: () => number): void {
  for (let index = items.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other]!, items[index]!];
  }
}

/** A small deterministic generator (mulberry32), so the same corpus rebuilds the same weights. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
