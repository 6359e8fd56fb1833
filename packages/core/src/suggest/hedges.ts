// Finds hedge cues (CoNLL-2010 sense) in a segment: the words by which a writer signals that
// content is inferred, expected or uncertain rather than reported.
import type { Segment } from '../segment-types.ts';
import { hedgeCues, opinionVerbs } from './lexicon.ts';
import { matchesIn } from './matches.ts';
import type { Span } from './sources.ts';

export interface HedgeCue extends Span {
  /** Frames ("raised speculation", "is expected to") outweigh a state-media mention; modals do not. */
  isFrame: boolean;
  /** A hedge inside quotation marks belongs to the quoted speaker, not to the writer. */
  isQuoted: boolean;
}

const bounded = (alternatives: readonly string[]) =>
  String.raw`(?<![\w-])(?:${alternatives.join('|')})(?![\w-])`;
const framePattern = new RegExp(bounded([...hedgeCues.frames, ...opinionVerbs]), 'gi');
const adverbPattern = new RegExp(bounded(hedgeCues.adverbs), 'gi');
const modalPattern = new RegExp(bounded(hedgeCues.modals), 'g');

export function findHedgeCues(segment: Segment, quotedSpans: readonly Span[]): HedgeCue[] {
  const cues: HedgeCue[] = [];
  collectCues(cues, framePattern, true, segment, quotedSpans);
  collectCues(cues, adverbPattern, false, segment, quotedSpans);
  collectCues(cues, modalPattern, false, segment, quotedSpans);
  return dropOverlaps(cues.sort((first, second) => first.start - second.start));
}

// A module-level function rather than a closure per call: run under tsx, every named closure
// is also renamed with defineProperty, which cost a third of this file's time.
function collectCues(
  cues: HedgeCue[],
  pattern: RegExp,
  isFrame: boolean,
  segment: Segment,
  quotedSpans: readonly Span[],
): void {
  for (const match of matchesIn(pattern, segment.text)) {
    const start = segment.start + match.index;
    const end = start + match[0].length;
    const isQuoted = quotedSpans.some((quoted) => quoted.start <= start && end <= quoted.end);
    cues.push({ start, end, isFrame, isQuoted });
  }
}

/** Keeps the first of overlapping cues ("appears to" and "appears"), so each word is explained once. */
function dropOverlaps(sortedCues: HedgeCue[]): HedgeCue[] {
  const kept: HedgeCue[] = [];
  for (const cue of sortedCues) {
    const previous = kept.at(-1);
    if (previous && cue.start < previous.end) continue;
    kept.push(cue);
  }
  return kept;
}
