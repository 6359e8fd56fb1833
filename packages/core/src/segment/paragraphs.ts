// Splits a document into paragraphs (separated by blank lines) made of trimmed, non-empty lines.
import { isWhitespace } from './characters.ts';
import type { Span } from './spans.ts';

const paragraphSeparator = 0x2029;

/** The non-blank lines of one paragraph, in order; each line is trimmed of white space. */
export type Paragraph = Span[];

/**
 * One pass over the text: every line break (`\n`, `\r\n`, `\r`, U+2028) ends a line, and a blank
 * line or U+2029 ends a paragraph, which is therefore a hard sentence boundary.
 */
export function paragraphs(text: string): Paragraph[] {
  const found: Paragraph[] = [];
  let current: Paragraph = [];
  let lineStart = 0;
  // The regular expression engine finds line breaks far faster than a loop over every character.
  const lineBreak = /\r\n?|[\n\u2028\u2029]/g;
  for (let match = lineBreak.exec(text); ; match = lineBreak.exec(text)) {
    const lineEnd = match ? match.index : text.length;
    const line = trimmed(text, lineStart, lineEnd);
    if (line) current.push(line);
    const isParagraphEnd = !match || !line || text.charCodeAt(lineEnd) === paragraphSeparator;
    if (isParagraphEnd && current.length > 0) {
      found.push(current);
      current = [];
    }
    if (!match) return found;
    lineStart = lineBreak.lastIndex;
  }
}

/** `[start, end)` without white space at either end, or undefined when nothing else is left. */
export function trimmed(text: string, start: number, end: number): Span | undefined {
  let from = start;
  let to = end;
  while (from < to && isWhitespace(text.charCodeAt(from))) from++;
  while (to > from && isWhitespace(text.charCodeAt(to - 1))) to--;
  return to > from ? { start: from, end: to } : undefined;
}
