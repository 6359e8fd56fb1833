// Word tokens with UTF-16 offsets, for the attribution tagger: words (with inner hyphens,
// apostrophes and periods, as in "U.S", "Kim's", "pro-Trump") and single punctuation marks.

export interface Token {
  start: number;
  end: number;
  text: string;
}

const tokenPattern = /[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*|[^\s]/gu;

export function tokenize(text: string, start = 0, end = text.length): Token[] {
  const tokens: Token[] = [];
  tokenPattern.lastIndex = start;
  for (let match = tokenPattern.exec(text); match && match.index < end; match = tokenPattern.exec(text)) {
    tokens.push({ start: match.index, end: match.index + match[0].length, text: match[0] });
  }
  return tokens;
}
