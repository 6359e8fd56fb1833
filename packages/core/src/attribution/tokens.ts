// Word tokens with UTF-16 offsets, for the attribution tagger: words (with inner hyphens,
// apostrophes and periods, as in "U.S", "Kim's", "pro-Trump") and single punctuation marks.

export interface Token {
  start: number;
  end: number;
  text: string;
}

/** The definition of a token; `tokenize` reads plain ASCII by hand and this pattern elsewhere. */
const tokenPattern = /[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*|[^\s]/gu;

/** Whether a UTF-16 unit is an ASCII letter or digit (the ASCII part of `[\p{L}\p{N}]`). */
function isAsciiWordUnit(unit: number): boolean {
  return (unit >= 97 && unit <= 122) || (unit >= 65 && unit <= 90) || (unit >= 48 && unit <= 57);
}

/** The characters that join two runs of letters or digits into one word: - ' ’ . & */
function isJoiner(unit: number): boolean {
  return unit === 45 || unit === 39 || unit === 0x2019 || unit === 46 || unit === 38;
}

/**
 * The tokens that start in `[start, end)` (the last may run past `end`), as `tokenPattern`
 * finds them. The pattern is Unicode-aware and cost a sixth of the tagger's time, so runs of
 * ASCII are read by hand; at any unit beyond ASCII the pattern reads the token instead.
 */
export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const bounds = new TokenBounds();
  const count = bounds.read(text, start, end);
  return Array.from({ length: count }, (_, index) => {
    const tokenStart = bounds.starts[index]!;
    const tokenEnd = bounds.ends[index]!;
    return { start: tokenStart, end: tokenEnd, text: text.slice(tokenStart, tokenEnd) };
  });
}

/**
 * The offsets of tokens, in arrays reused from text to text: the tagger reads a sentence's
 * tokens without an object or a string per token (`tokenize` builds those from the same reading).
 */
export class TokenBounds {
  starts = new Int32Array(256);
  ends = new Int32Array(256);

  /** Reads the tokens that start in `[start, end)` into `starts` and `ends`; returns their count. */
  read(text: string, start = 0, end = text.length): number {
    let count = 0;
    let index = start;
    while (index < end) {
      const unit = text.charCodeAt(index);
      // ASCII white space is what \s matches below 128: tab, line feed, vertical tab, form feed, return, space.
      if (unit === 32 || (unit >= 9 && unit <= 13)) {
        index++;
        continue;
      }
      let tokenStart = index;
      let tokenEnd = unit < 128 ? asciiTokenEnd(text, index, unit) : -1;
      if (tokenEnd < 0) {
        tokenPattern.lastIndex = index;
        const match = tokenPattern.exec(text);
        if (!match || match.index >= end) break;
        tokenStart = match.index;
        tokenEnd = match.index + match[0].length;
      }
      if (count === this.starts.length) this.grow();
      this.starts[count] = tokenStart;
      this.ends[count] = tokenEnd;
      count++;
      index = tokenEnd;
    }
    return count;
  }

  private grow(): void {
    const starts = new Int32Array(2 * this.starts.length);
    const ends = new Int32Array(2 * this.ends.length);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }
}

/**
 * The end of the token starting with the ASCII unit at `index`, or -1 where a unit beyond ASCII
 * could change it (a word may go on in a letter such as "é").
 */
function asciiTokenEnd(text: string, index: number, unit: number): number {
  if (!isAsciiWordUnit(unit)) return index + 1;
  let position = index + 1;
  for (;;) {
    while (position < text.length && isAsciiWordUnit(text.charCodeAt(position))) position++;
    if (position >= text.length) return position;
    const next = text.charCodeAt(position);
    if (isJoiner(next)) {
      if (position + 1 >= text.length) return position;
      const after = text.charCodeAt(position + 1);
      if (isAsciiWordUnit(after)) {
        position += 2;
        continue;
      }
      if (after >= 128) return -1;
      return position;
    }
    if (next >= 128) return -1;
    return position;
  }
}
