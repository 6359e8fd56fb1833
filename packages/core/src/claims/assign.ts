// Incremental linking, as an import runs it: one new sentence against candidate sentences the
// database found in other documents. The sentence joins the claim whose candidates it matches
// best on average (a candidate not yet in a claim counts as a claim of its own), provided its
// best single match there is a match and no person has rejected pairing it with them.
import { type ClaimFeatures, claimFeatures } from './features.ts';
import { type ClaimMatch, claimMatchThreshold, type StemWeight, scoreClaimMatch } from './score.ts';

export interface ClaimCandidate {
  /** The candidate sentence's id. */
  key: string;
  text: string;
  /** The claim it belongs to, or null. */
  claim: string | null;
}

export interface ClaimAssignment {
  /** The claim to join, or null to start a new claim with `match.candidate`. */
  claim: string | null;
  score: number;
  /** The best single match: the evidence shown with the link. */
  match: ClaimMatch & { candidate: ClaimCandidate };
}

export interface AssignOptions {
  threshold?: number;
  weightOf?: StemWeight;
  /** Candidate keys a person said are not this sentence's claim. */
  rejected?: ReadonlySet<string>;
}

export function assignClaim(
  text: string | ClaimFeatures,
  candidates: readonly ClaimCandidate[],
  options: AssignOptions = {},
): ClaimAssignment | null {
  const threshold = options.threshold ?? claimMatchThreshold;
  const features = typeof text === 'string' ? claimFeatures(text) : text;
  const groups = new Map<
    string,
    { total: number; count: number; isRejected: boolean; best: ClaimAssignment['match'] }
  >();
  for (const candidate of candidates) {
    const match = scoreClaimMatch(features, claimFeatures(candidate.text), options.weightOf, threshold);
    const groupKey = candidate.claim ?? `sentence:${candidate.key}`;
    const group = groups.get(groupKey) ?? {
      total: 0,
      count: 0,
      isRejected: false,
      best: { ...match, candidate },
    };
    // A conflicting figure vetoes the pair: different measurements are different claims.
    const hasNumberConflict = match.numbers.agreeing.length === 0 && match.numbers.conflicting.length > 0;
    group.total += hasNumberConflict ? 0 : match.score;
    group.count++;
    if (options.rejected?.has(candidate.key)) group.isRejected = true;
    if (match.score > group.best.score) group.best = { ...match, candidate };
    groups.set(groupKey, group);
  }
  let chosen: ClaimAssignment | null = null;
  for (const group of groups.values()) {
    const average = group.total / group.count;
    if (group.isRejected || !group.best.isMatch || average < threshold) continue;
    if (!chosen || average > chosen.score)
      chosen = {
        claim: group.best.candidate.claim,
        score: Math.round(average * 1000) / 1000,
        match: group.best,
      };
  }
  return chosen;
}
