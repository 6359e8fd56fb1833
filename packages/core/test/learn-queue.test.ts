// The active queue's order: disagreements of the model and the rules first, then the smallest
// margin between the model's two likeliest labels; a document goes where its first sentence does.
import { describe, expect, it } from 'vitest';
import {
  combineSuggestions,
  compareQueueReadings,
  documentQueueReading,
  LoadedModel,
  type QueueReading,
  queueReading,
  type SuggestionModel,
} from '../src/learn/index.ts';
import { segment } from '../src/segment/index.ts';
import { suggest } from '../src/suggest/index.ts';

const agreeing = (margin: number): QueueReading => ({ disagrees: false, margin });
const disagreeing = (margin: number): QueueReading => ({ disagrees: true, margin });

describe('compareQueueReadings', () => {
  it('puts a disagreement first, then the smaller margin, and what the model did not read last', () => {
    const readings = [agreeing(0.7), null, disagreeing(0.9), agreeing(0.1)];
    expect([...readings].sort(compareQueueReadings)).toEqual([
      disagreeing(0.9),
      agreeing(0.1),
      agreeing(0.7),
      null,
    ]);
  });
});

describe('documentQueueReading', () => {
  it('takes the reading of its sentence that comes first, and counts its disagreements', () => {
    expect(documentQueueReading([agreeing(0.2), disagreeing(0.8), disagreeing(0.6), null])).toEqual({
      first: disagreeing(0.6),
      disagreements: 2,
    });
    expect(documentQueueReading([null, null])).toEqual({ first: null, disagreements: 0 });
  });
});

describe('the margin on a suggestion the model read', () => {
  it("is the model's probability for its label minus the next likeliest label's", () => {
    const stored: SuggestionModel = {
      format: 1,
      labels: ['kcna_claim', 'observer_inference', 'reported_fact'],
      goldSentences: 200,
      features: ['word=murky'],
      weights: [1, 0, -1],
      bias: [0, -2, 0.5],
    };
    const text = 'The murky picture of the talks remained.';
    const segments = segment(text);
    const [combined] = combineSuggestions(text, segments, suggest(text, segments), {
      version: 1,
      model: new LoadedModel(stored),
    });
    const probabilities = new LoadedModel(stored).predict(['word=murky']).probabilities;
    const [first = 0, second = 0] = Object.values(probabilities).sort((a, b) => b - a);
    expect(combined?.learned?.margin).toBeCloseTo(first - second, 2);
    expect(queueReading(combined)).toEqual({
      disagrees: combined?.learned?.label !== combined?.learned?.ruleLabel,
      margin: combined?.learned?.margin,
    });
  });
});
