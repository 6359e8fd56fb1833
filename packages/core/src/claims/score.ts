// The explainable claim scorer: whether two sentences from different documents carry the same
// claim, with the evidence an analyst can check (shared words, numbers and names that agree
// or conflict). Pure and deterministic.
import type { ClaimFeatures } from './features.ts';

/** How rare a stem is in the pool being linked: rare shared words say more than common ones. */
export type StemWeight = (stem: string) => number;

export interface ClaimMatch {
  /** 0–1: the weighted share of content words the two sentences have in common, less conflicts. */
  score: number;
  /** Whether the score reaches the threshold and no number conflicts. */
  isMatch: boolean;
  /** The shared words, as written in the first sentence. */
  matchedWords: string[];
  numbers: { agreeing: string[]; conflicting: string[] };
  entities: { agreeing: string[]; conflicting: string[] };
}

export const claimMatchThreshold = 0.21;
/** Conflicting figures take this much off the score (and veto the match). */
const conflictPenalty = 0.15;
/** Each difference in hedging or negation takes this much off. */
const modalityPenalty = 0.05;
/** A measurement on one side only takes this much off. */
const specificityPenalty = 0.05;

/** Weighs every stem alike: for callers without a pool. */
export const uniformStemWeight: StemWeight = () => 1;

export function scoreClaimMatch(
  first: ClaimFeatures,
  second: ClaimFeatures,
  weightOf: StemWeight = uniformStemWeight,
  threshold = claimMatchThreshold,
): ClaimMatch {
  let sharedWeight = 0;
  let firstWeight = 0;
  let secondWeight = 0;
  const matchedWords: string[] = [];
  for (const [stem, word] of first.stems) {
    const weight = weightOf(stem);
    firstWeight += weight;
    if (second.stems.has(stem)) {
      sharedWeight += weight;
      matchedWords.push(word);
    }
  }
  for (const stem of second.stems.keys()) secondWeight += weightOf(stem);

  const numbers = compareNumbers(first, second);
  const entities = compareSets(first.entities, second.entities);
  // Cosine of the two weighted word sets: a headline meets a long lead half-way.
  const overlap = firstWeight && secondWeight ? sharedWeight / Math.sqrt(firstWeight * secondWeight) : 0;
  // Different figures are different measurements (950 km vs 960 km): only when neither side
  // shares any figure with the other, since conversions add figures ("950 km (590 miles)").
  const hasNumberConflict = numbers.agreeing.length === 0 && numbers.conflicting.length > 0;
  // A hedged or denied proposition is weaker than a plain one ("could reach" vs "can reach").
  const modalityConflicts =
    (first.isHedged !== second.isHedged ? 1 : 0) + (first.isNegated !== second.isNegated ? 1 : 0);
  // A sentence stating a measurement the other does not ("burned for 320 seconds") says more.
  const isMoreSpecific = hasUnmatchedMeasurement(first, second);
  const score = Math.max(
    0,
    overlap -
      (hasNumberConflict ? conflictPenalty : 0) -
      modalityPenalty * modalityConflicts -
      (isMoreSpecific ? specificityPenalty : 0),
  );
  return {
    score: Math.round(score * 1000) / 1000,
    isMatch: score >= threshold && !hasNumberConflict,
    matchedWords,
    numbers,
    entities,
  };
}

/**
 * A clause's features with its stems' weights in the pool worked out once, in the order of
 * `features.stems`: the linkage scores every pair of a pool, and looking each weight up again
 * per pair was most of its time.
 */
export interface WeighedFeatures {
  features: ClaimFeatures;
  stems: string[];
  weights: Float64Array;
  totalWeight: number;
}

export function weighFeatures(features: ClaimFeatures, weightOf: StemWeight): WeighedFeatures {
  const stems = [...features.stems.keys()];
  const weights = Float64Array.from(stems, weightOf);
  let totalWeight = 0;
  for (const weight of weights) totalWeight += weight;
  return { features, stems, weights, totalWeight };
}

/**
 * The score `scoreClaimMatch` gives the pair, summed in the same order so it is the same number,
 * without the evidence (the words, figures and names it lists): for ranking pairs, where the
 * evidence of the one pair kept is asked of `scoreClaimMatch` afterwards.
 */
export function claimMatchScore(
  first: WeighedFeatures,
  second: WeighedFeatures,
  hasNumberConflict = haveConflictingFigures(first.features, second.features),
): number {
  let sharedWeight = 0;
  const otherStems = second.features.stems;
  for (let index = 0; index < first.stems.length; index++)
    if (otherStems.has(first.stems[index] as string)) sharedWeight += first.weights[index] as number;
  const { totalWeight: firstWeight } = first;
  const { totalWeight: secondWeight } = second;
  const overlap = firstWeight && secondWeight ? sharedWeight / Math.sqrt(firstWeight * secondWeight) : 0;
  const modalityConflicts =
    (first.features.isHedged !== second.features.isHedged ? 1 : 0) +
    (first.features.isNegated !== second.features.isNegated ? 1 : 0);
  const score = Math.max(
    0,
    overlap -
      (hasNumberConflict ? conflictPenalty : 0) -
      modalityPenalty * modalityConflicts -
      (hasUnmatchedMeasurement(first.features, second.features) ? specificityPenalty : 0),
  );
  return Math.round(score * 1000) / 1000;
}

/** Whether the two sides have figures of one kind and share none (`scoreClaimMatch`'s veto). */
export function haveConflictingFigures(first: ClaimFeatures, second: ClaimFeatures): boolean {
  if (first.numbers.size === 0 || second.numbers.size === 0) return false;
  let isConflicting = false;
  for (const [value, kind] of first.numbers) {
    if (second.numbers.has(value)) return false;
    if (second.numberKinds.has(kind)) isConflicting = true;
  }
  if (isConflicting) return true;
  for (const kind of second.numberKinds) if (first.numberKinds.has(kind)) return true;
  return false;
}

/** Whether one side states a measurement and the other no figure of that kind: a more specific claim. */
function hasUnmatchedMeasurement(first: ClaimFeatures, second: ClaimFeatures): boolean {
  for (const kind of first.measurementKinds) if (!second.measurementKinds.has(kind)) return true;
  for (const kind of second.measurementKinds) if (!first.measurementKinds.has(kind)) return true;
  return false;
}

/** Figures on both sides agree; a figure conflicts when the other side has a different figure of its kind. */
function compareNumbers(first: ClaimFeatures, second: ClaimFeatures) {
  const agreeing: string[] = [];
  const conflicting: string[] = [];
  for (const [value, kind] of first.numbers)
    if (second.numbers.has(value)) agreeing.push(value);
    else if (second.numberKinds.has(kind)) conflicting.push(value);
  for (const [value, kind] of second.numbers)
    if (!first.numbers.has(value) && first.numberKinds.has(kind)) conflicting.push(value);
  return { agreeing, conflicting };
}

/** Values on both sides agree; a value on one side with the other side having values of its own conflicts. */
function compareSets(first: ReadonlySet<string>, second: ReadonlySet<string>) {
  const agreeing: string[] = [];
  const conflicting: string[] = [];
  if (first.size === 0 || second.size === 0) return { agreeing, conflicting };
  for (const value of first) (second.has(value) ? agreeing : conflicting).push(value);
  for (const value of second) if (!first.has(value)) conflicting.push(value);
  return { agreeing, conflicting };
}
