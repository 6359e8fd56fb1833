// Rules and the project's model together: the model decides a sentence only when the project
// has enough gold and the model is sure; otherwise the rules do. Either way the suggestion says
// what the model thought and why, so the editor can show it beside the rules' cues.
import type { Suggestion } from '../schemas.ts';
import type { Segment } from '../segment-types.ts';
import { detectOutlet } from '../suggest/outlet.ts';
import { describeFeature, type FeatureOptions, type SentenceContext, sentenceFeatures } from './features.ts';
import type { LoadedModel } from './model.ts';
import { minGoldSentences, minModelProbability } from './thresholds.ts';

export interface CombineOptions extends FeatureOptions {
  /** Below this many gold sentences the model is not consulted at all: the rules alone decide. */
  minGoldSentences: number;
  /** The model decides a sentence only when its label's probability reaches this. */
  minProbability: number;
}

/**
 * Chosen on the learning curve (docs/suggestions.md, on the same real articles it reports, so
 * not a held-out choice): with 100 gold sentences the model still lost a little to the rules
 * on held-out outlets, from 200 on it won; at 0.9 it overrode the rules mostly where it was right.
 */
export const defaultCombineOptions: CombineOptions = {
  minGoldSentences,
  minProbability: minModelProbability,
};

/** A stored model and its version in the project. */
export interface ProjectModel {
  version: number;
  model: LoadedModel;
}

/** Where a list of segments sits: its document's outlet, and the position of its first segment. */
export interface SegmentPlace {
  /** The outlet as the project records it; else (undefined) read from the dateline of `text`. */
  outlet?: string | null | undefined;
  /** The first segment's position in its document: a page of a long document starts later. */
  firstPosition?: number | undefined;
}

/**
 * The model's reading of each non-boilerplate segment: its context, in document order. The
 * position counts segments from the top of the document, so a page reads as the whole does.
 */
export function sentenceContexts(
  text: string,
  segments: readonly Segment[],
  suggestions: readonly (Suggestion | null)[],
  place: SegmentPlace = {},
): (SentenceContext | null)[] {
  const outlet = place.outlet === undefined ? detectOutlet(text) : place.outlet;
  const firstPosition = place.firstPosition ?? 0;
  let previous: Suggestion | null = null;
  return segments.map((segment, index) => {
    const suggestion = suggestions[index];
    if (segment.kind === 'boilerplate' || !suggestion || suggestion.label === null) return null;
    const context: SentenceContext = {
      text,
      segment,
      suggestion,
      previous,
      segmentPosition: firstPosition + index,
      outlet,
    };
    previous = suggestion;
    return context;
  });
}

/**
 * The rules' suggestions with the model's reading added, and its label where it decides. A
 * segment without a suggestion (null) keeps none.
 */
export function combineSuggestions<RuleSuggestion extends Suggestion | null>(
  text: string,
  segments: readonly Segment[],
  ruleSuggestions: readonly RuleSuggestion[],
  projectModel: ProjectModel | null,
  options: CombineOptions = defaultCombineOptions,
  place: SegmentPlace = {},
): (RuleSuggestion | Suggestion)[] {
  if (!projectModel || projectModel.model.model.goldSentences < options.minGoldSentences)
    return [...ruleSuggestions];
  const contexts = sentenceContexts(text, segments, ruleSuggestions, place);
  return ruleSuggestions.map((suggestion, index) => {
    const context = contexts[index];
    return context
      ? withModel(context.suggestion, sentenceFeatures(context, options), projectModel, options)
      : suggestion;
  });
}

function withModel(
  suggestion: Suggestion,
  features: readonly string[],
  { version, model }: ProjectModel,
  options: CombineOptions,
): Suggestion {
  const prediction = model.predict(features);
  const isDecided = prediction.probability >= options.minProbability;
  const described = (pulls: typeof prediction.for) =>
    pulls.map((pull) => ({ ...pull, description: describeFeature(pull.feature) }));
  const learned = {
    modelVersion: version,
    goldSentences: model.model.goldSentences,
    decided: isDecided,
    label: prediction.label,
    probability: Math.round(prediction.probability * 1000) / 1000,
    margin: Math.round(topTwoMargin(prediction.probabilities) * 1000) / 1000,
    rule: suggestion.rule,
    ruleLabel: suggestion.label,
    for: described(prediction.for),
    against: described(prediction.against),
  };
  if (!isDecided) return { ...suggestion, learned };
  return {
    ...suggestion,
    label: prediction.label,
    // Rounded down, as the editor shows it: a 99.6% model is not "100%".
    confidence: Math.floor(prediction.probability * 100) / 100,
    // The rules' cues stay when the model agrees; on another label they would explain the wrong one.
    cues: prediction.label === suggestion.label ? suggestion.cues : [],
    source: prediction.label === suggestion.label ? suggestion.source : null,
    rule: modelRuleId(version),
    learned,
  };
}

/** The likeliest label's probability minus the second likeliest's (1 with a single label). */
function topTwoMargin(probabilities: Readonly<Record<string, number>>): number {
  const [first = 0, second = 0] = Object.values(probabilities).sort((a, b) => b - a);
  return first - second;
}

/** The `rule` of a suggestion the model decided; suggestion versions start with it. */
export function modelRuleId(version: number): string {
  return `model-v${version}`;
}
