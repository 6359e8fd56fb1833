// Linking a new document's sentences into a project's claims as an import runs it: the same
// average linkage as `linkClaims`, over the new sentences, the candidates the database found
// and the members of the claims those candidates are in. Claims already formed stay whole and
// never merge with each other; every merge takes in at least one new sentence.
import { type ClaimFeatures, claimFeatures } from './features.ts';
import { type ClaimMatch, claimMatchThreshold, type StemWeight, scoreClaimMatch } from './score.ts';

export interface PooledSentence {
  /** The sentence's id. */
  key: string;
  /** Its document: sentences of one document never pair. */
  document: string;
  text: string;
  /** The claim it is in, or null. */
  claim: string | null;
  /** Whether it is one of the sentences being linked now. */
  isNew: boolean;
}

export interface PlacedSentence {
  /** A sentence that was in no claim and joins one (a new sentence, or a candidate starting a claim with one). */
  key: string;
  /** The existing claim it joins, or null for a new claim. */
  claim: string | null;
  /** Sentences placed together in one new claim share this number. */
  group: number;
  /** The mean score of the merge that placed it. */
  score: number;
  /** Its best match among the other members: the evidence shown with the link. */
  match: ClaimMatch & { partner: string };
}

export interface LinkIntoOptions {
  threshold?: number;
  weightOf?: StemWeight;
  /** Pairs of sentence keys a person said are not one claim ("a|b", either order). */
  rejectedPairs?: ReadonlySet<string>;
}

/** How much more than the threshold the merge that starts a claim must score: a claim is born of clear pairs. */
export const newClaimMargin = 0.06;

interface Group {
  members: number[];
  claim: string | null;
  hasNew: boolean;
  /** The mean score of the merge that formed it. */
  score: number;
}

export function linkIntoClaims(
  pool: readonly PooledSentence[],
  options: LinkIntoOptions = {},
): PlacedSentence[] {
  const threshold = options.threshold ?? claimMatchThreshold;
  const features: ClaimFeatures[] = pool.map((sentence) => claimFeatures(sentence.text));
  const cache = new Map<number, ClaimMatch | null>();
  const matchOf = (first: number, second: number): ClaimMatch | null => {
    const [low, high] = first < second ? [first, second] : [second, first];
    const cacheKey = low * pool.length + high;
    if (cache.has(cacheKey)) return cache.get(cacheKey) ?? null;
    const one = pool[low] as PooledSentence;
    const other = pool[high] as PooledSentence;
    const match =
      one.document === other.document
        ? null
        : scoreClaimMatch(
            features[low] as ClaimFeatures,
            features[high] as ClaimFeatures,
            options.weightOf,
            threshold,
          );
    cache.set(cacheKey, match);
    return match;
  };
  const isRejected = (first: number, second: number) =>
    options.rejectedPairs?.has(`${pool[first]?.key}|${pool[second]?.key}`) ||
    options.rejectedPairs?.has(`${pool[second]?.key}|${pool[first]?.key}`);

  const groups: Group[] = [];
  const claimGroups = new Map<string, Group>();
  const groupOf: Group[] = [];
  for (const [index, sentence] of pool.entries()) {
    let group: Group;
    if (sentence.claim) {
      group = claimGroups.get(sentence.claim) ?? {
        members: [],
        claim: sentence.claim,
        hasNew: false,
        score: 0,
      };
      if (!claimGroups.has(sentence.claim)) {
        claimGroups.set(sentence.claim, group);
        groups.push(group);
      }
      group.members.push(index);
    } else {
      group = { members: [index], claim: null, hasNew: sentence.isNew, score: 0 };
      groups.push(group);
    }
    groupOf[index] = group;
  }
  // Which sentences a new sentence matches: a group merges with another only when one of its new
  // sentences matches one of the other's (an average at the threshold needs a pair there),
  // which keeps each round short.
  const partners = new Map<number, number[]>();
  for (const [index, sentence] of pool.entries()) {
    if (!sentence.isNew) continue;
    const list: number[] = [];
    for (let other = 0; other < pool.length; other++)
      if (other !== index && (matchOf(index, other)?.score ?? 0) >= threshold) list.push(other);
    partners.set(index, list);
  }
  /** Mean scores of group pairs, dropped whenever either group changes. */
  const averages = new Map<Group, Map<Group, number | null>>();
  const averageBetween = (one: Group, other: Group) => {
    const known = averages.get(one)?.get(other);
    if (known !== undefined) return known;
    const average = averageOf(one.members, other.members, matchOf, isRejected);
    averages.set(one, (averages.get(one) ?? new Map()).set(other, average));
    return average;
  };

  for (;;) {
    let best: { one: Group; other: Group; average: number } | null = null;
    for (const one of groups) {
      if (!one.hasNew) continue;
      const neighbours = new Set<Group>();
      for (const member of one.members)
        for (const partner of partners.get(member) ?? []) neighbours.add(groupOf[partner] as Group);
      neighbours.delete(one);
      for (const other of neighbours) {
        if (one.claim && other.claim) continue;
        const average = averageBetween(one, other);
        const isBirth = !one.claim && !other.claim && one.members.length + other.members.length === 2;
        if (average === null || average < threshold + (isBirth ? newClaimMargin : 0)) continue;
        if (!best || average > best.average) best = { one, other, average };
      }
    }
    if (!best) break;
    const { one: into, other: from } = best;
    into.members.push(...from.members);
    for (const member of from.members) groupOf[member] = into;
    into.claim ??= from.claim;
    into.hasNew = true;
    into.score = best.average;
    groups.splice(groups.indexOf(from), 1);
    averages.delete(into);
    averages.delete(from);
    for (const cached of averages.values()) {
      cached.delete(into);
      cached.delete(from);
    }
  }

  const placed: PlacedSentence[] = [];
  for (const [groupNumber, group] of groups.entries()) {
    const documents = new Set(group.members.map((index) => pool[index]?.document));
    if (documents.size < 2 || !group.hasNew) continue;
    for (const index of group.members) {
      const sentence = pool[index] as PooledSentence;
      if (sentence.claim) continue;
      let match: PlacedSentence['match'] | null = null;
      for (const other of group.members) {
        const candidate = other === index ? null : matchOf(index, other);
        if (candidate && (!match || candidate.score > match.score))
          match = { ...candidate, partner: pool[other]?.key ?? '' };
      }
      if (match)
        placed.push({
          key: sentence.key,
          claim: group.claim,
          group: groupNumber,
          score: Math.round(group.score * 1000) / 1000,
          match,
        });
    }
  }
  return placed;
}

/** The mean score over pairs from different documents (a conflicting figure counts 0); null when none, or a rejected pair. */
function averageOf(
  first: readonly number[],
  second: readonly number[],
  matchOf: (first: number, second: number) => ClaimMatch | null,
  isRejected: (first: number, second: number) => boolean | undefined,
): number | null {
  let total = 0;
  let count = 0;
  for (const row of first)
    for (const column of second) {
      const match = matchOf(row, column);
      if (!match) continue;
      if (isRejected(row, column)) return null;
      total += match.numbers.agreeing.length === 0 && match.numbers.conflicting.length > 0 ? 0 : match.score;
      count++;
    }
  return count === 0 ? null : total / count;
}
