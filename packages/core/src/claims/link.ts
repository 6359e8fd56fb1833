// Linking sentences of different documents into claims. Average linkage: two groups of
// clauses merge when their clauses from different documents match well on average, so one
// loose match does not chain two claims together. A sentence is in every claim one of its
// clauses is in.
import type { Segment } from '../segment-types.ts';
import { claimClauses } from './clauses.ts';
import { type ClaimFeatures, claimFeatures } from './features.ts';
import { type ClaimMatch, claimMatchThreshold, type StemWeight, scoreClaimMatch } from './score.ts';

export interface LinkableDocument {
  segments: readonly Pick<Segment, 'kind' | 'text'>[];
}

/** One sentence of a claim: which document and which of its segments. */
export interface ClaimMember {
  document: number;
  segment: number;
}

export interface LinkedClaim {
  members: ClaimMember[];
  /**
   * The strongest match between clauses of members from different documents (its words, figures
   * and names are those two clauses'): why the claim holds together.
   */
  evidence: ClaimMatch & { from: ClaimMember; to: ClaimMember };
}

export interface LinkOptions {
  threshold?: number;
}

/** One clause of a sentence (or the whole sentence), and the sentence it belongs to. */
interface Clause {
  member: ClaimMember;
  features: ClaimFeatures;
}

/**
 * Groups the segments of `documents` into claims carried by at least two documents, clause by
 * clause (`claimClauses`): a sentence whose clauses carry two claims is a member of both.
 * Boilerplate is never linked. Quadratic in the number of clauses: meant for the sentences of
 * one batch (a command line), not a whole corpus.
 */
export function linkClaims(documents: readonly LinkableDocument[], options: LinkOptions = {}): LinkedClaim[] {
  const threshold = options.threshold ?? claimMatchThreshold;
  const clauses: Clause[] = [];
  for (const [documentIndex, document] of documents.entries())
    for (const [segmentIndex, part] of document.segments.entries())
      if (part.kind !== 'boilerplate')
        for (const clause of claimClauses(part.text))
          clauses.push({
            member: { document: documentIndex, segment: segmentIndex },
            features: claimFeatures(clause),
          });
  // Rarity among the units the linkage compares, the clauses (measured: a little better than
  // among the sentences, docs/claims.md).
  const weightOf = rarityWeights(clauses.map((clause) => clause.features));
  const matches = clauses.map((clause, row) =>
    clauses.map((other, column) =>
      column === row || other.member.document === clause.member.document
        ? null
        : scoreClaimMatch(clause.features, other.features, weightOf, threshold),
    ),
  );

  const groups = clauses.map((_, index) => [index]);
  for (;;) {
    let best: { first: number; second: number; average: number } | null = null;
    for (let first = 0; first < groups.length; first++)
      for (let second = first + 1; second < groups.length; second++) {
        const average = averageScore(groups[first] ?? [], groups[second] ?? [], matches);
        if (average !== null && average >= threshold && (!best || average > best.average))
          best = { first, second, average };
      }
    if (!best) break;
    groups[best.first] = [...(groups[best.first] ?? []), ...(groups[best.second] ?? [])];
    groups.splice(best.second, 1);
  }

  const claimGroups = groups.filter(
    (group) => new Set(group.map((index) => clauses[index]?.member.document)).size >= 2,
  );
  const claims: LinkedClaim[] = [];
  for (const group of withSecondClaims(claimGroups, clauses, matches, threshold)) {
    let evidence: LinkedClaim['evidence'] | null = null;
    for (const row of group)
      for (const column of group) {
        const match = matches[row]?.[column];
        if (match && (!evidence || match.score > evidence.score))
          evidence = {
            ...match,
            from: (clauses[row] as Clause).member,
            to: (clauses[column] as Clause).member,
          };
      }
    if (evidence)
      claims.push({ members: sentencesOf(group.map((index) => clauses[index] as Clause)), evidence });
  }
  return claims.sort(
    (first, second) =>
      (first.members[0]?.document ?? 0) - (second.members[0]?.document ?? 0) ||
      (first.members[0]?.segment ?? 0) - (second.members[0]?.segment ?? 0),
  );
}

/** The sentences of a claim's clauses, each once, in document order. */
function sentencesOf(clauses: readonly Clause[]): ClaimMember[] {
  const bySentence = new Map(clauses.map(({ member }) => [`${member.document}:${member.segment}`, member]));
  return [...bySentence.values()].sort(
    (first, second) => first.document - second.document || first.segment - second.segment,
  );
}

/**
 * A clause that was not split off (a lead carrying the launch and the range in one clause) is put
 * in one claim by average linkage. Such a clause also joins every other claim against whose
 * members its mean score reaches the threshold, as a merge would, unless its document already
 * has a clause there: an article that states the claim elsewhere does not need its lead to state
 * it again, and a claim that takes in every sentence of an article overlapping it would snowball.
 * Decided against the claims as average linkage left them, so the order of the claims does not
 * matter.
 */
function withSecondClaims(
  claims: readonly number[][],
  clauses: readonly Clause[],
  matches: (ClaimMatch | null)[][],
  threshold: number,
): number[][] {
  return claims.map((group) => {
    const documentsInGroup = new Set(group.map((index) => clauses[index]?.member.document));
    const joining = clauses.flatMap((clause, index) => {
      if (documentsInGroup.has(clause.member.document)) return [];
      const average = averageScore([index], group, matches);
      return average !== null && average >= threshold ? [index] : [];
    });
    return [...group, ...joining];
  });
}

/** The mean score over pairs from different documents; null when there is no such pair. */
function averageScore(first: readonly number[], second: readonly number[], matches: (ClaimMatch | null)[][]) {
  let total = 0;
  let count = 0;
  for (const row of first)
    for (const column of second) {
      const match = matches[row]?.[column];
      if (!match) continue;
      // A conflicting figure vetoes the pair: different measurements are different claims.
      total += match.numbers.agreeing.length === 0 && match.numbers.conflicting.length > 0 ? 0 : match.score;
      count++;
    }
  return count === 0 ? null : total / count;
}

/** Inverse segment frequency, smoothed: a stem in every sentence still counts a little. */
export function rarityWeights(pool: readonly ClaimFeatures[]): StemWeight {
  const counts = new Map<string, number>();
  for (const features of pool)
    for (const stem of features.stems.keys()) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  const size = pool.length;
  return (stem) => Math.log(1 + size / (counts.get(stem) ?? 1));
}
