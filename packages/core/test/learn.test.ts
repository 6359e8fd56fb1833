// The per-project model: it learns from named features, explains itself with them, and stays
// out of the way (rules decide) until it has enough gold and is sure.
import { describe, expect, it } from 'vitest';
import {
  combineSuggestions,
  describeFeature,
  LoadedModel,
  sentenceContexts,
  sentenceFeatures,
  trainModel,
} from '../src/learn/index.ts';
import { segment } from '../src/segment/index.ts';
import { suggest } from '../src/suggest/index.ts';

const examples = [
  ...Array.from({ length: 30 }, () => ({
    features: ['word=experts', 'word=say'],
    label: 'observer_inference',
  })),
  ...Array.from({ length: 30 }, () => ({ features: ['word=kcna', 'word=say'], label: 'kcna_claim' })),
  ...Array.from({ length: 30 }, () => ({
    features: ['word=ministry', 'word=announced'],
    label: 'reported_fact',
  })),
];

describe('trainModel', () => {
  it('learns which named features go with which label', () => {
    const model = new LoadedModel(trainModel(examples));
    expect(model.predict(['word=experts', 'word=say']).label).toBe('observer_inference');
    expect(model.predict(['word=kcna', 'word=say']).label).toBe('kcna_claim');
    expect(model.predict(['word=ministry']).label).toBe('reported_fact');
  });

  it('explains a prediction by the features that pulled for and against it', () => {
    const model = new LoadedModel(trainModel(examples));
    const prediction = model.predict(['word=experts', 'word=announced']);
    expect(prediction.for.map((pull) => pull.feature)).toContain('word=experts');
    expect(prediction.against.map((pull) => pull.feature)).toContain('word=announced');
    expect(prediction.for[0]!.weight).toBeGreaterThan(0);
    expect(prediction.against[0]!.weight).toBeLessThan(0);
  });

  it('gives the same model for the same gold, and leaves out features seen once', () => {
    const withRareFeature = [...examples, { features: ['word=once'], label: 'kcna_claim' }];
    const first = trainModel(withRareFeature);
    expect(trainModel(withRareFeature)).toEqual(first);
    expect(first.features).not.toContain('word=once');
    expect(first.goldSentences).toBe(91);
  });

  it('refuses to train without gold', () => {
    expect(() => trainModel([])).toThrow(/at least one gold sentence/);
  });
});

describe('sentenceFeatures', () => {
  const text = 'Experts doubt the claim\n\nSEOUL (Yonhap) -- The KCNA said the test was a success.\n';
  const segments = segment(text);
  const contexts = sentenceContexts(text, segments, suggest(text, segments));

  it('reads the rules, the previous sentence, position, outlet, words and pairs', () => {
    const features = sentenceFeatures(contexts[1]!);
    expect(features).toEqual(
      expect.arrayContaining([
        'rules-say=kcna_claim',
        'previous-label=observer_inference',
        'cue-source=the kcna',
        'position=lead',
        'outlet=Yonhap',
        'word=kcna',
        'pair=kcna said',
        'attributed-to=KCNA',
      ]),
    );
  });

  it('describes every feature in words', () => {
    expect(describeFeature('pair=monitored in')).toBe("'monitored in'");
    expect(describeFeature('rules-say=kcna_claim')).toBe('the rules suggest kcna_claim');
    expect(describeFeature('cue-hedge=could')).toBe("hedge 'could'");
    expect(describeFeature('previous-label=none')).toBe('first sentence');
  });
});

describe('combineSuggestions', () => {
  const text = 'SEOUL (Yonhap) -- Experts say the launch was a test.\n';
  const segments = segment(text);
  const rules = suggest(text, segments);
  const trained = (count: number) =>
    new LoadedModel(
      trainModel(
        Array.from({ length: count }, (_, index) => ({
          features: ['word=experts', 'word=launch'],
          label: index % 10 === 0 ? 'observer_inference' : 'reported_fact',
        })),
      ),
    );

  it('leaves the rules alone until the project has enough gold', () => {
    const combined = combineSuggestions(text, segments, rules, { version: 1, model: trained(150) });
    expect(combined).toEqual(rules);
  });

  it('lets a sure model decide and records its version, the rules it overrode and its features', () => {
    const combined = combineSuggestions(text, segments, rules, { version: 3, model: trained(200) });
    const suggestion = combined[0]!;
    expect(rules[0]!.label).toBe('observer_inference');
    expect(suggestion.label).toBe('reported_fact');
    expect(suggestion.rule).toBe('model-v3');
    expect(suggestion.learned).toMatchObject({
      modelVersion: 3,
      goldSentences: 200,
      decided: true,
      rule: rules[0]!.rule,
      ruleLabel: 'observer_inference',
    });
    expect(suggestion.learned!.for.map((pull) => pull.description)).toContain("'launch'");
    expect(suggestion.cues).toEqual([]);
  });

  it('keeps the rules where the model is unsure, saying what the model thought', () => {
    const combined = combineSuggestions(
      text,
      segments,
      rules,
      { version: 3, model: trained(200) },
      { minGoldSentences: 200, minProbability: 0.999 },
    );
    expect(combined[0]).toMatchObject({ label: rules[0]!.label, rule: rules[0]!.rule });
    expect(combined[0]!.learned).toMatchObject({ decided: false, label: 'reported_fact' });
  });
});
