import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCodePointOffset, toCodePointOffsets, toUtf16Offset } from '../src/offsets.ts';

/** Text with many characters outside the Basic Multilingual Plane, and lone surrogates too. */
const mixedText = fc.string({
  unit: fc.constantFrom('a', ' ', '😀', '🇰🇷', '북', 'é', '\ud83d', '\ude00'),
  maxLength: 40,
});

describe('toCodePointOffset', () => {
  it('counts a surrogate pair as one code point', () => {
    const text = 'a😀b';
    expect(toCodePointOffset(text, 0)).toBe(0);
    expect(toCodePointOffset(text, 1)).toBe(1);
    expect(toCodePointOffset(text, 3)).toBe(2);
    expect(toCodePointOffset(text, 4)).toBe(3);
  });

  it('equals the UTF-16 offset for text in the basic plane', () => {
    expect(toCodePointOffset('Pyongyang, Seoul', 10)).toBe(10);
  });

  it('counts the high half whole for an offset inside a pair', () => {
    expect(toCodePointOffset('a😀b', 2)).toBe(2);
  });

  it('agrees with the length of the prefix as Python would count it', () => {
    fc.assert(
      fc.property(mixedText, fc.nat(), (text, seed) => {
        const offset = seed % (text.length + 1);
        const isInsidePair =
          /[\ud800-\udbff]$/.test(text.slice(0, offset)) && /^[\udc00-\udfff]/.test(text.slice(offset));
        fc.pre(!isInsidePair);
        expect(toCodePointOffset(text, offset)).toBe([...text.slice(0, offset)].length);
      }),
    );
  });
});

describe('toUtf16Offset', () => {
  it('maps code-point offsets back to UTF-16 offsets', () => {
    const text = 'a😀b🇰🇷';
    expect([0, 1, 2, 3, 4, 5].map((offset) => toUtf16Offset(text, offset))).toEqual([0, 1, 3, 4, 6, 8]);
  });

  it('is the inverse of toCodePointOffset at every code-point boundary', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        let utf16Offset = 0;
        for (const [codePointOffset, character] of [...text, ''].entries()) {
          expect(toUtf16Offset(text, codePointOffset)).toBe(utf16Offset);
          expect(toCodePointOffset(text, utf16Offset)).toBe(codePointOffset);
          utf16Offset += character.length;
        }
      }),
    );
  });
});

describe('toCodePointOffsets', () => {
  it('converts many offsets in the order given', () => {
    expect(toCodePointOffsets('a😀b😀c', [6, 0, 3, 4, 1])).toEqual([4, 0, 2, 3, 1]);
  });

  it('agrees with toCodePointOffset for any offsets, including ones inside pairs and past the end', () => {
    fc.assert(
      fc.property(mixedText, fc.array(fc.nat({ max: 50 })), (text, offsets) => {
        expect(toCodePointOffsets(text, offsets)).toEqual(
          offsets.map((offset) => toCodePointOffset(text, offset)),
        );
      }),
    );
  });

  // How fast it is belongs to the benchmarks; this checks a long document converts correctly.
  it('converts every offset of a long emoji-rich document', () => {
    const text = 'Kim 😀 said. '.repeat(100_000);
    const offsets = Array.from({ length: 100_000 }, (_, index) => index * 13);
    const converted = toCodePointOffsets(text, offsets);
    expect(converted[1]).toBe(12);
    expect(converted[99_999]).toBe(99_999 * 12);
  });
});
