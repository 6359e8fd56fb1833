// News-aware sentence segmentation with exact UTF-16 offsets: headline, sentences, boilerplate.
import type { Segment } from '../segment-types.ts';
import { isBoilerplateFragment, isBoilerplateLine, longestBoilerplateLine } from './boilerplate.ts';
import { isCloser, isExclamationOrQuestion, isWhitespace, period } from './characters.ts';
import { headlineAt } from './headline.ts';
import { type Paragraph, paragraphs } from './paragraphs.ts';
import { sentenceSpans } from './sentences.ts';

/**
 * Splits `text` into ordered, non-overlapping, trimmed segments with only white space between
 * them. Paragraphs (blank lines) are hard boundaries; inside one, a single line break is soft, so
 * hard-wrapped text still reads as sentences. Runs in time linear in the length of `text`.
 */
export function segment(text: string): Segment[] {
  const segments: Segment[] = [];
  const contentEnd = lastContentEnd(text);
  let isHeadlinePossible = true;
  for (const paragraph of paragraphs(text)) {
    isHeadlinePossible = segmentParagraph(text, paragraph, isHeadlinePossible, contentEnd, segments);
  }
  return segments;
}

/**
 * Appends the segments of one paragraph. Boilerplate and the headline are whole lines that begin
 * where a sentence may begin; the lines between them are runs split into sentences. Returns
 * whether the document's headline may still come.
 */
function segmentParagraph(
  text: string,
  paragraph: Paragraph,
  isHeadlinePossible: boolean,
  contentEnd: number,
  segments: Segment[],
): boolean {
  let runStart = -1;
  let runEnd = -1;
  let isAtSentenceStart = true;
  let isHeadlineStillPossible = isHeadlinePossible;
  for (let lineIndex = 0; lineIndex < paragraph.length; lineIndex++) {
    const line = paragraph[lineIndex]!;
    if (isAtSentenceStart && line.end - line.start <= longestBoilerplateLine) {
      const lineText = text.slice(line.start, line.end);
      if (isBoilerplateLine(lineText)) {
        if (runStart >= 0) pushSentences(text, runStart, runEnd, segments);
        runStart = -1;
        segments.push({ start: line.start, end: line.end, kind: 'boilerplate', text: lineText });
        continue;
      }
    }
    if (isHeadlineStillPossible) {
      isHeadlineStillPossible = false;
      const headline = headlineAt(text, paragraph, lineIndex, contentEnd);
      if (headline) {
        const { start, end } = headline.span;
        segments.push({ start, end, kind: 'headline', text: text.slice(start, end) });
        lineIndex += headline.lineCount - 1;
        continue;
      }
    }
    if (runStart < 0) runStart = line.start;
    runEnd = line.end;
    isAtSentenceStart = endsWithSentencePunctuation(text, line.start, line.end);
  }
  if (runStart >= 0) pushSentences(text, runStart, runEnd, segments);
  return isHeadlineStillPossible;
}

function pushSentences(text: string, start: number, end: number, segments: Segment[]): void {
  for (const span of sentenceSpans(text, start, end)) {
    const sentenceText = text.slice(span.start, span.end);
    const kind = isBoilerplateFragment(sentenceText) ? 'boilerplate' : 'sentence';
    segments.push({ start: span.start, end: span.end, kind, text: sentenceText });
  }
}

function lastContentEnd(text: string): number {
  let end = text.length;
  while (end > 0 && isWhitespace(text.charCodeAt(end - 1))) end--;
  return end;
}

function endsWithSentencePunctuation(text: string, start: number, lineEnd: number): boolean {
  let end = lineEnd;
  while (end > start && isCloser(text.charCodeAt(end - 1))) end--;
  const last = text.charCodeAt(end - 1);
  return last === period || isExclamationOrQuestion(last);
}
