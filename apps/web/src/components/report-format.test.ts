import { describe, expect, it } from 'vitest';
import { orderedLegend } from './report-format.ts';

describe('orderedLegend', () => {
  it('lists the labels in the project’s order, whatever order the sentences come in', () => {
    const cells = [
      { name: 'Reported fact', color: '#3' },
      { name: '(unlabelled)', color: '#9' },
      { name: 'KCNA claim', color: '#1' },
      { name: 'Reported fact', color: '#3' },
      { name: 'Observer inference', color: '#2' },
    ];
    const order = ['KCNA claim', 'Observer inference', 'Reported fact'];
    expect(orderedLegend(cells, order)).toEqual([
      { name: 'KCNA claim', color: '#1', count: 1 },
      { name: 'Observer inference', color: '#2', count: 1 },
      { name: 'Reported fact', color: '#3', count: 2 },
      { name: '(unlabelled)', color: '#9', count: 1 },
    ]);
  });
});
