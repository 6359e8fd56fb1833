// The tagger's tokenizer reads ASCII by hand for speed; these tests hold it to the pattern that
// defines a token, on texts mixing ASCII, joiners, letters beyond ASCII and other white space.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Token, tokenize } from '../src/attribution/tokens.ts';

/** The definition: every match of the pattern that starts before `end`. */
function patternTokens(text: string, start = 0, end = text.length): Token[] {
  const pattern = /[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*|[^\s]/gu;
  pattern.lastIndex = start;
  const tokens: Token[] = [];
  for (let match = pattern.exec(text); match && match.index < end; match = pattern.exec(text))
    tokens.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  return tokens;
}

const pieces = [
  'a',
  'Z',
  '7',
  'Kim',
  'U.S',
  '-',
  "'",
  '’',
  '.',
  '&',
  ' ',
  '\n',
  '\t',
  '"',
  '“',
  ',',
  'é',
  'Ü',
  '\u00a0',
  '\u2009',
  '😀',
  '_',
  '—',
  '٣',
];

describe('tokenize', () => {
  it('finds the tokens of the defining pattern in any mix of characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.nat(),
        fc.nat(),
        (parts, a, b) => {
          const text = parts.join('');
          const start = text.length === 0 ? 0 : a % (text.length + 1);
          const end = start + (text.length === 0 ? 0 : b % (text.length - start + 1));
          // Segments start and end between characters, never inside a surrogate pair.
          const isInsidePair = (offset: number) => /[\udc00-\udfff]/.test(text[offset] ?? '');
          fc.pre(!isInsidePair(start) && !isInsidePair(end));
          expect(tokenize(text, start, end)).toEqual(patternTokens(text, start, end));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps joined words whole and lets the last token run past the end', () => {
    const text = 'Kim’s pro-Trump U.S. café said';
    expect(tokenize(text).map((token) => token.text)).toEqual([
      'Kim’s',
      'pro-Trump',
      'U.S',
      '.',
      'café',
      'said',
    ]);
    expect(tokenize(text, 0, 7).map((token) => token.text)).toEqual(['Kim’s', 'pro-Trump']);
  });
});
