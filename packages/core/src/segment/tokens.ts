// Splits a span of text into its white-space-separated tokens; boundaries fall only between them.
import { isWhitespace } from './characters.ts';

/** Token `i < count` is `[starts[i], ends[i])`. */
export interface Tokens {
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

// One pair of buffers, grown as needed and reused by every call: a document has thousands of
// paragraphs, and fresh arrays for each kept the garbage collector busy.
let startsBuffer = new Int32Array(1024);
let endsBuffer = new Int32Array(1024);

/** The tokens of `[start, end)`. The arrays are reused: they are valid until the next call. */
export function tokenize(text: string, start: number, end: number): Tokens {
  let count = 0;
  let index = start;
  while (index < end) {
    while (index < end && isWhitespace(text.charCodeAt(index))) index++;
    if (index >= end) break;
    if (count === startsBuffer.length) growBuffers();
    startsBuffer[count] = index;
    while (index < end && !isWhitespace(text.charCodeAt(index))) index++;
    endsBuffer[count] = index;
    count++;
  }
  return { starts: startsBuffer, ends: endsBuffer, count };
}

function growBuffers(): void {
  const grownStarts = new Int32Array(startsBuffer.length * 2);
  const grownEnds = new Int32Array(endsBuffer.length * 2);
  grownStarts.set(startsBuffer);
  grownEnds.set(endsBuffer);
  startsBuffer = grownStarts;
  endsBuffer = grownEnds;
}
