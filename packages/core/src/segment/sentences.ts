// Sentence boundaries inside one run of text (a paragraph without its headline or boilerplate lines).
import { periodWordKind } from './abbreviations.ts';
import { endsQuestionOrExclamationQuote, startsAttribution } from './attribution.ts';
import { isBoilerplateFragment, isEmailToken, longestBoilerplateLine } from './boilerplate.ts';
import {
  horizontalEllipsis,
  isBullet,
  isCloser,
  isDigit,
  isExclamationOrQuestion,
  isLineBullet,
  isOpener,
  period,
} from './characters.ts';
import { isBulletOnly, isNextListItem, type ListMarker, listMarker } from './lists.ts';
import { closedQuotations } from './quotations.ts';
import { canStartSentence, startsWithCapital, surelyStartsSentence } from './sentence-starts.ts';
import type { Span } from './spans.ts';
import { type Tokens, tokenize } from './tokens.ts';

/** Prepositions that open an adverbial ("At 5 a.m. Mr. Smith went…"), which is never a sentence alone. */
const prepositions = new Set(
  'At On In By From Until Till Since Before After Around About Near Over Under Through During Between Toward Towards Across Within Despite Via For With'.split(
    ' ',
  ),
);
const longestAdverbialOpening = 5;

/** A dateline alone so far: "SEOUL, November 29." or "SEOUL, November 29. /TASS/." */
const datelineSoFar =
  /^\p{Lu}{3,}(?:[ -]\p{Lu}{2,})*,\s+(?:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}\.(?:\s+\/\p{Lu}+\/\.)?$/u;

/** Splits `[start, end)` of `text` into trimmed sentence spans; boundaries fall only at white space. */
export function sentenceSpans(text: string, start: number, end: number): Span[] {
  return new SentenceSplitter(text, tokenize(text, start, end)).split();
}

interface OpeningListMarker {
  marker: ListMarker;
  tokenIndex: number;
}

/** Walks the gaps between tokens once, left to right, deciding each from its neighbours alone. */
class SentenceSplitter {
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly count: number;
  private sentenceFirstToken = 0;
  private openingMarker: OpeningListMarker | undefined;
  /** Flat `[open, close]` offsets of the run's closed double quotations, and the next one to test. */
  private readonly quotations: number[];
  private quotationIndex = 0;

  constructor(
    private readonly text: string,
    tokens: Tokens,
  ) {
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.count = tokens.count;
    this.quotations =
      tokens.count === 0 ? [] : closedQuotations(text, tokens.starts[0]!, tokens.ends[tokens.count - 1]!);
  }

  /** Whether the gap after token `index` lies inside a closed quotation (gaps are visited in order). */
  private isInsideQuotation(index: number): boolean {
    const gap = this.ends[index]!;
    const quotations = this.quotations;
    while (this.quotationIndex < quotations.length && quotations[this.quotationIndex + 1]! < gap)
      this.quotationIndex += 2;
    return this.quotationIndex < quotations.length && quotations[this.quotationIndex]! < gap;
  }

  split(): Span[] {
    const count = this.count;
    const spans: Span[] = [];
    if (count === 0) return spans;
    this.openingMarker = this.listMarkerOpening(0);
    for (let gap = 0; gap < count - 1; gap++) {
      if (!this.isBoundaryAfter(gap)) continue;
      spans.push({ start: this.starts[this.sentenceFirstToken]!, end: this.ends[gap]! });
      this.sentenceFirstToken = gap + 1;
      this.openingMarker = this.listMarkerOpening(gap + 1);
    }
    spans.push({ start: this.starts[this.sentenceFirstToken]!, end: this.ends[count - 1]! });
    return spans;
  }

  /** The list marker that opens the sentence starting at token `first`, after an optional bullet. */
  private listMarkerOpening(first: number): OpeningListMarker | undefined {
    const text = this.text;
    let tokenIndex = first;
    if (isBulletOnly(text, this.starts[first]!, this.ends[first]!)) tokenIndex++;
    if (tokenIndex >= this.count) return undefined;
    const marker = listMarker(text, this.starts[tokenIndex]!, this.ends[tokenIndex]!);
    return marker && { marker, tokenIndex };
  }

