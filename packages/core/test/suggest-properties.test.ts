// Robustness: suggest() takes whatever segment() makes of arbitrary text and never breaks the
// Suggestion contract.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { suggestionSchema } from '../src/schemas.ts';
import { segment } from '../src/segment/index.ts';
import { suggest, withAttributionCues } from '../src/suggest/index.ts';

/** Arbitrary Unicode mixed with the words the rules react to, so rules fire on odd input too. */
const newsLikeText = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom(
        'The KCNA said ',
        'state media reported',
        'It added ',
        ' she said. ',
        '"',
        '“',
        '”',
        ', according to the JCS.',
        'Analysts said ',
        'apparently ',
        'may ',
        'Kim ',
        'Kim Yo-jong',
        'North Korea said',
        '\n\n',
        '. ',
        'Source: Yonhap News Agency',
        '(Yonhap) -- ',
        'During the visit, ',
        ': JCS',
      ),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('suggest (properties)', () => {
  it('never throws and keeps the contract on arbitrary text segmented by segment()', () => {
    fc.assert(
      fc.property(newsLikeText, (text) => {
        const segments = segment(text);
        const suggestions = suggest(text, segments);
        expect(suggestions).toHaveLength(segments.length);
        for (const [index, suggestion] of suggestions.entries()) {
          const owner = segments[index]!;
          suggestionSchema.parse(suggestion);
          expect(suggestion.confidence).toBeGreaterThanOrEqual(0);
          expect(suggestion.confidence).toBeLessThanOrEqual(1);
          if (owner.kind === 'boilerplate') expect(suggestion.label).toBeNull();
          else expect(suggestion.label).not.toBeNull();
          for (const cue of suggestion.cues) {
            expect(cue.start).toBeGreaterThanOrEqual(owner.start);
            expect(cue.end).toBeLessThanOrEqual(owner.end);
            expect(cue.end).toBeGreaterThan(cue.start);
            expect(cue.text).toBe(text.slice(cue.start, cue.end));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(newsLikeText, (text) => {
        const segments = segment(text);
        expect(suggest(text, segments)).toEqual(suggest(text, segments));
      }),
      { numRuns: 100 },
    );
  });

  // Imports store the rules' suggestions and add the attribution cues afterwards: the two steps
  // must give what one call with `attributions: true` gives, cue for cue and in the same order.
  it('adds the same attribution cues in two steps as in one', () => {
    fc.assert(
      fc.property(newsLikeText, (text) => {
        const segments = segment(text);
        expect(withAttributionCues(text, segments, suggest(text, segments))).toEqual(
          suggest(text, segments, { attributions: true }),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('returns nothing for no segments', () => {
    expect(suggest('', [])).toEqual([]);
  });

  // Its speed is measured by the benchmarks; here, that a long article gets every suggestion.
  it('suggests for every segment of a long article', () => {
    const paragraph =
      'SEOUL, May 3 (Yonhap) -- North Korea fired a missile, the JCS said. The KCNA said the test was a success. It added that Kim watched. Analysts said the North may test again.\n\n';
    const text = paragraph.repeat(2_000);
    const segments = segment(text);
    const suggestions = suggest(text, segments);
    expect(suggestions).toHaveLength(segments.length);
    expect(suggestions.filter((suggestion) => suggestion.label === 'kcna_claim').length).toBeGreaterThan(0);
  });
});
