import type { SuggestionModelStatus } from '@attest/core';
import { describe, expect, it } from 'vitest';
import { describeQueueModel } from './queue-setting.ts';

const status: SuggestionModelStatus = {
  goldSentences: 12,
  minGoldSentences: 200,
  minProbability: 0.9,
  retrainAfterGoldLabels: 25,
  model: null,
  acceptedByDecider: [],
};
const model = {
  version: 2,
  goldSentences: 150,
  trainingMilliseconds: 40,
  trainedAt: '2026-12-01T10:00:00.000Z',
};

describe('describeQueueModel', () => {
  it('says the usual order holds without a model, or with one that learned from too little gold', () => {
    expect(describeQueueModel(status)).toBe(
      'No model yet (the project has 12 gold sentences): the queue keeps the usual order, oldest first, until a model has learned from 200.',
    );
    expect(describeQueueModel({ ...status, model: { ...model, decides: false } })).toBe(
      'The model (version 2) has learned from 150 gold sentences: the queue keeps the usual order, oldest first, until a model has learned from 200.',
    );
  });

  it('names the model it orders by', () => {
    expect(describeQueueModel({ ...status, model: { ...model, goldSentences: 240, decides: true } })).toBe(
      'Orders by the model version 2, learned from 240 gold sentences.',
    );
  });
});