  /** Whether a sentence ends with token `index` (and the next one starts another). */
  private isBoundaryAfter(index: number): boolean {
    const text = this.text;
    const nextStart = this.starts[index + 1]!;
    const nextEnd = this.ends[index + 1]!;
    const nextFirst = text.charCodeAt(nextStart);
    if (isBullet(nextFirst)) return !this.isDatelinePlace(index);
    if (isLineBullet(nextFirst) && nextEnd - nextStart === 1 && this.hasLineBreakBefore(index + 1))
      return true;
    if (this.opensListAfterColon(index)) return false;
    if (this.isInsideQuotation(index)) return false;
    const opening = this.openingMarker;
    if (opening) {
      if (index === opening.tokenIndex) return false;
      const candidate = nextEnd - nextStart <= 7 ? listMarker(text, nextStart, nextEnd) : undefined;
      if (candidate && isNextListItem(opening.marker, candidate)) return true;
    }
    return this.endsSentence(index);
  }

  /**
   * "…as follows: 1. Confirm the fate…": the first item of a list introduced by a colon. Its marker
   * does not end the sentence, and the items after it are split like a list that opens a sentence.
   */
  private opensListAfterColon(index: number): boolean {
    if (index === this.sentenceFirstToken || this.openingMarker?.tokenIndex === index) return false;
    const text = this.text;
    if (text.charCodeAt(this.ends[index - 1]! - 1) !== 0x3a) return false;
    const marker = listMarker(text, this.starts[index]!, this.ends[index]!);
    if (marker?.ordinal !== 1) return false;
    this.openingMarker = { marker, tokenIndex: index };
    return true;
  }

  private hasLineBreakBefore(index: number): boolean {
    const text = this.text;
    for (let offset = this.ends[index - 1]!; offset < this.starts[index]!; offset++) {
      const code = text.charCodeAt(offset);
      if (code === 0x0a || code === 0x0d || code === 0x2028) return true;
    }
    return false;
  }

  /** Decides from the punctuation that ends token `index`, then from the word before it. */
  private endsSentence(index: number): boolean {
    const text = this.text;
    const tokenStart = this.starts[index]!;
    let coreEnd = this.ends[index]!;
    while (coreEnd > tokenStart && isCloser(text.charCodeAt(coreEnd - 1))) coreEnd--;
    if (coreEnd === tokenStart) return false;
    const last = text.charCodeAt(coreEnd - 1);
    const nextStart = this.starts[index + 1]!;
    const nextEnd = this.ends[index + 1]!;
    if (isExclamationOrQuestion(last)) return this.questionOrExclamationEndsSentence(index);
    // An ellipsis ends a sentence only before a capital: "I never meant that... She left".
    if (last === horizontalEllipsis) return startsWithCapital(text, nextStart, nextEnd);
    if (last !== period) return false;
    let periods = 1;
    while (coreEnd - periods > tokenStart && text.charCodeAt(coreEnd - periods - 1) === period) periods++;
    if (this.isLoneDot(index + 1))
      return periods === 1 && !this.isLoneDot(index) && this.precedesSpacedEllipsis(index);
    if (this.isLoneDot(index)) return this.endsSpacedDots(index);
    if (this.isEmailSignOff(index + 1) || this.isTrailingBoilerplate(index + 1)) return true;
    if (periods === 3) return startsWithCapital(text, nextStart, nextEnd);
    if (periods > 1) return canStartSentence(text, nextStart, nextEnd);
    return this.periodEndsSentence(index, coreEnd);
  }

  /** "There it is! I found it." splits; `"Why now?" Kim asked.` does not: the quotation is what Kim asked. */
  private questionOrExclamationEndsSentence(index: number): boolean {
    const text = this.text;
    const next = index + 1;
    if (this.isEmailSignOff(next)) return true;
    if (!canStartSentence(text, this.starts[next]!, this.ends[next]!)) return false;
    const isQuoted = endsQuestionOrExclamationQuote(text, this.starts[index]!, this.ends[index]!);
    return !(isQuoted && startsAttribution(text, this.starts, this.ends, this.count, next));
  }

  /** A token that is a single period, perhaps with closing quotes: one dot of ". . .". */
  private isLoneDot(index: number): boolean {
    if (index >= this.count) return false;
    const text = this.text;
    const start = this.starts[index]!;
    let end = this.ends[index]!;
    while (end > start + 1 && isCloser(text.charCodeAt(end - 1))) end--;
    return end === start + 1 && text.charCodeAt(start) === period;
  }

