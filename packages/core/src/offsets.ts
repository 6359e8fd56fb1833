// Converting UTF-16 offsets (JavaScript strings) to code-point offsets (Python strings).

/** The code-point offset of the UTF-16 offset `utf16Offset` in `text`. */
export function toCodePointOffset(text: string, utf16Offset: number): number {
  let codePoints = 0;
  for (let index = 0; index < utf16Offset; index++) {
    const unit = text.charCodeAt(index);
    const isHighSurrogate = unit >= 0xd800 && unit <= 0xdbff;
    const nextUnit = text.charCodeAt(index + 1);
    if (isHighSurrogate && index + 1 < utf16Offset && nextUnit >= 0xdc00 && nextUnit <= 0xdfff) index++;
    codePoints++;
  }
  return codePoints;
}
