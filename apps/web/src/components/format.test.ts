import { describe, expect, it } from 'vitest';
import { carriedByText, firstAppearanceText, formatPublishedTime, formatUtcDay } from './format.ts';

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

describe('publication dates', () => {
  it('are UTC days, so a date given alone is its own day in every time zone', () => {
    expect(formatUtcDay('2031-03-04T00:00:00.000Z')).toBe('Mar 4, 2031');
    expect(formatUtcDay('2031-03-04T23:59:00.000Z')).toBe('Mar 4, 2031');
    expect(formatUtcDay('2031-03-04')).toBe('Mar 4, 2031');
    // A week as the database names it, the same day east of UTC+12 too.
    expect(formatUtcDay('2026-11-30')).toBe('Nov 30, 2026');
    expect(formatUtcDay(null)).toBe('');
    expect(formatUtcDay('not a date')).toBe('');
  });

  it('show the time of day in UTC where one was given, and the day alone for a UTC midnight', () => {
    expect(formatPublishedTime('2031-03-02T23:30:00.000Z')).toBe('Mar 2, 2031, 23:30 UTC');
    expect(formatPublishedTime('2031-03-02T03:05:00+09:00')).toBe('Mar 1, 2031, 18:05 UTC');
    expect(formatPublishedTime('2031-03-04T00:00:00.000Z')).toBe('Mar 4, 2031');
    expect(formatPublishedTime(undefined)).toBe('');
  });
});
