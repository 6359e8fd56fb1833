import { describe, expect, it } from 'vitest';
import { toCodePointOffset } from '../src/offsets.ts';

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
});
