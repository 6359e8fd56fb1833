// Which of many patterns can match in a text, found in one pass over it: each pattern's required
// literals (required-literals.ts) are looked for all at once, and a pattern none of whose
// literals the text holds is ruled out. sources.ts then scans a sentence only with the source
// patterns left; most sentences hold the literals of a few entries, or of none.
import { requiredLiterals } from './required-literals.ts';

export interface GatedPattern {
  source: string;
  /** A further test every text it matches in passes (stricter than its literals), or null. */
  alsoRequired: RegExp | null;
}

/**
 * Returns, for a text, the indexes of the patterns that may match in it, as a key ("0,3,17";
 * "" when none may). A pattern left out cannot match anywhere in that text.
 */
export function createPatternGate(patterns: readonly GatedPattern[]): (text: string) => string {
  const literalsByPattern = patterns.map((pattern) => requiredLiterals(pattern.source));
  /** Every literal once, longest first: where several start, the regex takes the longest. */
  const literals = [...new Set(literalsByPattern.flatMap((found) => found ?? []))].sort(
    (a, b) => b.length - a.length,
  );
  const literalScan = new RegExp(literals.map(escapeForRegExp).join('|'), 'g');
  /**
   * The patterns a literal found at some place lets through: those of every literal starting
   * there too, which are the prefixes of the longest.
   */
  const patternsAllowedBy = new Map(
    literals.map((literal) => [
      literal,
      literalsByPattern.flatMap((found, index) =>
        found?.some((other) => literal.startsWith(other)) ? [index] : [],
      ),
    ]),
  );
  const ungated = literalsByPattern.flatMap((found, index) => (found === null ? [index] : []));
  const isAllowed = new Uint8Array(patterns.length);

  return (text) => {
    isAllowed.fill(0);
    for (const index of ungated) isAllowed[index] = 1;
    // Lowercased so that the literals, lowercase, match in either case; the cursor steps one
    // character past each match's start, so literals overlapping the one found are found too.
    const lowercase = text.toLowerCase();
    literalScan.lastIndex = 0;
    for (let match = literalScan.exec(lowercase); match; match = literalScan.exec(lowercase)) {
      for (const index of patternsAllowedBy.get(match[0])!) isAllowed[index] = 1;
      literalScan.lastIndex = match.index + 1;
    }
    let key = '';
    for (let index = 0; index < patterns.length; index++) {
      if (isAllowed[index] === 0) continue;
      const alsoRequired = patterns[index]!.alsoRequired;
      if (alsoRequired && !alsoRequired.test(text)) continue;
      key += key === '' ? `${index}` : `,${index}`;
    }
    return key;
  };
}

function escapeForRegExp(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
