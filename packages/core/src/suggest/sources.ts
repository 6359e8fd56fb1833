// Finds the sources a sentence names and decides, per mention, whether the mention attributes
// the sentence's content (PARC: source + cue) or is merely talked about.
import type { Segment } from '../segment-types.ts';
import {
  attributionPrepositions,
  contentLinks,
  mediumPrepositions,
  negatedReporting,
  opinionVerbs,
  publicationVerbs,
  reportingVerbs,
  reportNouns,
  requiredTailOf,
  type SourceEntry,
  type SourceKind,
  sourceEntries,
} from './lexicon.ts';
import { matchesIn } from './matches.ts';
import { createPatternGate } from './pattern-gate.ts';
import type { KimResolver } from './people.ts';

export interface Span {
  /** UTF-16 offsets into the document text. */
  start: number;
  end: number;
}

export interface SourceMention extends Span {
  name: string;
  kind: SourceKind;
  /** The reporting verb, opinion verb or preposition that makes this mention a source. */
  cue: Span | null;
  /** A verb is a `reporting_verb` cue; "according to", "carried by" or a headline colon is `other`. */
  cueKind: 'reporting_verb' | 'other';
  /** True when the cue is an opinion verb ("believes", "expects"): the content is a judgement. */
  isOpinion: boolean;
  /** True when a reporting cue links the mention to the content. */
  isAttributing: boolean;
  /** True when the reporting is negated ("KCNA did not say"): a sentence about the source. */
  isNegated: boolean;
  /**
   * True for an attribution at the end of the sentence ("…, officials in Seoul said."): its
   * content is everything before it, so it is the outermost voice of the sentence.
   */
  isTrailing: boolean;
}

/** A bare "Kim"; its name is filled in by people.ts from the nearest full name. */
const bareKimEntry: SourceEntry = { name: 'Kim', kind: 'north_korean_official', patterns: ['Kim'] };

/** What each capturing group of the source scan matched: the entries in order, then a bare "Kim". */
const entriesByGroup: readonly SourceEntry[] = [...sourceEntries, bareKimEntry];

// One alternation over every entry, each in its own capturing group, so a single left-to-right
// scan finds the longest specific mention at each position (entries are ordered specific →
// general). The word-boundary lookbehind is shared rather than repeated per entry, and the
// groups are numbered rather than named: V8 then rejects most positions at once and builds no
// groups object per match, which made this scan several times cheaper.
const patternsByGroup: readonly (readonly string[])[] = [
  ...sourceEntries.map((entry) => entry.patterns),
  // A bare surname, resolved by people.ts; full names are matched by the entries above.
  [String.raw`Kim(?!\s+[A-Z][a-z]+[-\s][a-z]+)`],
];
/** The patterns of every group, in order. */
const patterns = patternsByGroup.flat().map((source) => {
  const tail = requiredTailOf(source);
  return { source, alsoRequired: tail === undefined ? null : new RegExp(tail) };
});
/**
 * Which patterns can match in a sentence: those whose required literals it holds (and, for a
 * pattern that opens with a run of any words, its tail). The others were tried, and failed, at
 * every word of the sentence.
 */
const possiblePatternsIn = createPatternGate(patterns);

/** A scan over some of the patterns, and the entry each of its capturing groups stands for. */
interface SourceScan {
  pattern: RegExp;
  entryByGroup: readonly SourceEntry[];
}

/**
 * The scan over the patterns at `indexes`, each entry still in its own group and every
 * alternative in its order, so that it finds what the scan over all patterns finds in a text
 * where the others cannot match. They are left out rather than replaced by a pattern that never
 * matches (`(?!)`, which keeps the group numbers): that scan measured about a third slower,
 * likely because V8 can no longer reject a position by the characters the alternatives start with.
 */
