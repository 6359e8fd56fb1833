// Invariants of `segment` on arbitrary Unicode: whatever the text, segments tile its non-blank content.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segment } from '../src/segment/index.ts';

/** Pieces that exercise the segmenter's rules, mixed with arbitrary code points and white space. */
const newsPiece = fc.constantFrom(
  'U.S.',
  'N. Korea',
  'Mr.',
  'Lt. Gen.',
  'No. 2',
  '6 p.m.',
  'Nov. 21',
  '(Yonhap) --',
  '(LEAD)',
  '(END)',
  'Source: Yonhap',
  'scroll to top',
  'kim@yna.co.kr',
  'https://example.kr/a.html',
  '1.',
  '2)',
  'a.',
  '•',
  '⁃',
  '- ',
  '...',
  '. . .',
  '…',
  '"',
  '“',
  '”',
  '’',
  '(',
  ')',
  '[',
  ']',
  '.',
  '!',
  '?',
  '?!',
  ':',
  'The',
  'said',
  'By Kim',
  '3.14',
  '😀',
  '👩🏽‍💻',
  '🇰🇷',
  'مرحبا',
  'שלום',
  'e\u0301',
  'Å\u0308',
  '북한은',
  '朝鲜',
);

const whitespacePiece = fc.constantFrom(
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\r\n',
  '\r\n\r\n',
  '\r',
  '\t',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u3000',
  '\ufeff',
  '\v',
  '\f',
);

const wordPiece = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 });
const anyCodePoints = fc.string({ unit: 'binary', maxLength: 12 });

const newsLikeText = fc
  .array(fc.oneof(newsPiece, whitespacePiece, whitespacePiece, wordPiece, anyCodePoints), { maxLength: 60 })
  .map((pieces) => pieces.join(''));

const arbitraryText = fc.oneof(newsLikeText, fc.string({ unit: 'binary', maxLength: 200 }));

const isBlank = (text: string) => /^\s*$/.test(text);

describe('segment properties', () => {
  it('gives segments whose text is exactly the input between their offsets', () => {
    fc.assert(
      fc.property(arbitraryText, (input) => {
        for (const piece of segment(input)) expect(piece.text).toBe(input.slice(piece.start, piece.end));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives non-empty, trimmed segments of a known kind', () => {
    fc.assert(
      fc.property(arbitraryText, (input) => {
        for (const piece of segment(input)) {
          expect(piece.text.length).toBeGreaterThan(0);
          expect(piece.text.trim()).toBe(piece.text);
          expect(['headline', 'sentence', 'boilerplate']).toContain(piece.kind);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gives segments in order that never overlap, with nothing but white space around them', () => {
    fc.assert(
      fc.property(arbitraryText, (input) => {
        let previousEnd = 0;
        for (const piece of segment(input)) {
          expect(piece.start).toBeGreaterThanOrEqual(previousEnd);
          expect(isBlank(input.slice(previousEnd, piece.start))).toBe(true);
          previousEnd = piece.end;
        }
        expect(isBlank(input.slice(previousEnd))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives at most one headline', () => {
    fc.assert(
      fc.property(arbitraryText, (input) => {
        expect(segment(input).filter((piece) => piece.kind === 'headline').length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('segments each paragraph the same wherever it stands, since blank lines are hard boundaries', () => {
    const sentenceParagraph = fc
      .array(fc.oneof(newsPiece, wordPiece, fc.constant(' ')), { minLength: 1, maxLength: 30 })
      .map((pieces) => `Start ${pieces.join('').replace(/\s+/g, ' ')}.`);
    fc.assert(
      fc.property(sentenceParagraph, sentenceParagraph, (first, second) => {
        const alone = segment(`Lead sentence.\n\n${second}`).slice(1);
        const after = segment(`Lead sentence.\n\n${first}\n\n${second}`);
        const secondOffset = `Lead sentence.\n\n${first}\n\n`.length;
        const tail = after.filter((piece) => piece.start >= secondOffset);
        expect(tail.map((piece) => [piece.text, piece.kind])).toEqual(
          alone.map((piece) => [piece.text, piece.kind]),
        );
      }),
      { numRuns: 500 },
    );
  });
});
