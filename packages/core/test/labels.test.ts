import { describe, expect, it } from 'vitest';
import { contrastRatio, defaultLabels } from '../src/labels.ts';

describe('defaultLabels', () => {
  it('has the three provenance labels with hotkeys 1, 2 and 3', () => {
    expect(defaultLabels.map((label) => [label.key, label.hotkey])).toEqual([
      ['kcna_claim', '1'],
      ['observer_inference', '2'],
      ['reported_fact', '3'],
    ]);
  });

  it('uses colours on which white text meets WCAG AA contrast', () => {
    for (const label of defaultLabels) {
      expect(contrastRatio('#ffffff', label.color)).toBeGreaterThanOrEqual(4.5);
    }
  });
});

describe('contrastRatio', () => {
  it('is 21 for black on white and 1 for equal colours', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
  });
});
