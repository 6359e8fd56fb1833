// First version of news-aware sentence segmentation: paragraphs are hard boundaries, a short
// unpunctuated first line is the headline, and well-known abbreviations do not end a sentence.
import type { Segment, SegmentKind } from '../segment-types.ts';

const abbreviations = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'adm',
  'gov',
  'sen',
  'rep',
  'st',
  'no',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'inc',
  'co',
  'corp',
  'ltd',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'a.m',
  'p.m',
  'u.s',
  'u.n',
  'u.k',
  'n.k',
  'jr',
  'sr',
  'prof',
  'vol',
]);

const boilerplatePatterns: readonly RegExp[] = [
  /^source:\s/i,
  /^\(end\)$/i,
  /^scroll to top$/i,
  /^[\w.+-]+@[\w-]+(\.[\w-]+)+$/,
  /^by [A-Z][\w'-]+( [A-Z][\w'-]+){0,3}$/,
];

export function segment(text: string): Segment[] {
  const segments: Segment[] = [];
  for (const paragraph of paragraphs(text)) {
    const paragraphText = text.slice(paragraph.start, paragraph.end);
    if (boilerplatePatterns.some((pattern) => pattern.test(paragraphText))) {
      segments.push({ ...paragraph, kind: 'boilerplate', text: paragraphText });
      continue;
    }
    if (segments.length === 0 && isHeadline(paragraphText)) {
      segments.push({ ...paragraph, kind: 'headline', text: paragraphText });
      continue;
    }
    for (const sentence of sentences(text, paragraph.start, paragraph.end)) {
      segments.push({
        ...sentence,
        kind: 'sentence' as SegmentKind,
        text: text.slice(sentence.start, sentence.end),
      });
    }
  }
  return segments;
}

interface Span {
  start: number;
  end: number;
}

function paragraphs(text: string): Span[] {
  const spans: Span[] = [];
  const separator = /\n[ \t\u00a0]*\n|\r\n[ \t\u00a0]*\r\n/g;
  let cursor = 0;
  for (const match of text.matchAll(separator)) {
    pushTrimmed(text, cursor, match.index, spans);
    cursor = match.index + match[0].length;
  }
  pushTrimmed(text, cursor, text.length, spans);
  return spans;
}

function pushTrimmed(text: string, start: number, end: number, spans: Span[]): void {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(text[from]!)) from++;
  while (to > from && /\s/.test(text[to - 1]!)) to--;
  if (to > from) spans.push({ start: from, end: to });
}

function isHeadline(paragraphText: string): boolean {
  return (
    paragraphText.length <= 200 && !paragraphText.includes('\n') && !/[.!?]["'”’)]*$/.test(paragraphText)
  );
}

function sentences(text: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  const terminator = /[.!?]+["'”’)\]]*(?=\s)/g;
  terminator.lastIndex = start;
  let sentenceStart = start;
  for (let match = terminator.exec(text); match && match.index < end; match = terminator.exec(text)) {
    const boundary = match.index + match[0].length;
    if (boundary >= end) break;
    if (match[0].startsWith('.') && endsWithAbbreviation(text, sentenceStart, match.index)) continue;
    const next = /\S/.exec(text.slice(boundary, end));
    if (!next || !/[A-Z0-9"“'‘(]/.test(next[0])) continue;
    pushTrimmed(text, sentenceStart, boundary, spans);
    sentenceStart = boundary;
  }
  pushTrimmed(text, sentenceStart, end, spans);
  return spans;
}

function endsWithAbbreviation(text: string, sentenceStart: number, periodIndex: number): boolean {
  const word = /([A-Za-z.]+)$/.exec(text.slice(sentenceStart, periodIndex))?.[1] ?? '';
  if (word.length === 1 && /[A-Z]/.test(word)) return true;
  return abbreviations.has(word.toLowerCase());
}
