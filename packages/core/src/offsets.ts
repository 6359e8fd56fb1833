// Converting between UTF-16 offsets (JavaScript strings) and code-point offsets (Python strings).
// Characters outside the Basic Multilingual Plane (emoji, rare CJK) take two UTF-16 code units but
// one code point, so offsets drift apart after each of them.

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Whether a surrogate pair starts at `index`: two code units that make one code point. */
function isPairAt(text: string, index: number): boolean {
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1));
}

/**
 * The code-point offset of the UTF-16 offset `utf16Offset` in `text`. An offset between the two
 * halves of a pair counts the high half as a code point of its own.
 */
export function toCodePointOffset(text: string, utf16Offset: number): number {
  let codePoints = 0;
  for (let index = 0; index < utf16Offset; index++) {
    if (index + 1 < utf16Offset && isPairAt(text, index)) index++;
    codePoints++;
  }
  return codePoints;
}

/** The UTF-16 offset of the code-point offset `codePointOffset` in `text` (the inverse of the above). */
export function toUtf16Offset(text: string, codePointOffset: number): number {
  let index = 0;
  for (let codePoints = 0; codePoints < codePointOffset; codePoints++) index += isPairAt(text, index) ? 2 : 1;
  return index;
}

/**
 * The code-point offsets of many UTF-16 offsets at once, in the order given, with one pass over
 * `text` (plus sorting the offsets): converting every segment of a long document one at a time
 * with `toCodePointOffset` would be quadratic.
 */
export function toCodePointOffsets(text: string, utf16Offsets: readonly number[]): number[] {
  const order = utf16Offsets
    .map((_, position) => position)
    .sort((a, b) => utf16Offsets[a]! - utf16Offsets[b]!);
  const converted = new Array<number>(utf16Offsets.length);
  let index = 0;
  let codePoints = 0;
  for (const position of order) {
    const target = utf16Offsets[position]!;
    while (index < target) {
      const step = isPairAt(text, index) ? 2 : 1;
      if (index + step > target) break;
      index += step;
      codePoints++;
    }
    // A target between the halves of a pair counts the high half whole, as toCodePointOffset does;
    // the cursor stays before the pair so that later targets count it once.
    converted[position] = index < target ? codePoints + 1 : codePoints;
  }
  return converted;
}
