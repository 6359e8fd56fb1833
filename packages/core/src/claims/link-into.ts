// Linking a new document's sentences into a project's claims as an import runs it: the same
// average linkage as `linkClaims`, clause by clause, over the new sentences, the candidates the
// database found and the members of the claims those candidates are in. Claims already formed
// stay whole and never merge with each other; every merge takes in at least one new clause,
// or an earlier one the new document reopened. A sentence may join several claims (a lead states
// the launch and the range at once).
import { claimClauses } from './clauses.ts';
import { type ClaimFeatures, claimFeatures } from './features.ts';
import { rarityWeights } from './link.ts';
import {
  type ClaimMatch,
  claimMatchScore,
  haveConflictingFigures,
  type StemWeight,
  scoreClaimMatch,
  weighFeatures,
} from './score.ts';

export interface PooledSentence {
  /** The sentence's id. */
  key: string;
  /** Its document: sentences of one document never pair. */
  document: string;
  text: string;
  /** The claims it is in already (a sentence may be in several); empty when none. */
  links: readonly PooledLink[];
  /** Whether it is one of the sentences being linked now. */
  isNew: boolean;
}

/** A sentence's link to a claim, as the pool gives it. */
export interface PooledLink {
  claim: string;
  /**
   * Which of the sentence's clauses (`claimClauses`, in order) carry the claim, as the link was
   * placed; the whole sentence when absent (links placed before clauses were kept) or when the
   * sentence no longer has that many clauses.
   */
  clauses?: readonly number[] | undefined;
  /** A person confirmed it: its clauses stay in the claim whatever a later document brings. */
  isConfirmed?: boolean | undefined;
}

export interface PlacedSentence {
  /** A sentence that joins a claim it was not in (a new sentence, or a candidate joining a new claim). */
  key: string;
  /** The existing claim it joins, or null for a new claim. */
  claim: string | null;
  /** Sentences placed together in one new claim share this number. */
  group: number;
  /** The mean score of the merge that placed it. */
  score: number;
  /** Which of its clauses (`claimClauses`, in order) joined the claim: kept with the link. */
  clauses: number[];
  /** Its best clause match among the other members: the evidence shown with the link. */
  match: ClaimMatch & { partner: string };
}

export interface LinkIntoOptions {
  /** `importClaimThreshold` by default. */
  threshold?: number;
  /** How words are weighed; by default their rarity among the pool's clauses, as `linkClaims` does. */
  weightOf?: StemWeight;
  /** Pairs of sentence keys a person said are not one claim ("a|b", either order). */
  rejectedPairs?: ReadonlySet<string>;
  /**
   * How many clauses of earlier sentences a new document may reopen: those its clauses match
   * best, taken out of their suggested claims and placed again with it (`reopenedClauses` by
   * default; 0 keeps every earlier placement).
   */
  reopenLimit?: number;
}

/** A sentence's link a placement takes back: its clauses left the claim, or are placed there anew. */
export interface ReleasedLink {
  key: string;
  claim: string;
}

export interface ClaimPlacement {
  placed: PlacedSentence[];
  released: ReleasedLink[];
}

/**
 * The threshold of an import. On the development events it is chosen as the batch's is (the best
 * recall at 0.85 precision or more, and held out by event), with the earlier clauses a document
 * matches reopened: the plateau where both targets hold is 0.19–0.22 (docs/claims.md, *At
 * import*).
 */
export const importClaimThreshold = 0.2;

/** How much more than the threshold the merge that starts a claim must score: a claim is born of clear pairs. */
export const newClaimMargin = 0.06;

/**
 * Sentences whose clauses' features are kept between calls. A project's consecutive documents
 * meet mostly the same candidates and claim members, whose features were worked out for the
 * document before (re-extracting them was a tenth of a whole-project re-link's time); the
 * oldest are dropped past this many (about 15 MB).
 */
const keptSentenceFeatures = 10_000;
const featuresBySentence = new Map<string, readonly ClaimFeatures[]>();

/** The features of each of a sentence's clauses (`claimClauses`, in order). Callers never change them. */
function clauseFeaturesOf(text: string): readonly ClaimFeatures[] {
  const known = featuresBySentence.get(text);
  if (known) {
    // Most recently used last, so the oldest is the first the map iterates.
    featuresBySentence.delete(text);
    featuresBySentence.set(text, known);
    return known;
  }
  const features = claimClauses(text).map((clause) => claimFeatures(clause));
  featuresBySentence.set(text, features);
  if (featuresBySentence.size > keptSentenceFeatures)
    featuresBySentence.delete(featuresBySentence.keys().next().value as string);
  return features;
}

