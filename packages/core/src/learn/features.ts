// The features the per-project model learns from, each a name an analyst can read back: the
// rules' verdict and cues, the attribution layer's sources and reporting verbs, words and word
// pairs, the previous sentence's suggested label and source, position and outlet.
import { findAttributions } from '../attribution/index.ts';
import type { Suggestion } from '../schemas.ts';
import type { Segment } from '../segment-types.ts';

/** One sentence as the model sees it, with what the rules said about it and its neighbour. */
export interface SentenceContext {
  /** The whole document text: attribution spans are offsets into it. */
  text: string;
  segment: Segment;
  /** The rules' suggestion for this sentence. */
  suggestion: Suggestion;
  /**
   * The rules' suggestion for the sentence before, or null for the first one. The rules' label,
   * not the gold one, so the feature means the same at training time and when suggesting.
   */
  previous: Suggestion | null;
  /** The segment's position in its document: 0 for the first (usually the headline). */
  segmentPosition: number;
  outlet: string | null;
}

const wordPattern = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;
/** Words no sentence needs to be told apart by, on their own (pairs keep them: "monitored in"). */
const stopWords = new Set([
  'the',
  'a',
  'an',
  'of',
  'to',
  'in',
  'and',
  'on',
  'for',
  'at',
  'by',
  'with',
  'as',
  'is',
  'was',
]);

/** Sentences with one of these may hold an attribution the tagger could find (as in suggest()). */
const attributionTrigger =
  /["“”:]|\b(?:said|says|say|told|tells|according|added|adds|reported|reports|stated|claimed|claims|warned|wrote|noted|announced|argued|believes?|thinks?|asked|explained|insisted|accused|called|urged|denied|confirmed|described|suggested|tweeted|quoted)\b/;

export interface FeatureOptions {
  /** Tag the sentence with the attribution layer (the learned span tagger); on by default. */
  attributions?: boolean;
}

/** The distinct feature names of one sentence. */
export function sentenceFeatures(context: SentenceContext, options: FeatureOptions = {}): string[] {
  const { segment, suggestion, previous } = context;
  const features = new Set<string>();
  features.add(`rule=${suggestion.rule}`);
  features.add(`rules-say=${suggestion.label ?? 'none'}`);
  features.add(`source=${suggestion.source ?? 'none'}`);
  for (const cue of suggestion.cues) features.add(`cue-${cue.kind}=${normalise(cue.text)}`);
  features.add(`previous-label=${previous?.label ?? 'none'}`);
  features.add(`previous-source=${previous?.source ?? 'none'}`);
  features.add(`position=${positionOf(segment, context.segmentPosition)}`);
  if (context.outlet) features.add(`outlet=${context.outlet}`);

  if (options.attributions !== false && attributionTrigger.test(segment.text)) {
    for (const attribution of findAttributions(context.text, segment.start, segment.end)) {
      features.add(`attributed-to=${attribution.entity ?? 'nobody named'}`);
      features.add(
        `attribution-cue=${normalise(context.text.slice(attribution.cue.start, attribution.cue.end))}`,
      );
    }
  }

  const words = Array.from(
    segment.text.toLowerCase().replace(/’/g, "'").matchAll(wordPattern),
    (match) => match[0],
  );
  for (const [index, word] of words.entries()) {
    if (!stopWords.has(word)) features.add(`word=${word}`);
    const next = words[index + 1];
    if (next) features.add(`pair=${word} ${next}`);
  }
  return [...features];
}

function positionOf(segment: Segment, segmentPosition: number): string {
  if (segment.kind === 'headline') return 'headline';
  if (segmentPosition <= 1) return 'lead';
  return segmentPosition <= 3 ? 'early' : 'later';
}

function normalise(cueText: string): string {
  return cueText.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ').trim();
}

/** A feature name in words an analyst understands: "'monitored in'", "the rules say kcna_claim". */
export function describeFeature(name: string): string {
  const separator = name.indexOf('=');
  const kind = name.slice(0, separator);
  const value = name.slice(separator + 1);
  switch (kind) {
    case 'word':
    case 'pair':
      return `'${value}'`;
    case 'rule':
      return `rule ${value}`;
    case 'rules-say':
      return value === 'none' ? 'the rules suggest no label' : `the rules suggest ${value}`;
    case 'source':
      return value === 'none' ? 'no source named' : `source ${value}`;
    case 'previous-label':
      return value === 'none' ? 'first sentence' : `previous sentence ${value}`;
    case 'previous-source':
      return value === 'none' ? 'previous sentence without a source' : `previous sentence's source ${value}`;
    case 'position':
      return value === 'headline' ? 'a headline' : `${value} in the article`;
    case 'outlet':
      return `outlet ${value}`;
    case 'attributed-to':
      return `attributed to ${value}`;
    case 'attribution-cue':
      return `reporting cue '${value}'`;
    default:
      // A cue of the rules (cue-hedge, cue-reporting_verb, cue-source…), or a feature of an older model.
      return `${kind.replace(/^cue-/, '').replace(/_/g, ' ')} '${value}'`;
  }
}
