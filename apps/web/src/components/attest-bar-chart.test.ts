// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mount, textOf } from '../test/mount.ts';
import './attest-bar-chart.ts';

describe('attest-bar-chart', () => {
  it("keeps the legend and the table's columns in the given order, whatever the first bar holds", async () => {
    const element = await mount('attest-bar-chart', {
      heading: 'Sentences per gold label in each document',
      groupName: 'Document',
      seriesOrder: ['Claim', 'Fact', 'Unlabelled'],
      segments: [
        { group: 'Quiet day', series: 'Unlabelled', value: 2, color: '#d0d5dd' },
        { group: 'Busy day', series: 'Fact', value: 3, color: '#067647' },
        { group: 'Busy day', series: 'Claim', value: 1, color: '#1570ef' },
        { group: 'Busy day', series: 'Odd one', value: 1, color: '#667085' },
      ],
    });
    const root = element.shadowRoot;
    const headings = [...(root?.querySelectorAll('thead th') ?? [])].map(textOf);
    expect(headings).toEqual(['Document', 'Claim', 'Fact', 'Unlabelled', 'Odd one', 'Total']);
    const legend = [...(root?.querySelectorAll('.legend li') ?? [])].map(textOf);
    expect(legend).toEqual(['Claim', 'Fact', 'Unlabelled', 'Odd one']);
    const rows = [...(root?.querySelectorAll('tbody tr') ?? [])].map((row) => [...row.children].map(textOf));
    expect(rows).toEqual([
      ['Quiet day', '0', '0', '2', '0', '2'],
      ['Busy day', '1', '3', '0', '1', '5'],
    ]);
  });
});