  /**
   * "…compounds. . . . The practice…": a period on a word followed by a spaced ellipsis and a capital
   * ends the sentence; the ellipsis opens the next one.
   */
  private precedesSpacedEllipsis(index: number): boolean {
    let after = index + 1;
    while (this.isLoneDot(after)) after++;
    if (after - (index + 1) < 3 || after >= this.count) return false;
    return startsWithCapital(this.text, this.starts[after]!, this.ends[after]!);
  }

  /**
   * The last dot of a spaced run: three dots are an ellipsis inside the sentence (". . . I didn't
   * mean it"); four are an ellipsis and a period (". . . . Next sentence").
   */
  private endsSpacedDots(index: number): boolean {
    let first = index;
    while (first > 0 && this.isLoneDot(first - 1)) first--;
    if (index - first + 1 === 3) return false;
    return canStartSentence(this.text, this.starts[index + 1]!, this.ends[index + 1]!);
  }

  /** A reporter's e-mail address after the last sentence: "…the ministry said. kim@yna.co.kr". */
  private isEmailSignOff(index: number): boolean {
    for (let token = index; token < this.count; token++) {
      if (!isEmailToken(this.text, this.starts[token]!, this.ends[token]!)) return false;
    }
    return true;
  }

  /** A credit or rights notice after the last sentence: "…the ministry said. (Yonhap)". */
  private isTrailingBoilerplate(index: number): boolean {
    const start = this.starts[index]!;
    const end = this.ends[this.count - 1]!;
    return end - start <= longestBoilerplateLine && isBoilerplateFragment(this.text.slice(start, end));
  }

  /** "SEOUL • Mr Kim …": a place in capitals opening the sentence, before a bullet that separates the dateline. */
  private isDatelinePlace(index: number): boolean {
    if (index !== this.sentenceFirstToken) return false;
    const word = this.text.slice(this.starts[index]!, this.ends[index]!);
    const nextLength = this.ends[index + 1]! - this.starts[index + 1]!;
    return nextLength === 1 && /^\p{Lu}{3,}$/u.test(word);
  }

  /**
   * "SEOUL, November 29. /TASS/. North Korea …": the periods of a dateline and of a wire tag
   * between slashes do not end the first sentence.
   */
  private isInsideDateline(index: number): boolean {
    const text = this.text;
    const start = this.starts[this.sentenceFirstToken]!;
    const end = this.ends[index]!;
    if (end - start > 60) return false;
    return datelineSoFar.test(text.slice(start, end));
  }

  /** A single period after a word: the word's kind decides, then the word after it. */
  private periodEndsSentence(index: number, coreEnd: number): boolean {
    const text = this.text;
    if (this.isInsideDateline(index)) return false;
    let stemStart = this.starts[index]!;
    while (stemStart < coreEnd && isOpener(text.charCodeAt(stemStart))) stemStart++;
    const stem = text.slice(stemStart, coreEnd - 1);
    const previousWord =
      stem === 'I' && index > this.sentenceFirstToken
        ? text.slice(this.starts[index - 1]!, this.ends[index - 1]!)
        : undefined;
    const nextStart = this.starts[index + 1]!;
    const nextEnd = this.ends[index + 1]!;
    switch (periodWordKind(stem, previousWord)) {
      case 'title':
      case 'connective':
        return false;
      case 'beforeNumber':
        if (isDigit(text.charCodeAt(nextStart))) return false;
        return this.ambiguousPeriodEndsSentence(index);
      case 'ambiguous':
        return this.ambiguousPeriodEndsSentence(index);
      case 'word':
        return canStartSentence(text, nextStart, nextEnd);
    }
  }

  /** "I live in the U.S. How about you?" splits; "the U.S. Government", "At 5 a.m. Mr. Smith" do not. */
  private ambiguousPeriodEndsSentence(index: number): boolean {
    if (!surelyStartsSentence(this.text, this.starts[index + 1]!, this.ends[index + 1]!)) return false;
    return !this.isShortAdverbialOpening(index);
  }

  private isShortAdverbialOpening(index: number): boolean {
    const first = this.sentenceFirstToken;
    if (index - first + 1 > longestAdverbialOpening) return false;
    const firstWord = this.text.slice(this.starts[first]!, this.ends[first]!);
    return prepositions.has(firstWord);
  }
}
