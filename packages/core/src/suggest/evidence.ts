// Everything suggest() reads from one segment before any rule runs: its sources, hedges,
// carry-over cues and quotations. Gathered once per segment so the rules stay simple checks.
import type { Segment } from '../segment-types.ts';
import {
  type AnaphoraCue,
  findAnaphoricAttribution,
  findContinuationOpener,
  findNorthKoreanActor,
  findPassiveAttribution,
  isBackgroundFrame,
  type QuotationState,
} from './carry-over.ts';
import { findHedgeCues, type HedgeCue } from './hedges.ts';
import type { KimResolver } from './people.ts';
import { findSourceMentions, type SourceMention, type Span } from './sources.ts';

export interface SegmentEvidence {
  segment: Segment;
  mentions: SourceMention[];
  /** The mentions that attribute the content (a cue links them to it) and are not negated. */
  attributingMentions: SourceMention[];
  /** Every hedge, quoted or not: a named source's hedges include those in its quoted words. */
  hedges: HedgeCue[];
  /** Hedges outside quotation marks: the only ones a sentence without a source can be the writer's. */
  writerHedges: HedgeCue[];
  anaphora: AnaphoraCue | null;
  /** "is said to have", "It was reported that": the state media's own hedged attribution. */
  passiveAttribution: Span | null;
  /** "… come as …", "… came after …": background that does not continue an account. */
  isBackground: boolean;
  continuationOpener: Span | null;
  northKoreanActor: Span | null;
  quotation: QuotationState;
}

export function gatherEvidence(
  documentText: string,
  segment: Segment,
  quotation: QuotationState,
  kimResolver: KimResolver,
): SegmentEvidence {
  const hedges = findHedgeCues(segment, quotation.quotedSpans);
  const mentions = findSourceMentions(documentText, segment, kimResolver);
  return {
    segment,
    mentions,
    attributingMentions: mentions.filter((mention) => mention.isAttributing && !mention.isNegated),
    hedges,
    writerHedges: hedges.filter((hedge) => !hedge.isQuoted),
    anaphora: findAnaphoricAttribution(segment),
    passiveAttribution: findPassiveAttribution(segment),
    isBackground: isBackgroundFrame(segment),
    continuationOpener: findContinuationOpener(segment),
    northKoreanActor: findNorthKoreanActor(segment, kimResolver),
    quotation,
  };
}
