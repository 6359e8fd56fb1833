// Where a document's sentences go among the project's claims, given the pool the database gave:
// the scorer weighs every pair, which takes up to seconds of CPU for a large pool.
import { type ClaimPlacement, linkIntoClaims, type PooledSentence } from '@attest/core';

/**
 * Places the pool's new sentences (and the earlier ones they reopen); pairs in `rejectedPairs`
 * ("a|b") are never linked.
 */
export type ClaimPlacer = (
  pool: readonly PooledSentence[],
  rejectedPairs: ReadonlySet<string>,
) => Promise<ClaimPlacement>;

export function placeInClaims(
  pool: readonly PooledSentence[],
  rejectedPairs: ReadonlySet<string>,
): ClaimPlacement {
  // Words are weighed by their rarity among the pool's clauses (linkIntoClaims' default).
  return linkIntoClaims(pool, { rejectedPairs });
}

/** In this thread: for a re-link, the CLI and the benches, which wait for the result anyway. */
export const placeHere: ClaimPlacer = async (pool, rejectedPairs) => placeInClaims(pool, rejectedPairs);
