// Iterating a global pattern's matches without String.prototype.matchAll, which copies the
// pattern on every call: for suggest()'s long alternations, run once per sentence, that copy
// cost about as much as the matching itself.

/**
 * Every match of a global (`g`) pattern in `text`, left to right. The pattern's `lastIndex` is
 * the cursor, so the loop over one pattern must not start another loop over the same pattern.
 */
export function* matchesIn(pattern: RegExp, text: string): Generator<RegExpExecArray, void, undefined> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    // An empty match would leave the cursor where it is; step past it as matchAll does.
    if (match[0] === '') pattern.lastIndex++;
    yield match;
  }
}
