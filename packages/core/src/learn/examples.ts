// Gold sentences of one document turned into training examples: the rules' suggestions are
// computed on the stored segments first, since the features include what the rules said.
import type { Segment } from '../segment-types.ts';
import { suggest } from '../suggest/index.ts';
import { sentenceContexts } from './combine.ts';
import { type FeatureOptions, sentenceFeatures } from './features.ts';
import type { TrainingExample } from './model.ts';

export interface GoldDocument {
  text: string;
  segments: readonly Segment[];
  /** The gold label of each segment, in order; null where there is none (yet). */
  goldLabels: readonly (string | null)[];
  /** The outlet as the project records it; else read from the dateline. */
  outlet?: string | null;
}

/** One example per segment with a gold label. */
export function trainingExamples(document: GoldDocument, options: FeatureOptions = {}): TrainingExample[] {
  const suggestions = suggest(document.text, document.segments);
  const contexts = sentenceContexts(document.text, document.segments, suggestions, {
    outlet: document.outlet,
  });
  return contexts.flatMap((context, index) => {
    const label = document.goldLabels[index];
    return context && label ? [{ features: sentenceFeatures(context, options), label }] : [];
  });
}