function sourceScanOver(indexes: readonly number[]): SourceScan {
  const alternation: string[] = [];
  const entryByGroup: SourceEntry[] = [];
  const isKept = new Set(indexes);
  let index = 0;
  for (const [group, groupPatterns] of patternsByGroup.entries()) {
    const kept = groupPatterns.filter(() => isKept.has(index++));
    if (kept.length === 0) continue;
    alternation.push(String.raw`(${kept.join('|')})(?![\w-])`);
    entryByGroup.push(entriesByGroup[group]!);
  }
  return { pattern: new RegExp(String.raw`(?<![\w-])(?:${alternation.join('|')})`, 'g'), entryByGroup };
}
if (
  new RegExp(`${sourceScanOver(patterns.map((_, index) => index)).pattern.source}|`).exec('')?.length !==
  entriesByGroup.length + 1
) {
  throw new Error('A source pattern in lexicon.ts has a capturing group; write it as (?:…).');
}
/**
 * The scans built so far, by the patterns they keep. Sentences of news repeat a few
 * combinations; past `maxCachedScans` the cache starts again rather than grow without bound.
 */
const sourceScans = new Map<string, SourceScan>();
const maxCachedScans = 512;

/** The scan for `text`, over the patterns that can match in it; null when none can. */
function sourceScanFor(text: string): SourceScan | null {
  const key = possiblePatternsIn(text);
  if (key === '') return null;
  let scan = sourceScans.get(key);
  if (!scan) {
    if (sourceScans.size >= maxCachedScans) sourceScans.clear();
    scan = sourceScanOver(key.split(',').map(Number));
    sourceScans.set(key, scan);
  }
  return scan;
}

const verbAlternation = reportingVerbs.join('|');
const opinionAlternation = opinionVerbs.join('|');
const adverbials = String.raw`(?:also|further|later|earlier|separately|then|again|previously|repeatedly|recently|once\s+again|on\s+\w+|\w+ly)`;
/**
 * Active auxiliaries only: "the North is expected to" is a passive hedge, not the North speaking;
 * a progressive "is reporting", "are saying" is active.
 */
const auxiliaries = String.raw`(?:has|have|had|would|will|(?:is|are|was|were)(?=\s+(?:reporting|saying|claiming)\b))`;
/**
 * A base-form "report" or "claim" followed by punctuation or a preposition is the noun: "the
 * Pyongyang Radio report —", "KCNA's claim of …"; the verb reads "NK media report that …".
 */
const passiveQuotation = String.raw`(?:was|were|is|are)\s+quoted\s+as\s+(?:saying|telling)`;
const notNounUse = String.raw`(?!(?<=(?:report|claim))\s*(?:[—–,.;:)]|of\b|on\b|was\b|is\b|has\b|had\b|by\b))`;

/**
 * What may follow a source before its verb: a report noun, after a possessive or not ("KCNA's
 * report", "the KCNA report"; "Kim's reported visit" is no report by Kim),
 * an abbreviation in brackets, an apposition between commas, "monitored in Seoul", adverbs, an
 * auxiliary. Sticky, so it only matches right at the end of the mention.
 */
const afterSourceToVerb = new RegExp(
  String.raw`(?:['’]s?\s+(?:${reportNouns})|(?:\s+(?:${reportNouns}))?)\s*(?:\([^)]{1,30}\)\s*)?(?:,[^,]{1,90},\s*)?(?:(?:monitored|seen|heard)\s+(?:in|by)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?,?\s+)?(?:${adverbials}\s+){0,3}(?:(?<passive>${passiveQuotation})|(?:${auxiliaries}\s+)?(?:(?<opinion>${opinionAlternation})|(?<reporting>${verbAlternation})|(?<publication>${publicationVerbs})))(?![\w-])${notNounUse}`,
  'y',
);
/** Title-case headlines ("Kim Jong Un Lauds …", "NK Media Warn …") capitalise their verbs. */
const afterSourceToVerbInHeadline = new RegExp(afterSourceToVerb.source, 'iy');
/**
 * "North Korea's first launch this year came after Pyongyang threatened …": a source inside a
 * clause of time or circumstance gives the background, not the sentence's attribution.
 */
