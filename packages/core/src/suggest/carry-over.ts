// Discourse carry-over: "It added", "the paper said", a continuing quotation or a continuing
// account of the same event inherit the attribution of an earlier sentence, within a bounded
// scope that a new source resets.
import type { Segment } from '../segment-types.ts';
import {
  anaphoricSources,
  backgroundFrame,
  eventContinuationOpeners,
  mediumAnaphors,
  northKoreanActors,
  reportingVerbs,
} from './lexicon.ts';
import { matchesIn } from './matches.ts';
import type { KimResolver } from './people.ts';
import type { Span } from './sources.ts';

/** An attribution that later sentences may inherit. */
export interface Attribution {
  label: 'kcna_claim' | 'observer_inference' | 'reported_fact';
  source: string;
  chain: readonly string[];
  /** True for state media and North Korean officials: their continuing account stays theirs. */
  isStateMedia: boolean;
  /** The state medium that carried it ("KCNA"), under which a later North Korean speaker nests. */
  medium: string | null;
  /** Position among annotated segments and paragraph number, to measure the scope. */
  sentenceNumber: number;
  paragraphNumber: number;
}

/**
 * How far an attribution carries. Wire copy repeats the source every two or three sentences,
 * so an account that has gone longer without one has probably changed voice.
 */
export const carryOverScope = {
  /** "It added" / "she said" may look back this many annotated segments. */
  anaphoraSentences: 4,
  /**
   * "The agency said", "the report also said" name what they point back to, so they may look
   * this far back for the last state medium, across paragraphs (wire paragraphs are one sentence).
   */
  mediumSentences: 8,
  /** A continuation without an explicit cue may look back this many segments. */
  continuationSentences: 2,
  paragraphs: 3,
} as const;

// "According to the statement, …" points back like "the statement said"; "what he calls …" names, it does not report.
const anaphoricAttribution = new RegExp(
  String.raw`(?<![\w-])(?<!what\s)(?:(?<verb2>[Aa]ccording\s+to)\s+(?<anaphor2>(?:the|that|this)\s+(?:statement|report|announcement|dispatch|broadcast|article|commentary|editorial))|(?<anaphor>${anaphoricSources})\s+(?:(?:also|further|later|then|again|earlier|separately)\s+)?(?:(?:has|had|was)\s+)?(?<verb>${reportingVerbs.join('|')}))(?![\w-])`,
  'gi',
);
const backgroundFramePattern = new RegExp(backgroundFrame);
/**
 * The state media's own hedged attribution: "Kim is said to have been …", "It was reported that
 * …". After a state-media sentence it carries that attribution on; it is not the writer's doubt.
 */
const passiveAttribution =
  /(?<![\w-])(?:(?:is|are|was|were)\s+said\s+to|[Ii]t\s+(?:is|was|has\s+been)\s+(?:reported|said|announced)\s+that)(?![\w-])/g;
const continuationOpener = new RegExp(String.raw`^(?:${eventContinuationOpeners})(?![\w-])`, 'i');
const northKoreanActor = new RegExp(String.raw`(?<![\w-])(?:${northKoreanActors})(?![\w-])`, 'g');
const quotationMarks = /["“”]/g;

export interface AnaphoraCue {
  anaphor: Span;
  verb: Span;
  /** "the agency", "the paper", "the report": points back to a medium rather than a speaker. */
  isMedium: boolean;
}

/** "It added", "the agency said", "she said": a source that points back to an earlier one. */
export function findAnaphoricAttribution(segment: Segment): AnaphoraCue | null {
  for (const match of matchesIn(anaphoricAttribution, segment.text)) {
    const start = segment.start + match.index;
    const end = start + match[0].length;
    const prepositional = match.groups?.['verb2'];
    if (prepositional) {
      const anaphor = match.groups?.['anaphor2'] ?? '';
      return {
        anaphor: { start: end - anaphor.length, end },
        verb: { start, end: start + prepositional.length },
        isMedium: true,
      };
    }
    const anaphor = match.groups?.['anaphor'] ?? '';
    const verb = match.groups?.['verb'] ?? '';
    return {
      anaphor: { start, end: start + anaphor.length },
      verb: { start: end - verb.length, end },
      isMedium: mediumAnaphors.test(anaphor),
    };
  }
  return null;
}

/** "is said to have", "It was reported that": a hedged attribution with no source named. */
export function findPassiveAttribution(segment: Segment): Span | null {
  for (const match of matchesIn(passiveAttribution, segment.text)) {
    const start = segment.start + match.index;
    return { start, end: start + match[0].length };
  }
  return null;
}

/** Whether the sentence frames itself as background: "Kim's actions come as …". */
export function isBackgroundFrame(segment: Segment): boolean {
  return backgroundFramePattern.test(segment.text);
}

/** An event opener that refers back to the event just reported: "During their visit, …". */
export function findContinuationOpener(segment: Segment): Span | null {
  const match = continuationOpener.exec(segment.text);
  return match ? { start: segment.start, end: segment.start + match[0].length } : null;
}

/** A North Korean actor named in the sentence: "Kim", "the North Korean leader". */
export function findNorthKoreanActor(segment: Segment, kimResolver: KimResolver): Span | null {
  for (const match of matchesIn(northKoreanActor, segment.text)) {
    const start = segment.start + match.index;
    if (match[0] === 'Kim' && !kimResolver.resolveAt(start).isNorthKorean) continue;
    return { start, end: start + match[0].length };
  }
  return null;
}

export interface QuotationState {
  /** Spans between quotation marks, in document offsets (an unclosed one runs to the segment end). */
  quotedSpans: Span[];
  /** The segment opens inside a quotation left open by an earlier one, or starts with a quote mark. */
  continuesQuotation: boolean;
  /** A quotation is still open at the end of the segment. */
  leavesQuotationOpen: boolean;
}

/** Tracks quotation marks across segments of a paragraph, so a quote that runs on is recognised. */
export function readQuotations(segment: Segment, isInsideQuotation: boolean): QuotationState {
  const quotedSpans: Span[] = [];
  let isOpen = isInsideQuotation;
  let openedAt = segment.start;
  for (const match of matchesIn(quotationMarks, segment.text)) {
    const offset = segment.start + match.index;
    const isClosing = match[0] === '”' || (match[0] === '"' && isOpen);
    if (isClosing && isOpen) {
      quotedSpans.push({ start: openedAt, end: offset + 1 });
      isOpen = false;
    } else if (!isClosing) {
      isOpen = true;
      openedAt = offset;
    }
  }
  if (isOpen) quotedSpans.push({ start: openedAt, end: segment.end });
  const startsWithQuote = /^["“]/.test(segment.text);
  return {
    quotedSpans,
    continuesQuotation: isInsideQuotation || startsWithQuote,
    leavesQuotationOpen: isOpen,
  };
}

/** Whether `attribution` is still in scope for the segment at this position. */
export function isInScope(
  attribution: Attribution | null,
  sentenceNumber: number,
  paragraphNumber: number,
  maximumSentences: number,
  maximumParagraphs: number = carryOverScope.paragraphs,
): attribution is Attribution {
  if (!attribution) return false;
  return (
    sentenceNumber - attribution.sentenceNumber <= maximumSentences &&
    paragraphNumber - attribution.paragraphNumber <= maximumParagraphs
  );
}
