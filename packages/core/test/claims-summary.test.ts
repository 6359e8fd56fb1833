import { describe, expect, it } from 'vitest';
import type { ClaimOccurrence } from '../src/claims/api-types.ts';
import { labelFromOtherOccurrences, outletAttributions, summarizeClaims } from '../src/claims/summarize.ts';

function occurrence(documentId: string, outlet: string | null, publishedAt: string | null): ClaimOccurrence {
  return {
    linkId: `link-${documentId}`,
    sentenceId: `sentence-${documentId}`,
    documentId,
    position: 0,
    text: 'The launch was reported.',
    title: `${documentId}.txt`,
    outlet,
    publishedAt,
    tier: 'suggested',
    score: 0.8,
    attribution: 'none',
    label: null,
    matchedWords: [],
    numbers: { agreeing: [], conflicting: [] },
  };
}

describe('summarizeClaims', () => {
  it('counts named outlets once each and documents without an outlet apart, never as outlets', () => {
    const [claim] = summarizeClaims(
      new Map([
        [
          'claim-1',
          [
            occurrence('a', 'Wire One', '2031-03-02T00:00:00Z'),
            occurrence('b', 'Wire One', '2031-03-03T00:00:00Z'),
            occurrence('c', null, null),
            occurrence('d', null, null),
          ],
        ],
      ]),
    );
    expect(claim).toMatchObject({ documentCount: 4, outletCount: 1, documentsWithoutOutlet: 2 });
  });

  it('leaves out a claim only one document carries', () => {
    expect(summarizeClaims(new Map([['claim-1', [occurrence('a', 'Wire One', null)]]]))).toEqual([]);
  });

  it('lists an article without an outlet under its title marked as such, not as an outlet', () => {
    const claims = summarizeClaims(
      new Map([
        [
          'claim-1',
          [{ ...occurrence('a', 'Wire One', null), attribution: 'kcna' }, occurrence('b', null, null)],
        ],
      ]),
    );
    expect(outletAttributions(claims)).toEqual([
      { outlet: 'b.txt (no outlet)', attributed: 0, unattributed: 1 },
      { outlet: 'Wire One', attributed: 1, unattributed: 0 },
    ]);
  });
});

describe('labelFromOtherOccurrences', () => {
  const labelled = (documentId: string, label: string | null) => ({
    ...occurrence(documentId, null, null),
    label,
  });

  it("offers the label the other occurrences carry most, never counting the sentence's own", () => {
    const claim = {
      occurrences: [
        labelled('a', 'reported_fact'),
        labelled('b', 'reported_fact'),
        labelled('c', 'kcna_claim'),
        labelled('d', null),
      ],
    };
    // For a: b says reported fact, c KCNA claim, d nothing; a tie goes to the first key.
    expect(labelFromOtherOccurrences(claim, 'sentence-a')).toEqual({
      label: 'kcna_claim',
      count: 1,
      total: 3,
    });
    expect(labelFromOtherOccurrences(claim, 'sentence-d')).toEqual({
      label: 'reported_fact',
      count: 2,
      total: 3,
    });
  });

  it('offers nothing when only the sentence itself is labelled', () => {
    const claim = { occurrences: [labelled('a', 'reported_fact'), labelled('b', null)] };
    expect(labelFromOtherOccurrences(claim, 'sentence-a')).toBeNull();
    expect(labelFromOtherOccurrences(claim, 'sentence-b')).toEqual({
      label: 'reported_fact',
      count: 1,
      total: 1,
    });
  });
});