const backgroundClauseBefore =
  /(?<![\w-])(?:comes?|came|coming|follow(?:s|ed)?|was|were|is|are)\s+(?:[\w-]+\s+){0,3}?(?:after|as|amid|since|following|ahead\s+of)\s+(?:[\w'’-]+\s+){0,2}$/;
const contentAfterPublication = new RegExp(String.raw`(?<![\w-])(?:${contentLinks})(?![\w-])|["“]`);
const afterSourceToNegation = new RegExp(
  String.raw`(?:['’]s?)?(?:\s+(?:${reportNouns}))?\s*(?:,[^,]{1,90},\s*)?(?:${adverbials}\s+)?(?:${negatedReporting})(?![\w-])`,
  'y',
);
/**
 * "…," said the KCNA' or "quoted Kim as saying": the verb comes first. Only after a comma or a
 * closing quote, because "The JCS said the KCNA report …" makes the KCNA the topic, not the source.
 */
const verbBeforeSource = new RegExp(
  String.raw`(?:[,"”’]\s*(?:${verbAlternation})|(?<![\w-])(?:quoted|cited))\s+$`,
);
const prepositionBeforeSource = new RegExp(
  String.raw`(?<![\w-])(?:${attributionPrepositions.join('|')})\s+$`,
  'i',
);
const mediumPrepositionBeforeSource = new RegExp(String.raw`(?<![\w-])(?:${mediumPrepositions})\s+$`);
/** A headline attribution: "N. Korea fires missile: JCS". */
const colonBeforeSource = /:\s*$/;
const trailingPunctuation = /[\s.,;:!?"'”’)\]]*/y;
const trailingTimeAndPunctuation =
  /(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|earlier|later|reporters|in\s+a\s+statement))*[\s.,;:!?"'”’)\]]*/y;
/** How far back a preceding cue may start; enough for "in a statement carried by". */
const lookBehindWindow = 60;

/** Every source mention in a segment, with whether and how it attributes the content. */
export function findSourceMentions(
  documentText: string,
  segment: Segment,
  kimResolver: KimResolver,
): SourceMention[] {
  const mentions: SourceMention[] = [];
  for (const match of findSourceEntries(segment.text)) {
    const { entry } = match;
    const start = segment.start + match.start;
    const end = segment.start + match.end;
    if (entry === bareKimEntry) {
      const person = kimResolver.resolveAt(start);
      if (!person.isNorthKorean) continue;
      mentions.push(classifyMention(documentText, segment, { ...entry, name: person.name }, start, end));
      continue;
    }
    mentions.push(classifyMention(documentText, segment, entry, start, end));
  }
  return mentions;
}

/**
 * Where a text names a source entry, left to right, before anything decides whether the mention
 * attributes (offsets into `text`). A bare "Kim" comes back as its own entry, not yet resolved.
 */
export function findSourceEntries(text: string): (Span & { entry: SourceEntry })[] {
  const found: (Span & { entry: SourceEntry })[] = [];
  const scan = sourceScanFor(text);
  if (!scan) return found;
  for (const match of matchesIn(scan.pattern, text)) {
    // The one group that took part in the match says which entry it was.
    let group = 1;
    while (match[group] === undefined) group++;
    found.push({
      start: match.index,
      end: match.index + match[0].length,
      entry: scan.entryByGroup[group - 1]!,
    });
  }
  return found;
}

function classifyMention(
  documentText: string,
  segment: Segment,
  entry: SourceEntry,
  start: number,
  end: number,
): SourceMention {
  const mention: SourceMention = {
    start,
    end,
    name: entry.name ?? normaliseMentionText(documentText.slice(start, end)),
    kind: entry.kind,
    cue: null,
    cueKind: 'reporting_verb',
    isOpinion: false,
    isAttributing: false,
    isNegated: false,
    isTrailing: false,
  };
  // "North Korea" and "Pyongyang" are sources only as the direct subject of a reporting verb.
  const isStateName = entry.kind === 'north_korean_state';

  afterSourceToNegation.lastIndex = end;
  const negation = afterSourceToNegation.exec(documentText);
  if (negation && negation.index + negation[0].length <= segment.end && !isStateName) {
    mention.isNegated = true;
    return mention;
  }

  const verbPattern = segment.kind === 'headline' ? afterSourceToVerbInHeadline : afterSourceToVerb;
  verbPattern.lastIndex = end;
  const verb = verbPattern.exec(documentText);
  const verbEnd = verb ? verb.index + verb[0].length : 0;
  const isPublicationWithoutContent =
    verb?.groups?.['publication'] !== undefined && !hasContentAfter(documentText, verbEnd, segment.end);
  if (
    verb &&
    verbEnd <= segment.end &&
    !isPublicationWithoutContent &&
    (!isStateName || isDirectlyFollowed(verb[0]))
  ) {
    const groups = verb.groups ?? {};
    const verbText =
      groups['passive'] ?? groups['opinion'] ?? groups['reporting'] ?? groups['publication'] ?? '';
    mention.cue = { start: verbEnd - verbText.length, end: verbEnd };
    mention.isOpinion = verb.groups?.['opinion'] !== undefined;
    // "what North Korea calls a satellite", "Even if North Korea calls it …": naming, not reporting.
    const isNaming =
      /^call/i.test(verbText) &&
      /(?:\bwhat|\bif)\s+$/i.test(documentText.slice(Math.max(segment.start, start - 8), start));
    mention.isAttributing = !isNaming && !isInBackgroundClause(documentText, segment.start, start);
    mention.isTrailing =
      isAfterCommaOrQuote(documentText, segment.start, start) &&
      isFollowedOnlyByPunctuation(documentText, verbEnd, segment.end, true);
    return mention;
  }
  if (isStateName) return mention;

  const windowStart = Math.max(segment.start, start - lookBehindWindow);
  const before = documentText.slice(windowStart, start);
  const verbCue = verbBeforeSource.exec(before);
  const prepositionCue = verbCue
    ? null
    : (prepositionBeforeSource.exec(before) ??
      (entry.kind === 'state_media' ? mediumPrepositionBeforeSource.exec(before) : null));
  const precedingCue = verbCue ?? prepositionCue;
  if (precedingCue) {
    const cueStart = windowStart + precedingCue.index;
    mention.cueKind = verbCue ? 'reporting_verb' : 'other';
    mention.cue = { start: cueStart, end: cueStart + precedingCue[0].trimEnd().length };
    mention.isAttributing = true;
    return mention;
  }
  const isHeadlineAttribution =
    colonBeforeSource.test(before) && isFollowedOnlyByPunctuation(documentText, end, segment.end);
  if (isHeadlineAttribution) {
    mention.isAttributing = true;
    mention.cueKind = 'other';
  }
  return mention;
}

/** Whether the mention at `start` sits in a clause of time or circumstance ("came after …"). */
function isInBackgroundClause(documentText: string, segmentStart: number, start: number): boolean {
  const windowStart = Math.max(segmentStart, start - lookBehindWindow);
  return backgroundClauseBefore.test(documentText.slice(windowStart, start));
}

/** Whether a comma or closing quote stands right before the mention: "…, officials said". */
function isAfterCommaOrQuote(documentText: string, segmentStart: number, start: number): boolean {
  let index = start - 1;
  while (index > segmentStart && /\s/.test(documentText[index]!)) index--;
  return index > segmentStart && /[,"”’]/.test(documentText[index]!);
}

/** "North Korea said" but not "North Korea's report said" or "North Korea, a nuclear state, said". */
function isDirectlyFollowed(matchedText: string): boolean {
  return !/^(?:'|\s*[(,])/.test(matchedText);
}

/** "Some analysts" → "analysts", "the North's foreign ministry" → "North's foreign ministry". */
function normaliseMentionText(mentionText: string): string {
  const withoutArticle = mentionText
    .replace(/\s+/g, ' ')
    .replace(/^(?:the|a|an|one|some|many|most|other|several) /i, '');
  // A lone common noun ("Observers") is capitalised only because it starts the sentence.
  return /^[A-Z][a-z]+$/.test(withoutArticle) ? withoutArticle.toLowerCase() : withoutArticle;
}

/** Whether a publication verb is followed by what it published: "carried a statement saying …". */
function hasContentAfter(documentText: string, offset: number, segmentEnd: number): boolean {
  return contentAfterPublication.test(documentText.slice(offset, segmentEnd));
}

/**
 * Whether only punctuation and spaces stand between `offset` and the end of the segment; with
 * `allowTime`, also a time or place ("said Monday", "said on Tuesday", "told reporters").
 */
function isFollowedOnlyByPunctuation(
  documentText: string,
  offset: number,
  segmentEnd: number,
  allowTime = false,
): boolean {
  const pattern = allowTime ? trailingTimeAndPunctuation : trailingPunctuation;
  pattern.lastIndex = offset;
  pattern.exec(documentText);
  return pattern.lastIndex >= segmentEnd;
}
