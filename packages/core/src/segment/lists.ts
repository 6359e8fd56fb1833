// Enumerated list items written inline ("1) first 2) second", "a. one b. two"): each item is a sentence.
import { isBullet } from './characters.ts';

/** A list marker such as `2.)`, `b.` or `3)`: its ordinal and the punctuation after it. */
export interface ListMarker {
  ordinal: number;
  isLetter: boolean;
  suffix: string;
}

const markerPattern = /^(?:(\d{1,3})|([a-zA-Z]))(\.\)|\.|\))$/;

/** The marker the token `[start, end)` spells, after any leading bullet (`⁃9.`), if it is one. */
export function listMarker(text: string, start: number, end: number): ListMarker | undefined {
  let from = start;
  while (from < end && isBullet(text.charCodeAt(from))) from++;
  if (end - from > 6 || end === from) return undefined;
  const match = markerPattern.exec(text.slice(from, end));
  if (!match) return undefined;
  const [, digits, letter, suffix] = match;
  if (digits !== undefined) return { ordinal: Number(digits), isLetter: false, suffix: suffix! };
  return { ordinal: letter!.toLowerCase().charCodeAt(0) - 0x60, isLetter: true, suffix: suffix! };
}

/** Whether `candidate` is the item that follows `current` in the same list. */
export function isNextListItem(current: ListMarker, candidate: ListMarker): boolean {
  return (
    candidate.isLetter === current.isLetter &&
    candidate.suffix === current.suffix &&
    candidate.ordinal === current.ordinal + 1
  );
}

/** Whether the token `[start, end)` is nothing but bullets (`•` standing before `9.`). */
export function isBulletOnly(text: string, start: number, end: number): boolean {
  for (let index = start; index < end; index++) if (!isBullet(text.charCodeAt(index))) return false;
  return end > start;
}
