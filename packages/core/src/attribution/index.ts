// The attribution layer: for every attribution in a text, its Source, Cue and Content spans,
// the normalised source entity, and which attribution it nests in.
//
// Approach and sources:
// - The model of an attribution is PARC 3.0's (Pareti, "PARC 3.0: A Corpus of Attribution
//   Relations", LREC 2016): a SOURCE (who), a CUE (the verb or phrase that attributes: "said",
//   "according to", a colon) and the CONTENT; attributions nest, as the content of one may hold
//   another ("Yonhap: the KCNA said Kim Yo-jong warned …").
// - The spans are found by a tagger LEARNED from PolNeAR train (Newell, Margolin & Ruths,
//   "An Attribution Relations Corpus for Political News", LREC 2018; 840 articles): BIO tags
//   over tokens, features in features.ts (the word and its neighbours, a crude stem, shape,
//   quotation marks, the suggestion lexicon's reporting verbs nearby), scored by an averaged
//   structured perceptron (Collins, EMNLP 2002) and decoded with Viterbi (tagger.ts; the
//   features are scored from per-word sums of their weights, feature-rows.ts, and word pairs
//   from one table, pair-rows.ts). Only its weights are committed (weights.json: feature names
//   and numbers, no article text); `pnpm attest train-attribution ../shared/data/polnear/train`
//   rebuilds them (train.ts).
// - What is NOT learned: grouping spans into attributions (each cue takes the nearest source
//   and content in its sentence, below), the source entity (the suggestion lexicon's names,
//   lexicon.ts, else the span's own words), nesting (an attribution whose cue lies inside
//   another's content is inside it), and the provenance labels, which stay the ordered,
//   explainable rules of ../suggest/rules.ts.
import { findSourceEntries } from '../suggest/sources.ts';
import type { RoleSpan } from './tagger.ts';
import { Tagger, type TaggerWeights } from './tagger.ts';
import weights from './weights.json' with { type: 'json' };

export { type BratDocument, parseBrat } from './brat.ts';
export { countMatches, emptyCounts, formatScores, scoreCounts, scoreDocuments } from './score.ts';
export type { RoleSpan } from './tagger.ts';
export { type Role, roles } from './tags.ts';
export { defaultTrainingOptions, trainTagger } from './train.ts';

interface Span {
  start: number;
  end: number;
}

export interface AttributionRelation {
  source: Span | null;
  cue: Span;
  content: Span | null;
  /** The source normalised ("KCNA" for "the North's official news agency"), or null without a source. */
  entity: string | null;
  /** Index in the same list of the attribution whose content holds this one (Yonhap → KCNA → Kim), or null. */
  parent: number | null;
}

let tagger: Tagger | undefined;

/** Loaded on first use: most callers of @attest/core never tag attributions. */
function sharedTagger(): Tagger {
  tagger ??= new Tagger(weights as TaggerWeights);
  return tagger;
}

/** Source, Cue and Content spans in `[start, end)` of `text`, in order. */
export function attributionSpans(text: string, start = 0, end = text.length): RoleSpan[] {
  return sharedTagger().spans(text, start, end);
}

/** How far (UTF-16 units) a cue may be from its source and content within one stretch of text. */
const reach = 400;

/** The attributions in `[start, end)`: one per cue, with its nearest source and content. */
export function findAttributions(text: string, start = 0, end = text.length): AttributionRelation[] {
  const spans = attributionSpans(text, start, end);
  const cues = spans.filter((span) => span.role === 'cue');
  const usedSources = new Set<RoleSpan>();
  const usedContents = new Set<RoleSpan>();
  const attributions: AttributionRelation[] = cues.map((cue) => {
    const source = nearest(spans, cue, 'source', usedSources);
    const content = nearest(spans, cue, 'content', usedContents);
    if (source) usedSources.add(source);
    if (content) usedContents.add(content);
    return {
      source: source && { start: source.start, end: source.end },
      cue: { start: cue.start, end: cue.end },
      content: content && { start: content.start, end: content.end },
      entity: source ? entityOf(text.slice(source.start, source.end)) : null,
      parent: null,
    };
  });
  // PolNeAR marks each token with one role only, so an inner attribution's words are cut out
  // of the outer content: the outer one's reach is from its cue to the end of its content.
  for (const [index, attribution] of attributions.entries()) {
    const parent = attributions.findIndex(
      (other, otherIndex) =>
        otherIndex !== index &&
        other.content !== null &&
        Math.min(other.cue.start, other.content.start) < attribution.cue.start &&
        attribution.cue.end <= Math.max(other.cue.end, other.content.end),
    );
    attribution.parent = parent >= 0 ? parent : null;
  }
  return attributions;
}

/** The closest unused span of `role` around `cue`, with nothing but white space or punctuation rules. */
function nearest(spans: readonly RoleSpan[], cue: RoleSpan, role: RoleSpan['role'], used: Set<RoleSpan>) {
  let best: RoleSpan | null = null;
  let bestDistance = reach;
  for (const span of spans) {
    if (span.role !== role || used.has(span)) continue;
    const distance = span.end <= cue.start ? cue.start - span.end : span.start - cue.end;
    if (distance >= 0 && distance < bestDistance) {
      best = span;
      bestDistance = distance;
    }
  }
  return best;
}

/** Entities by source text: the same few sources ("he", "the KCNA") recur in every article. */
const entitiesBySourceText = new Map<string, string>();
/** A bound on the cache, so that rare sources cannot grow it without end. */
const entityCacheLimit = 20_000;

/** The lexicon's name for a known source ("KCNA", "JCS"), else the span without its article. */
function entityOf(sourceText: string): string {
  let entity = entitiesBySourceText.get(sourceText);
  if (entity === undefined) {
    entity = uncachedEntityOf(sourceText);
    if (entitiesBySourceText.size < entityCacheLimit) entitiesBySourceText.set(sourceText, entity);
  }
  return entity;
}

function uncachedEntityOf(sourceText: string): string {
  const known = findSourceEntries(sourceText).find((match) => match.entry.name !== null);
  if (known?.entry.name) return known.entry.name;
  return sourceText.replace(/\s+/g, ' ').replace(/^(?:the|a|an)\s+/i, '');
}