/** One clause of a pooled sentence: the unit the linkage compares. */
interface Unit {
  sentence: number;
  /** Its index among its sentence's clauses. */
  clause: number;
  features: ClaimFeatures;
}

interface Group {
  members: number[];
  claim: string | null;
  hasNew: boolean;
  /** The mean score of the merge that formed it. */
  score: number;
}

/**
 * Places the pool's new sentences among its claims. Returns a sentence once per claim it joins;
 * a sentence already in a claim is never returned for that claim again.
 */
export function linkIntoClaims(
  pool: readonly PooledSentence[],
  options: LinkIntoOptions = {},
): ClaimPlacement {
  const threshold = options.threshold ?? importClaimThreshold;
  const units: Unit[] = pool.flatMap((sentence, index) =>
    clauseFeaturesOf(sentence.text).map((features, clause) => ({ sentence: index, clause, features })),
  );
  const weightOf = options.weightOf ?? rarityWeights(units.map((unit) => unit.features));
  const pairs = pairScores(pool, units, weightOf);
  const scoreOf = pairs.scoreOf;
  /** The full match, evidence included, of a pair `scoreOf` ranked: scored in the cache's order. */
  const matchOf = (first: number, second: number): ClaimMatch => {
    const [low, high] = first < second ? [first, second] : [second, first];
    return scoreClaimMatch(
      (units[low] as Unit).features,
      (units[high] as Unit).features,
      weightOf,
      threshold,
    );
  };
  const keyOf = (unit: number) => pool[units[unit]?.sentence ?? -1]?.key;
  const { rejectedPairs } = options;
  const isRejected: IsRejected = rejectedPairs?.size
    ? (first, second) =>
        rejectedPairs.has(`${keyOf(first)}|${keyOf(second)}`) ||
        rejectedPairs.has(`${keyOf(second)}|${keyOf(first)}`)
    : () => false;

  const { groups, groupsOf, isNewUnit, isConfirmedUnit } = initialGroups(pool, units);
  // Which units a new unit matches: a group merges with another only when one of its new units
  // matches one of the other's (an average at the threshold needs a pair there), which keeps
  // each round short.
  const partners = new Map<number, number[]>();
  const sharingAStem = unitsSharingAStem(units);
  const findPartners = (index: number) => {
    const list: number[] = [];
    // A pair that shares no stem scores 0, so only units that share one are scored: a pool of
    // thousands of sentences (a real project's busy claims) made scoring every pair most of a
    // document's placement.
    const others = threshold > 0 ? sharingAStem(index) : units.keys();
    for (const other of others)
      if (other !== index && (scoreOf(index, other) ?? 0) >= threshold) list.push(other);
    partners.set(index, list);
  };
  for (let index = 0; index < units.length; index++) if (isNewUnit[index]) findPartners(index);
  const reopened = reopenPartners(
    partners,
    options.reopenLimit ?? reopenedClauses,
    { groups, groupsOf, isNewUnit, isConfirmedUnit },
    scoreOf,
  );
  for (const unit of reopened) findPartners(unit);
  /** Mean scores of group pairs, dropped whenever either group changes. */
  const averages = new Map<Group, Map<Group, number | null>>();
  const averageBetween = (one: Group, other: Group) => {
    const known = averages.get(one)?.get(other);
    if (known !== undefined) return known;
    const average = averageOf(one.members, other.members, pairs.averagedScoreOf, isRejected);
    averages.set(one, (averages.get(one) ?? new Map()).set(other, average));
    return average;
  };

  for (;;) {
    let best: { one: Group; other: Group; average: number } | null = null;
    for (const one of groups) {
      if (!one.hasNew) continue;
      const neighbours = new Set<Group>();
      for (const member of one.members)
        if (isNewUnit[member])
          for (const partner of partners.get(member) ?? [])
            for (const group of groupsOf[partner] ?? []) neighbours.add(group);
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
    // A free unit is in one group; only a claim's units may be in several, and claims never merge.
    into.members.push(...from.members);
    for (const member of from.members)
      groupsOf[member] = (groupsOf[member] ?? []).map((group) => (group === from ? into : group));
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

  keepClaimsOfReopened(groups, reopened, units, pool);
  const linked = groups.filter(
    (group) =>
      group.hasNew &&
      new Set(group.members.map((unit) => pool[units[unit]?.sentence ?? -1]?.document)).size >= 2,
  );
  joinSecondClaims(
    linked,
    pool,
    units,
    isNewUnit,
    pairs.averagedScoreOf,
    isRejected,
    threshold,
    sharingAStem,
  );

  const reopenedSentences = new Set([...reopened].map((unit) => units[unit]?.sentence ?? -1));
  const clausesIn = (sentence: number, group: Group) =>
    group.members
      .filter((unit) => units[unit]?.sentence === sentence)
      .map((unit) => units[unit]?.clause ?? -1)
      .sort((first, second) => first - second);
  const released: ReleasedLink[] = [];
  /** Whether the sentence's link to the group's claim stays as it is. */
  const keepsLink = (sentence: number, group: Group) => {
    const link = pool[sentence]?.links.find((known) => known.claim === group.claim);
    if (!link) return false;
    if (!reopenedSentences.has(sentence) || sameClauses(link.clauses, clausesIn(sentence, group)))
      return true;
    released.push({ key: pool[sentence]?.key ?? '', claim: link.claim });
    return false;
  };
  // A reopened sentence whose clauses left one of its claims gives the link back.
  for (const sentence of reopenedSentences)
    for (const link of pool[sentence]?.links ?? []) {
      const group = groups.find((candidate) => candidate.claim === link.claim);
      if (!group || clausesIn(sentence, group).length === 0)
        released.push({ key: pool[sentence]?.key ?? '', claim: link.claim });
    }

  const placed: PlacedSentence[] = [];
  for (const [groupNumber, group] of groups.entries()) {
    if (!linked.includes(group)) continue;
    const bySentence = new Map<
      number,
      { clauses: number[]; best: { score: number; unit: number; other: number } | null }
    >();
    const kept = new Map<number, boolean>();
    for (const unit of group.members) {
      const { sentence, clause } = units[unit] as Unit;
      if (group.claim) {
        if (!kept.has(sentence)) kept.set(sentence, keepsLink(sentence, group));
        if (kept.get(sentence)) continue;
      }
      const found = bySentence.get(sentence) ?? { clauses: [], best: null };
      bySentence.set(sentence, found);
      if (!found.clauses.includes(clause)) found.clauses.push(clause);
      for (const other of group.members) {
        const score = other === unit ? null : scoreOf(unit, other);
        if (score !== null && (!found.best || score > found.best.score)) found.best = { score, unit, other };
      }
    }
    for (const [sentence, { clauses, best }] of bySentence)
      if (best) {
        const match = { ...matchOf(best.unit, best.other), partner: keyOf(best.other) ?? '' };
        placed.push({
          key: pool[sentence]?.key ?? '',
          claim: group.claim,
          group: groupNumber,
          score: Math.round(group.score * 1000) / 1000,
          clauses: clauses.sort((first, second) => first - second),
          match,
        });
      }
  }
  return { placed, released };
}

/** The units that share at least one stem with a unit, in the order of `units`. */
function unitsSharingAStem(units: readonly Unit[]): (unit: number) => number[] {
  const unitsWithStem = new Map<string, number[]>();
  for (const [index, unit] of units.entries())
    for (const stem of unit.features.stems.keys()) {
      const list = unitsWithStem.get(stem);
      if (list) list.push(index);
      else unitsWithStem.set(stem, [index]);
    }
  return (unit) => {
    const found = new Set<number>();
    for (const stem of (units[unit] as Unit).features.stems.keys())
      for (const other of unitsWithStem.get(stem) ?? []) found.add(other);
    return [...found].sort((first, second) => first - second);
  };
}

/**
 * A group the linkage formed of reopened clauses keeps the claim most of them came from, when no
 * other group holds it: a claim whose members were reopened and placed together again stays the
 * same claim (its id, its page, its links), rather than a new one that replaces it.
 */
function keepClaimsOfReopened(
  groups: readonly Group[],
  reopened: ReadonlySet<number>,
  units: readonly Unit[],
  pool: readonly PooledSentence[],
): void {
  const held = new Set(groups.flatMap((group) => (group.claim ? [group.claim] : [])));
  for (const group of groups) {
    if (group.claim) continue;
    const counts = new Map<string, number>();
    for (const unit of group.members) {
      if (!reopened.has(unit)) continue;
      const { sentence, clause } = units[unit] as Unit;
      for (const link of pool[sentence]?.links ?? [])
        if (!held.has(link.claim) && (!link.clauses?.length || link.clauses.includes(clause)))
          counts.set(link.claim, (counts.get(link.claim) ?? 0) + 1);
    }
    const [claim] =
      [...counts].sort((first, second) => second[1] - first[1] || (first[0] < second[0] ? -1 : 1))[0] ?? [];
    if (claim === undefined) continue;
    group.claim = claim;
    held.add(claim);
  }
}

/** Clauses recorded with a link (absent: the whole sentence) against those placed now. */
function sameClauses(recorded: readonly number[] | undefined, placed: readonly number[]): boolean {
  if (!recorded?.length) return false;
  return recorded.length === placed.length && recorded.every((clause, index) => clause === placed[index]);
}

/**
 * How many earlier clauses one document may reopen. A document is linked against those before
 * it, so a clause that matched an early claim loosely joined it before the article that states it
 * better arrived; reopening the earlier clauses the new ones match lets the linkage place them
 * again beside that article, as `attest link` would with every article in hand. Bounded, since
 * each reopened clause is compared with the whole pool.
 */
export const reopenedClauses = 20;

/**
 * Takes the earlier clauses the new ones match best (at most `limit`) out of their suggested
 * claims, each a group of its own that counts as new: the linkage then places them again.
 * Confirmed clauses stay where a person put them. Returns the reopened units.
 */
function reopenPartners(
  partners: ReadonlyMap<number, readonly number[]>,
  limit: number,
  { groups, groupsOf, isNewUnit, isConfirmedUnit }: ReturnType<typeof initialGroups>,
  scoreOf: ScoreOf,
): Set<number> {
  const best = new Map<number, number>();
  for (const [unit, list] of partners)
    for (const other of list) {
      if (isNewUnit[other] || isConfirmedUnit[other] || !groupsOf[other]?.some((group) => group.claim))
        continue;
      const score = scoreOf(unit, other) ?? 0;
      if (score > (best.get(other) ?? 0)) best.set(other, score);
    }
  const chosen = [...best]
    .sort((first, second) => second[1] - first[1] || first[0] - second[0])
    .slice(0, limit)
    .map(([unit]) => unit);
  for (const unit of chosen) {
    for (const group of groupsOf[unit] ?? []) {
      group.members = group.members.filter((member) => member !== unit);
      if (group.members.length === 0) groups.splice(groups.indexOf(group), 1);
    }
    const own: Group = { members: [unit], claim: null, hasNew: true, score: 0 };
    groups.push(own);
    groupsOf[unit] = [own];
    isNewUnit[unit] = true;
  }
  return new Set(chosen);
}

/**
 * The groups linkage starts from. A claim's group holds the clauses its links say carry it (the
 * whole sentence for a link that does not say); a sentence's other clauses are free, each a group
 * of its own, so the part of a lead that no claim holds yet can start one with a later article.
 * Free clauses of new sentences are the new units.
 */
function initialGroups(pool: readonly PooledSentence[], units: readonly Unit[]) {
  const unitsOfSentence = new Map<number, number[]>();
  for (const [index, unit] of units.entries())
    unitsOfSentence.set(unit.sentence, [...(unitsOfSentence.get(unit.sentence) ?? []), index]);
  const groups: Group[] = [];
  const claimGroups = new Map<string, Group>();
  const groupsOf: Group[][] = units.map(() => []);
  const isConfirmedUnit = units.map(() => false);
  for (const [sentence, pooled] of pool.entries()) {
    const own = unitsOfSentence.get(sentence) ?? [];
    for (const link of pooled.links) {
      let group = claimGroups.get(link.claim);
      if (!group) {
        group = { members: [], claim: link.claim, hasNew: false, score: 0 };
        claimGroups.set(link.claim, group);
        groups.push(group);
      }
      const isKnown = link.clauses?.length && link.clauses.every((clause) => clause < own.length);
      const members = isKnown ? own.filter((unit) => link.clauses?.includes(units[unit]?.clause ?? -1)) : own;
      group.members.push(...members);
      for (const unit of members) {
        groupsOf[unit]?.push(group);
        if (link.isConfirmed) isConfirmedUnit[unit] = true;
      }
    }
  }
  const isNewUnit = units.map(() => false);
  for (const [index, unit] of units.entries()) {
    if ((groupsOf[index]?.length ?? 0) > 0) continue;
    isNewUnit[index] = pool[unit.sentence]?.isNew ?? false;
    const group: Group = { members: [index], claim: null, hasNew: isNewUnit[index], score: 0 };
    groups.push(group);
    groupsOf[index] = [group];
  }
  return { groups, groupsOf, isNewUnit, isConfirmedUnit };
}

/**
 * As `linkClaims` does, a clause that was not cut (a lead stating the launch and the range in one
 * breath) is put in one claim by the linkage, and then also joins every other claim linked now
 * whose members it matches on average at the threshold, unless its document already has a clause
 * there. Kept incremental: only a new clause joins an existing claim; any clause may join a claim
 * born now. Decided against the groups as the linkage left them, so their order does not matter.
 */
function joinSecondClaims(
  linked: readonly Group[],
  pool: readonly PooledSentence[],
  units: readonly Unit[],
  isNewUnit: readonly boolean[],
  averagedScoreOf: ScoreOf,
  isRejected: IsRejected,
  threshold: number,
  sharingAStem: (unit: number) => number[],
): void {
  const joining = linked.map((group) => {
    const documents = new Set(group.members.map((unit) => pool[units[unit]?.sentence ?? -1]?.document));
    // A unit that shares no stem with any member averages 0 against the group: not asked.
    const askable =
      threshold > 0
        ? [...new Set(group.members.flatMap(sharingAStem))].sort((first, second) => first - second)
        : [...units.keys()];
    return askable.filter((index) => {
      const unit = units[index] as Unit;
      if (documents.has(pool[unit.sentence]?.document)) return false;
      if (group.claim && !isNewUnit[index]) return false;
      const average = averageOf([index], group.members, averagedScoreOf, isRejected);
      return average !== null && average >= threshold;
    });
  });
  for (const [index, group] of linked.entries()) group.members.push(...(joining[index] ?? []));
}

/** The mean score over pairs from different documents (a conflicting figure counts 0); null when none, or a rejected pair. */
function averageOf(
  first: readonly number[],
  second: readonly number[],
  averagedScoreOf: ScoreOf,
  isRejected: IsRejected,
): number | null {
  let total = 0;
  let count = 0;
  for (const row of first)
    for (const column of second) {
      if (isRejected(row, column)) return null;
      const value = averagedScoreOf(row, column);
      if (value === null) continue;
      total += value;
      count++;
    }
  return count === 0 ? null : total / count;
}

/** A pair of units' score; null for two clauses of one document, which never pair. */
type ScoreOf = (first: number, second: number) => number | null;
type IsRejected = (first: number, second: number) => boolean;

/** Pools up to this many clauses keep their pair scores in one typed array (2 bytes a pair, 32 MiB at most). */
const largestScoreMatrix = 4096;

/**
 * The scores of the pool's pairs of clauses, each worked out once when first asked: `scoreOf` as
 * `scoreClaimMatch` scores, and `averagedScoreOf` as the average counts it (0 when figures conflict).
 * Held as thousandths (scores are rounded to them) in a typed array, or a map for a huge pool.
 */
function pairScores(pool: readonly PooledSentence[], units: readonly Unit[], weightOf: StemWeight) {
  const weighed = units.map((unit) => weighFeatures(unit.features, weightOf));
  const documentOf = units.map((unit) => pool[unit.sentence]?.document);
  // Per pair: -1 not scored yet, -2 one document, 0–1000 the score, 2000 + it when figures conflict.
  const size = units.length;
  const matrix = size <= largestScoreMatrix ? new Int16Array(size * size).fill(-1) : null;
  const overflow = new Map<number, number>();
  const codeOf = (first: number, second: number): number => {
    const [low, high] = first < second ? [first, second] : [second, first];
    const index = low * size + high;
    const known = matrix ? (matrix[index] as number) : (overflow.get(index) ?? -1);
    if (known !== -1) return known;
    let code = -2;
    if (documentOf[low] !== documentOf[high]) {
      const one = weighed[low] as (typeof weighed)[number];
      const other = weighed[high] as (typeof weighed)[number];
      const isConflicting = haveConflictingFigures(one.features, other.features);
      code = Math.round(claimMatchScore(one, other, isConflicting) * 1000) + (isConflicting ? 2000 : 0);
    }
    if (matrix) matrix[index] = code;
    else overflow.set(index, code);
    return code;
  };
  return {
    scoreOf: (first: number, second: number): number | null => {
      const code = codeOf(first, second);
      return code === -2 ? null : (code >= 2000 ? code - 2000 : code) / 1000;
    },
    averagedScoreOf: (first: number, second: number): number | null => {
      const code = codeOf(first, second);
      return code === -2 ? null : code >= 2000 ? 0 : code / 1000;
    },
  };
}
