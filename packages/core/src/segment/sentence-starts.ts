// Whether the word after a candidate boundary can start a sentence, and whether it surely does.
import { sentenceOpeningTitles } from './abbreviations.ts';
import {
  isBullet,
  isCapitalOrCaseless,
  isCurrencySign,
  isDigit,
  isOpener,
  isUppercase,
} from './characters.ts';

/**
 * Capitalised words that begin sentences far more often than they continue a name, so after an
 * ambiguous abbreviation ("the U.S. How…", "Co. It…") they mark a boundary, while a name
 * ("the U.S. Government", "St. Michael's") does not.
 */
const sentenceOpeningWords = new Set(
  `The A An This That These Those It Its It's He She They We I You His Her Their Our My Your There Here
  What Who Whom Whose Why How Where When Which Did Do Does Is Are Was Were Will Would Can Could Should
  Shall Might Must Has Have Had But And Or So Yet Still Also However Meanwhile Moreover Furthermore
  Nevertheless Nonetheless Then Later Earlier Now Today Yesterday Tomorrow If While Although Though As
  Because After Before During Despite According In On At For With Without From By Under Over Some Many
  Most All Both Each Every Several No Not Such Other Others Another One Last Next First Separately
  Instead Otherwise Indeed Thus Therefore Hence Besides Similarly Likewise Overall Once Even Only Just
  Please Let Asked Speaking Officials Analysts Experts`.split(/\s+/),
);

/** The offset of the first character after any opening quotes or brackets, or `end` if none. */
function afterOpeners(text: string, start: number, end: number): number {
  let index = start;
  while (index < end && isOpener(text.charCodeAt(index))) index++;
  return index;
}

/**
 * Whether the token `[start, end)` can begin a sentence: a capital (or a letter of a script without
 * case), a digit, a currency sign or a bullet, possibly after opening quotes or brackets.
 */
export function canStartSentence(text: string, start: number, end: number): boolean {
  const first = afterOpeners(text, start, end);
  if (first >= end) return false;
  const code = text.charCodeAt(first);
  if (isDigit(code) || isCurrencySign(code) || isBullet(code)) return true;
  return isCapitalOrCaseless(text[first]!);
}

/** Whether the token `[start, end)` begins with a capital letter, with nothing before it. */
export function startsWithCapital(text: string, start: number, end: number): boolean {
  return start < end && isUppercase(text[start]!);
}

const leadingWord = /[\p{L}'’]+/uy;

/** Whether the token `[start, end)` is a word that plainly opens a sentence ("The", "It", "Mr."). */
export function surelyStartsSentence(text: string, start: number, end: number): boolean {
  const first = afterOpeners(text, start, end);
  leadingWord.lastIndex = first;
  const word = leadingWord.exec(text)?.[0];
  if (!word) return false;
  const wordEnd = first + word.length;
  if (wordEnd > end) return false;
  if (text.charCodeAt(wordEnd) === 0x2e && wordEnd < end) return sentenceOpeningTitles.has(word);
  return sentenceOpeningWords.has(word);
}
