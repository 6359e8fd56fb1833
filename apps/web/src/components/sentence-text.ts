// Positions inside a sentence's text for split mode (a caret between characters or words) and
// cue marking (a range of whole words). Offsets here are relative to the sentence text.

export interface WordSpan {
  start: number;
  end: number;
}

/** Letters and digits, joined by inner apostrophes, hyphens and dots ("N.Korea's", "Kim Jong-un"). */
const wordPattern = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** The words of a text, in order. */
export function wordsOf(text: string): WordSpan[] {
  return Array.from(text.matchAll(wordPattern), (match) => ({
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** True when splitting at `offset` leaves text on both sides and does not cut a character in two. */
export function isSplitPoint(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const code = text.charCodeAt(offset);
  if (code >= 0xdc00 && code <= 0xdfff) return false;
  return text.slice(0, offset).trim().length > 0 && text.slice(offset).trim().length > 0;
}

/**
 * Where split mode starts: after the first sentence-ending punctuation inside the text (the
 * usual segmentation miss), else at the word nearest the middle.
 */
export function initialSplitPoint(text: string): number | null {
  for (const match of text.matchAll(/[.!?]["”’)\]]*\s+(?=\S)/g)) {
    const offset = match.index + match[0].length;
    if (isSplitPoint(text, offset)) return offset;
  }
  const starts = wordsOf(text)
    .map((word) => word.start)
    .filter((start) => isSplitPoint(text, start));
  if (starts.length === 0) return firstSplitPoint(text);
  const middle = text.length / 2;
  return starts.reduce((best, start) => (Math.abs(start - middle) < Math.abs(best - middle) ? start : best));
}

function firstSplitPoint(text: string): number | null {
  for (let offset = 1; offset < text.length; offset += 1) if (isSplitPoint(text, offset)) return offset;
  return null;
}

/** Moves the split caret one character, or to the previous or next word start (byWord). */
export function moveSplitPoint(text: string, offset: number, step: -1 | 1, byWord: boolean): number {
  if (byWord) {
    const starts = wordsOf(text)
      .map((word) => word.start)
      .filter((start) => isSplitPoint(text, start));
    const target =
      step > 0 ? starts.find((start) => start > offset) : starts.findLast((start) => start < offset);
    return target ?? offset;
  }
  for (let next = offset + step; next > 0 && next < text.length; next += step) {
    if (isSplitPoint(text, next)) return next;
  }
  return offset;
}

/** A range of whole words: the anchor stays put while Shift+arrows move the focus. */
export interface WordRange {
  anchor: number;
  focus: number;
}

/** The text span a word range covers. */
export function spanOfWords(words: readonly WordSpan[], range: WordRange): WordSpan | null {
  const first = words[Math.min(range.anchor, range.focus)];
  const last = words[Math.max(range.anchor, range.focus)];
  return first && last ? { start: first.start, end: last.end } : null;
}

/** The words a text span touches, as a range; null when it touches none. */
export function wordsInSpan(words: readonly WordSpan[], span: WordSpan): WordRange | null {
  const first = words.findIndex((word) => word.end > span.start && word.start < span.end);
  if (first === -1) return null;
  let last = first;
  while (last + 1 < words.length && words[last + 1]!.start < span.end) last += 1;
  return { anchor: first, focus: last };
}

/** Moves a word range: the whole range (collapsing it) or, with extend, only its focus. */
export function moveWordRange(
  words: readonly WordSpan[],
  range: WordRange,
  step: -1 | 1,
  extend: boolean,
): WordRange {
  const clamp = (index: number) => Math.max(0, Math.min(words.length - 1, index));
  if (extend) return { anchor: range.anchor, focus: clamp(range.focus + step) };
  const edge = step > 0 ? Math.max(range.anchor, range.focus) : Math.min(range.anchor, range.focus);
  const isCollapsed = range.anchor === range.focus;
  const next = clamp(isCollapsed ? edge + step : edge);
  return { anchor: next, focus: next };
}
