// Double quotations that open and close inside one run of text. A quotation of several sentences
// is the object of its attribution ("… useless," it said. / added: "… their claim."), so no
// sentence boundary falls inside one; a quotation left open (wire style reopens it in the next
// paragraph) protects nothing.

/** Quotations longer than this are more likely a stray mark paired with a distant one. */
const longestQuotation = 1500;
const doubleQuote = /["“”]/g;

/** `[open, close]` offsets of each closed double quotation, in order; flat pairs. */
export function closedQuotations(text: string, start: number, end: number): number[] {
  const pairs: number[] = [];
  let openAt = -1;
  doubleQuote.lastIndex = start;
  for (let match = doubleQuote.exec(text); match && match.index < end; match = doubleQuote.exec(text)) {
    const mark = match[0];
    if (openAt < 0) {
      // A closing curly mark with nothing open is a stray; skip it.
      if (mark !== '”') openAt = match.index;
    } else if (mark !== '“') {
      if (match.index - openAt <= longestQuotation) pairs.push(openAt, match.index);
      openAt = -1;
    } else {
      openAt = match.index;
    }
  }
  return pairs;
}
