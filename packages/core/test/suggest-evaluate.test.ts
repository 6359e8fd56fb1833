import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../src/schemas.ts';
import { evaluateSuggestions, formatEvaluationTable, type GoldSentence } from '../src/suggest/evaluate.ts';

function gold(label: string | null, ambiguous = false): GoldSentence {
  return { start: 0, end: 1, text: 'x', kind: label === null ? 'boilerplate' : 'sentence', label, ambiguous };
}

function suggested(label: string | null): Suggestion {
  return { label, confidence: 0.5, source: null, chain: [], cues: [], rule: 'test' };
}

describe('evaluateSuggestions', () => {
  it('computes accuracy and per-label precision, recall and support', () => {
    const report = evaluateSuggestions(
      [gold('kcna_claim'), gold('kcna_claim'), gold('reported_fact'), gold('observer_inference')],
      [
        suggested('kcna_claim'),
        suggested('reported_fact'),
        suggested('reported_fact'),
        suggested('observer_inference'),
      ],
    );
    expect(report).toMatchObject({ accuracy: 0.75, correct: 3, total: 4 });
    expect(report.perLabel['kcna_claim']).toMatchObject({
      precision: 1,
      recall: 0.5,
      support: 2,
      predicted: 1,
    });
    expect(report.perLabel['reported_fact']).toMatchObject({
      precision: 0.5,
      recall: 1,
      support: 1,
      predicted: 2,
    });
    expect(report.misses).toHaveLength(1);
  });

  it('leaves ambiguous sentences and boilerplate out of every figure', () => {
    const report = evaluateSuggestions(
      [gold('kcna_claim', true), gold(null), gold('reported_fact')],
      [suggested('reported_fact'), suggested(null), suggested('reported_fact')],
    );
    expect(report).toMatchObject({ accuracy: 1, correct: 1, total: 1 });
    expect(report.perLabel['reported_fact']).toMatchObject({ predicted: 1, support: 1 });
  });

  it('refuses to compare lists of different lengths', () => {
    expect(() => evaluateSuggestions([gold('kcna_claim')], [])).toThrow(/one suggestion per gold sentence/);
  });
});

describe('formatEvaluationTable', () => {
  it('renders accuracy and one Markdown row per label', () => {
    const table = formatEvaluationTable(
      'demo',
      evaluateSuggestions([gold('kcna_claim')], [suggested('kcna_claim')]),
    );
    expect(table).toContain('demo: accuracy 100.0% (1/1)');
    expect(table).toContain('| kcna_claim | 100.0% | 100.0% | 1 | 1 |');
  });
});
