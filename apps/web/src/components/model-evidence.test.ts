import type { Suggestion } from '@attest/core';
import { describe, expect, it } from 'vitest';
import { describeDecider, formatWeight } from './model-evidence.ts';

const ruleSuggestion: Suggestion = {
  label: 'reported_fact',
  confidence: 0.7,
  source: 'ministry',
  chain: ['ministry'],
  cues: [],
  rule: 'official-source',
};
const learned = {
  modelVersion: 3,
  goldSentences: 214,
  decided: true,
  label: 'kcna_claim',
  probability: 0.94,
  margin: 0.9,
  rule: 'official-source',
  ruleLabel: 'reported_fact',
  for: [{ feature: 'pair=monitored in', description: "'monitored in'", weight: 2.14 }],
  against: [{ feature: 'word=experts', description: "'experts'", weight: -1.4 }],
};
const names = (key: string | null) =>
  ({ kcna_claim: 'KCNA claim', reported_fact: 'Reported fact' })[key ?? ''] ?? '–';

describe('describeDecider', () => {
  it('says the rules alone decide until the project has a model with enough gold', () => {
    expect(describeDecider(ruleSuggestion, names).decider).toBe(
      'Decided by the rule official-source. Rules alone decide in this project until its learned model has 200 gold sentences to learn from.',
    );
  });

  it("names the model's version, its gold, the rule it overrode and its strongest features", () => {
    const text = describeDecider(
      { ...ruleSuggestion, label: 'kcna_claim', rule: 'model-v3', learned },
      names,
    );
    expect(text.decider).toBe(
      "Decided by the project's model (version 3, learned from 214 gold sentences in this project), 94% sure. The rule official-source said Reported fact.",
    );
    expect(text.pullsFor).toEqual(["'monitored in' +2.1"]);
    expect(text.pullsAgainst).toEqual(["'experts' −1.4"]);
  });

  it('says the rule decided when the model was not sure enough', () => {
    const text = describeDecider(
      { ...ruleSuggestion, learned: { ...learned, decided: false, probability: 0.61, margin: 0.3 } },
      names,
    );
    expect(text.decider).toMatch(
      /^Decided by the rule official-source: .* leaned to KCNA claim but was only 61% sure\.$/,
    );
  });
});

describe('formatWeight', () => {
  it('signs weights with a plus or a real minus', () => {
    expect(formatWeight(2.14)).toBe('+2.1');
    expect(formatWeight(-0.05)).toBe('−0.1');
  });
});
