// The headline: the document's first line when it is short, has no final punctuation, and more follows.
import { periodWordKind } from './abbreviations.ts';
import { horizontalEllipsis, isCloser, isExclamationOrQuestion, isLowercase, period } from './characters.ts';
import type { Paragraph } from './paragraphs.ts';
import type { Span } from './spans.ts';

const longestHeadline = 200;

/** "SEOUL, Nov. 21 (Yonhap) -- …", "WASHINGTON (AP) — …": the opening of a story, never a headline. */
const wireDateline = /^[^()]{2,60}\([\p{L}/ ]{2,30}\)\s*(?:--|-|—|–)\s/u;

/** A line holding only an update marker, which belongs to the headline after it: `(URGENT)`, `(2nd LD)`. */
const updateMarkerOnly = /^\([\p{Lu}\d][^()]{0,38}\)$/u;

/**
 * The headline starting at line `lineIndex` of `paragraph`, if there is one. `contentEnd` is where
 * the document's last non-white-space character ends: a headline must have a story after it.
 */
export function headlineAt(
  text: string,
  paragraph: Paragraph,
  lineIndex: number,
  contentEnd: number,
): { span: Span; lineCount: number } | undefined {
  const line = paragraph[lineIndex];
  if (!line) return undefined;
  const lineText = text.slice(line.start, line.end);
  const nextLine = paragraph[lineIndex + 1];
  if (updateMarkerOnly.test(lineText) && nextLine) {
    const rest = headlineAt(text, paragraph, lineIndex + 1, contentEnd);
    return rest && { span: { start: line.start, end: rest.span.end }, lineCount: rest.lineCount + 1 };
  }
  if (line.end >= contentEnd || lineText.length > longestHeadline || !/\p{L}/u.test(lineText))
    return undefined;
  // A first line that continues in lower case is a hard-wrapped sentence, not a headline.
  if (nextLine && isLowercase(text[nextLine.start]!)) return undefined;
  if (endsLikeSentence(lineText) || endsWithFunctionWord(lineText) || wireDateline.test(lineText))
    return undefined;
  return { span: line, lineCount: 1 };
}

/** Final `.`, `!`, `?` or `…` (before closing quotes), unless the period belongs to "U.S." or "Inc.". */
function endsLikeSentence(lineText: string): boolean {
  let end = lineText.length;
  while (end > 0 && isCloser(lineText.charCodeAt(end - 1))) end--;
  const last = lineText.charCodeAt(end - 1);
  if (isExclamationOrQuestion(last) || last === horizontalEllipsis) return true;
  if (last !== period) return false;
  const lastWord = lineText.slice(lineText.lastIndexOf(' ', end) + 1, end - 1);
  const kind = periodWordKind(lastWord, undefined);
  return kind === 'word';
}

/** Words a headline never ends with but a hard-wrapped line often does ("…fired a missile on"). */
const functionWords = new Set(
  'a an the of on in at to for by with from and or but as than that which who whose its their his her'.split(
    ' ',
  ),
);

function endsWithFunctionWord(lineText: string): boolean {
  return functionWords.has(lineText.slice(lineText.lastIndexOf(' ') + 1));
}
