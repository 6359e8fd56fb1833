// When the learned model may decide a suggestion, in a module without zod: the web editor
// imports it from `@attest/core/learn-thresholds` to say when rules alone decide.

/** Below this many gold sentences in its model, the rules alone decide (docs/suggestions.md). */
export const minGoldSentences = 200;

/** The model decides a sentence only when its label's probability reaches this. */
export const minModelProbability = 0.9;
