// Suggestions that learn from a project's own gold: a logistic regression over readable
// features (features.ts, model.ts), combined with the rules so the model decides only where it
// is sure and has learned from enough gold (combine.ts), and the learning curve that shows it
// helps (replay.ts). See docs/suggestions.md, "What is learned".

export {
  type DocumentQueue,
  documentQueueSchema,
  type SuggestionModelStatus,
  suggestionModelStatusSchema,
} from './api-types.ts';
export {
  type CombineOptions,
  combineSuggestions,
  defaultCombineOptions,
  modelRuleId,
  type ProjectModel,
  type SegmentPlace,
  sentenceContexts,
} from './combine.ts';
export { type GoldDocument, trainingExamples } from './examples.ts';
export { describeFeature, type SentenceContext, sentenceFeatures } from './features.ts';
export {
  defaultTrainingOptions as defaultModelTrainingOptions,
  type FeaturePull,
  LoadedModel,
  type Prediction,
  type SuggestionModel,
  type TrainingExample,
  type TrainingOptions as ModelTrainingOptions,
  trainModel,
} from './model.ts';
export {
  compareQueueReadings,
  type DocumentQueueReading,
  documentQueueReading,
  inQueueOrder,
  type QueueReading,
  queueReading,
} from './queue.ts';
export { type CurvePoint, learningCurve, type ReplayArticle, type Score, score } from './replay.ts';
export { minGoldSentences, minModelProbability } from './thresholds.ts';
