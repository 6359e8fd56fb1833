import { describe, expect, it } from 'vitest';
import { carriedByText, firstAppearanceText } from './format.ts';

const occurrence = (outlet: string | null, title: string, publishedAt: string | null) => ({
  outlet,
  title,
  publishedAt,
});

function claimOf(occurrences: ReturnType<typeof occurrence>[]) {
  const outlets = new Set(occurrences.flatMap((item) => (item.outlet ? [item.outlet] : [])));
  return {
    documentCount: occurrences.length,
    outletCount: outlets.size,
    documentsWithoutOutlet: occurrences.filter((item) => !item.outlet).length,
    firstOccurrence: occurrences[0]!,
    occurrences,
  };
}

describe('carriedByText', () => {
  it('counts named outlets and says how many documents have none, rather than counting them as outlets', () => {
    const claim = claimOf([
      occurrence('Wire One', 'A', '2031-03-02T00:00:00Z'),
      occurrence('Wire One', 'B', '2031-03-03T00:00:00Z'),
      occurrence(null, 'notes.txt', null),
    ]);
    expect(carriedByText(claim)).toBe(
      'Carried by 3 documents from 1 outlet and 1 document without an outlet',
    );
    expect(carriedByText(claimOf([occurrence('Wire One', 'A', null), occurrence('Herald', 'B', null)]))).toBe(
      'Carried by 2 documents from 2 outlets',
    );
    expect(carriedByText(claimOf([occurrence(null, 'a.txt', null), occurrence(null, 'b.txt', null)]))).toBe(
      'Carried by 2 documents, none with an outlet',
    );
  });
});

describe('firstAppearanceText', () => {
  it('says published only for a dated first occurrence, and how many occurrences are undated', () => {
    expect(
      firstAppearanceText(
        claimOf([
          occurrence('Wire One', 'A', '2031-03-02T12:00:00Z'),
          occurrence('Herald', 'B', '2031-03-04T12:00:00Z'),
        ]),
      ),
    ).toBe('First published: Wire One, Mar 2, 2031');
    expect(
      firstAppearanceText(
        claimOf([occurrence('Wire One', 'A', '2031-03-02T12:00:00Z'), occurrence(null, 'b.txt', null)]),
      ),
    ).toBe('First published: Wire One, Mar 2, 2031 (of the dated ones; 1 occurrence undated)');
    expect(
      firstAppearanceText(claimOf([occurrence(null, 'a.txt', null), occurrence(null, 'b.txt', null)])),
    ).toBe('No publication dates; first imported: a.txt (no outlet)');
  });
});
