// Linking sentences of different documents into claims. Average linkage: two groups of
// sentences merge when their sentences from different documents match well on average, so
// one loose match does not chain two claims together.
import type { Segment } from '../segment-types.ts';
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
  /** The strongest match between members of different documents: why the claim holds together. */
  evidence: ClaimMatch & { from: ClaimMember; to: ClaimMember };
}

export interface LinkOptions {
  threshold?: number;
}

interface Sentence {
  member: ClaimMember;
  features: ClaimFeatures;
}

/**
 * Groups the segments of `documents` into claims carried by at least two documents.
 * Boilerplate is never linked. Quadratic in the number of sentences: meant for the sentences
 * of one batch (a command line, or the candidates the database found), not a whole corpus.
 */
export function linkClaims(documents: readonly LinkableDocument[], options: LinkOptions = {}): LinkedClaim[] {
  const threshold = options.threshold ?? claimMatchThreshold;
  const sentences: Sentence[] = [];
  for (const [documentIndex, document] of documents.entries())
    for (const [segmentIndex, part] of document.segments.entries())
      if (part.kind !== 'boilerplate')
        sentences.push({
          member: { document: documentIndex, segment: segmentIndex },
          features: claimFeatures(part.text),
        });
  const weightOf = rarityWeights(sentences.map((sentence) => sentence.features));
  const matches = sentences.map((sentence, row) =>
    sentences.map((other, column) =>
      column === row || other.member.document === sentence.member.document
        ? null
        : scoreClaimMatch(sentence.features, other.features, weightOf, threshold),
    ),
  );

  const groups = sentences.map((_, index) => [index]);
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
    (group) => new Set(group.map((index) => sentences[index]?.member.document)).size >= 2,
  );
  const claims: LinkedClaim[] = [];
  for (const group of withSecondClaims(claimGroups, sentences, matches, threshold)) {
    let evidence: LinkedClaim['evidence'] | null = null;
    for (const row of group)
      for (const column of group) {
        const match = matches[row]?.[column];
        if (match && (!evidence || match.score > evidence.score))
          evidence = {
            ...match,
            from: (sentences[row] as Sentence).member,
            to: (sentences[column] as Sentence).member,
          };
      }
    if (evidence)
      claims.push({
        members: group
          .map((index) => (sentences[index] as Sentence).member)
          .sort((first, second) => first.document - second.document || first.segment - second.segment),
        evidence,
      });
  }
  return claims.sort(
    (first, second) =>
      (first.members[0]?.document ?? 0) - (second.members[0]?.document ?? 0) ||
      (first.members[0]?.segment ?? 0) - (second.members[0]?.segment ?? 0),
  );
}

/**
 * A lead often carries several claims at once (the launch, the range, the completed force), and
 * average linkage puts it in one. Such a sentence also joins every other claim against whose
 * members its mean score reaches the threshold, as a merge would, unless its document already
 * has a sentence there: an article that states the claim elsewhere does not
 * need its lead to state it again, and a claim that takes in every sentence of an article
 * overlapping it would snowball. Decided against the claims as average linkage left them, so the
 * order of the claims does not matter.
 */
function withSecondClaims(
  claims: readonly number[][],
  sentences: readonly Sentence[],
  matches: (ClaimMatch | null)[][],
  threshold: number,
): number[][] {
  return claims.map((group) => {
    const documentsInGroup = new Set(group.map((index) => sentences[index]?.member.document));
    const joining = sentences.flatMap((sentence, index) => {
      if (documentsInGroup.has(sentence.member.document)) return [];
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
