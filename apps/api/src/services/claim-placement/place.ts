// Where a document's sentences go among the project's claims, given the pool the database gave:
// the scorer weighs every pair, which takes up to seconds of CPU for a large pool.
import {
  claimFeatures,
  linkIntoClaims,
  type PlacedSentence,
  type PooledSentence,
  rarityWeights,
} from '@attest/core';

/** Places the pool's new sentences; pairs in `rejectedPairs` ("a|b") are never linked. */
export type ClaimPlacer = (
  pool: readonly PooledSentence[],
  rejectedPairs: ReadonlySet<string>,
) => Promise<PlacedSentence[]>;

export function placeInClaims(
  pool: readonly PooledSentence[],
  rejectedPairs: ReadonlySet<string>,
): PlacedSentence[] {
  const weightOf = rarityWeights(pool.map((sentence) => claimFeatures(sentence.text)));
  return linkIntoClaims(pool, { weightOf, rejectedPairs });
}

/** In this thread: for a re-link, the CLI and the benches, which wait for the result anyway. */
export const placeHere: ClaimPlacer = async (pool, rejectedPairs) => placeInClaims(pool, rejectedPairs);
