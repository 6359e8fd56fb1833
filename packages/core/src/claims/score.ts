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
