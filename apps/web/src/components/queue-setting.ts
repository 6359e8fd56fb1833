// What the settings say about the active queue's model: whether the queue can order by it yet.
import type { SuggestionModelStatus } from '@attest/core';

/** One sentence on the model the queue would order by, true to what the server does. */
export function describeQueueModel(status: SuggestionModelStatus): string {
  const { model, minGoldSentences, goldSentences } = status;
  if (!model)
    return `No model yet (the project has ${goldSentences} gold sentences): the queue keeps the usual order, oldest first, until a model has learned from ${minGoldSentences}.`;
  if (!model.decides)
    return `The model (version ${model.version}) has learned from ${model.goldSentences} gold sentences: the queue keeps the usual order, oldest first, until a model has learned from ${minGoldSentences}.`;
  return `Orders by the model version ${model.version}, learned from ${model.goldSentences} gold sentences.`;
}
