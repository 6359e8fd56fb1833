// Attribution after a quotation that ends in "?" or "!": `"Why would I leave?" Choi asked.` is one
// sentence, because the quotation is the object of the speech verb that follows it.
import { isTitle } from './abbreviations.ts';
import { isCloser, isExclamationOrQuestion, period } from './characters.ts';

const speechVerbs = new Set(
  'said says asked asks added adds wrote writes told tells replied replies shouted shouts cried cries yelled exclaimed insisted demanded wondered recalled posted tweeted quipped noted'.split(
    ' ',
  ),
);

/** The attribution ("Rep. Kang Tae-il of the Democratic Party wrote") stays this short. */
const longestAttribution = 10;

/**
 * Whether the tokens from `first` on begin an attribution: a speech verb comes within a few words,
 * before anything that ends a sentence (a title's period, as in "Rep.", does not).
 */
export function startsAttribution(
  text: string,
  starts: ArrayLike<number>,
  ends: ArrayLike<number>,
  tokenCount: number,
  first: number,
): boolean {
  const last = Math.min(tokenCount, first + longestAttribution);
  for (let index = first; index < last; index++) {
    let wordEnd = ends[index]!;
    const wordStart = starts[index]!;
    while (wordEnd > wordStart && isCloser(text.charCodeAt(wordEnd - 1))) wordEnd--;
    const finalCode = text.charCodeAt(wordEnd - 1);
    const hasFinalPunctuation =
      finalCode === period || isExclamationOrQuestion(finalCode) || finalCode === 0x2c;
    const word = text.slice(wordStart, hasFinalPunctuation ? wordEnd - 1 : wordEnd);
    if (speechVerbs.has(word)) return true;
    if (finalCode === period && isTitle(word)) continue;
    if (hasFinalPunctuation) return false;
  }
  return false;
}

/** Whether the token `[start, end)` ends a quotation with "?" or "!": `leave?”`, `op!"`. */
export function endsQuestionOrExclamationQuote(text: string, start: number, end: number): boolean {
  let coreEnd = end;
  while (coreEnd > start && isCloser(text.charCodeAt(coreEnd - 1))) coreEnd--;
  const isQuoteClosed =
    coreEnd < end && text.charCodeAt(coreEnd) !== 0x29 && text.charCodeAt(coreEnd) !== 0x5d;
  return isQuoteClosed && coreEnd > start && isExclamationOrQuestion(text.charCodeAt(coreEnd - 1));
}
