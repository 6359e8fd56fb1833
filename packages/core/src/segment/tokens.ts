// Splits a span of text into its white-space-separated tokens; boundaries fall only between them.
import { isWhitespace } from './characters.ts';

/** Token `i` is `[starts[i], ends[i])`; parallel arrays keep millions of tokens cheap. */
export interface Tokens {
  starts: number[];
  ends: number[];
}

export function tokenize(text: string, start: number, end: number): Tokens {
  const starts: number[] = [];
  const ends: number[] = [];
  let index = start;
  while (index < end) {
    while (index < end && isWhitespace(text.charCodeAt(index))) index++;
    if (index >= end) break;
    starts.push(index);
    while (index < end && !isWhitespace(text.charCodeAt(index))) index++;
    ends.push(index);
  }
  return { starts, ends };
}
