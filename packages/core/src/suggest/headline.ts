// Whether a headline restates its lead sentence: wire headlines compress the lead, so they
// share its content words (compared by their first letters, so "delegates" meets "delegations").

const contentWord = /[A-Za-z][A-Za-z-]{3,}/g;
const stemLength = 5;
/** Shared stems needed, and the share of the headline's stems, to call it a restatement. */
const minimumSharedStems = 2;
const minimumSharedFraction = 0.3;
const functionWords = new Set([
  'with',
  'from',
  'that',
  'this',
  'over',
  'into',
  'amid',
  'after',
  'about',
  'their',
  'will',
  'says',
  'said',
]);

export function restatesLead(headlineText: string, leadText: string): boolean {
  const headlineStems = stemsOf(headlineText);
  if (headlineStems.size === 0) return false;
  const leadStems = stemsOf(leadText);
  let shared = 0;
  for (const stem of headlineStems) if (leadStems.has(stem)) shared++;
  return shared >= minimumSharedStems && shared / headlineStems.size >= minimumSharedFraction;
}

function stemsOf(text: string): Set<string> {
  const stems = new Set<string>();
  for (const [word] of text.matchAll(contentWord)) {
    const lowerCased = word.toLowerCase();
    if (!functionWords.has(lowerCased)) stems.add(lowerCased.slice(0, stemLength));
  }
  return stems;
}
