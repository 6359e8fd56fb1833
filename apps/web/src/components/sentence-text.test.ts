import { describe, expect, it } from 'vitest';
import {
  initialSplitPoint,
  isSplitPoint,
  moveSplitPoint,
  moveWordRange,
  spanOfWords,
  wordsInSpan,
  wordsOf,
} from './sentence-text.ts';

const text = 'The KCNA said so. Observers doubt it.';

describe('wordsOf', () => {
  it('finds words, keeping inner hyphens, apostrophes and dots', () => {
    const words = wordsOf("Kim Jong-un's N.Korea, 2024!");
    expect(words.map((word) => "Kim Jong-un's N.Korea, 2024!".slice(word.start, word.end))).toEqual([
      'Kim',
      "Jong-un's",
      'N.Korea',
      '2024',
    ]);
  });
});

describe('split points', () => {
  it('never splits at the ends, inside a surrogate pair, or into a blank part', () => {
    expect(isSplitPoint(text, 0)).toBe(false);
    expect(isSplitPoint(text, text.length)).toBe(false);
    expect(isSplitPoint('a 😀 b', 3)).toBe(false);
    expect(isSplitPoint(' a', 1)).toBe(false);
    expect(isSplitPoint(text, 4)).toBe(true);
  });

  it('starts after sentence-ending punctuation inside the text', () => {
    expect(initialSplitPoint(text)).toBe(text.indexOf('Observers'));
  });

  it('starts at the word nearest the middle when there is no such punctuation', () => {
    expect(initialSplitPoint('one two three four five')).toBe(14);
  });

  it('moves by character and by word, and stops at the ends', () => {
    expect(moveSplitPoint(text, 4, 1, false)).toBe(5);
    expect(moveSplitPoint(text, 4, -1, false)).toBe(3);
    expect(moveSplitPoint(text, 1, -1, false)).toBe(1);
    expect(moveSplitPoint(text, 4, 1, true)).toBe(9);
    expect(moveSplitPoint(text, 9, -1, true)).toBe(4);
    expect(moveSplitPoint(text, text.indexOf('it'), 1, true)).toBe(text.indexOf('it'));
  });
});

describe('word ranges', () => {
  const words = wordsOf(text);

  it('maps a span to the words it touches and back to whole words', () => {
    const range = wordsInSpan(words, { start: 5, end: 10 });
    expect(range).toEqual({ anchor: 1, focus: 2 });
    expect(spanOfWords(words, range!)).toEqual({ start: 4, end: 13 });
    expect(wordsInSpan(words, { start: 16, end: 18 })).toBeNull();
  });

  it('moves a collapsed range word by word, and extends the focus with Shift', () => {
    expect(moveWordRange(words, { anchor: 1, focus: 1 }, 1, false)).toEqual({ anchor: 2, focus: 2 });
    expect(moveWordRange(words, { anchor: 1, focus: 1 }, 1, true)).toEqual({ anchor: 1, focus: 2 });
    expect(moveWordRange(words, { anchor: 1, focus: 3 }, -1, false)).toEqual({ anchor: 1, focus: 1 });
    expect(moveWordRange(words, { anchor: 0, focus: 0 }, -1, false)).toEqual({ anchor: 0, focus: 0 });
  });
});
