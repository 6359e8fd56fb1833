// requiredLiterals() decides which source patterns sources.ts leaves out of a sentence's scan,
// so an answer that misses a literal some match holds would lose that match. These tests pin
// its reading of the syntax, and hold every lexicon pattern's matches, on every fixture line
// and on generated text, to one of its literals.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sourceEntries } from '../src/suggest/lexicon.ts';
import { requiredLiterals } from '../src/suggest/required-literals.ts';

const fixturesDirectory = fileURLToPath(new URL('./fixtures/', import.meta.url));
const lexiconPatterns = sourceEntries.flatMap((entry) => entry.patterns);

function sorted(source: string): string[] | null {
  const literals = requiredLiterals(source);
  return literals ? [...literals].sort() : null;
}

/** Whether every match of `source` in `text` holds one of its literals, in any case. */
function everyMatchHoldsALiteral(source: string, text: string): boolean {
  const literals = requiredLiterals(source) ?? [''];
  return Array.from(text.matchAll(new RegExp(source, 'g')), (match) => match[0].toLowerCase()).every(
    (matched) => literals.some((literal) => matched.includes(literal)),
  );
}

describe('requiredLiterals', () => {
  it('reads literals, classes, optional parts and alternations', () => {
    expect(sorted(String.raw`(?:[Tt]he\s+)?KCNA`)).toEqual(['kcna']);
    expect(sorted(String.raw`Kim\s+Yo[-\s]?[Jj]ong`)).toEqual(['jong']);
    expect(sorted(String.raw`Reuters|(?:[Tt]he\s+)?Associated\s+Press`)).toEqual(['associated', 'reuters']);
    expect(sorted(String.raw`N\.K\.|NK`)).toEqual(['n.k.', 'nk']);
    expect(sorted(String.raw`[Tt]hink\s+tanks?`)).toEqual(['think']);
    expect(sorted(String.raw`Workers['’]\s+Party`)).toEqual(["workers'", 'workers’']);
  });

  it('says nothing when a match may hold no literal', () => {
    expect(requiredLiterals(String.raw`(?:[\w-]+\s+){0,3}`)).toBeNull();
    expect(requiredLiterals(String.raw`KCNA|\w+`)).toBeNull();
    expect(requiredLiterals('(?:KCNA)?')).toBeNull();
    expect(requiredLiterals('[A-Z][a-z]+')).toBeNull();
    expect(requiredLiterals('(?:KCNA')).toBeNull();
  });

  it('gives every source pattern of the lexicon literals, so each can be left out of a scan', () => {
    for (const source of lexiconPatterns) expect(requiredLiterals(source), source).not.toBeNull();
  });

  it('finds one of its literals in every match of every source pattern in the fixtures', () => {
    const texts = ['suggest/dev', 'suggest/held-out', 'segment'].flatMap((directory) =>
      readdirSync(join(fixturesDirectory, directory))
        .filter((name) => name.endsWith('.txt'))
        .map((name) => readFileSync(join(fixturesDirectory, directory, name), 'utf8')),
    );
    expect(texts.length).toBeGreaterThanOrEqual(10);
    let matchCount = 0;
    for (const source of lexiconPatterns) {
      for (const text of texts) {
        matchCount += text.match(new RegExp(source, 'g'))?.length ?? 0;
        expect(everyMatchHoldsALiteral(source, text), source).toBe(true);
      }
    }
    expect(matchCount).toBeGreaterThan(100);
  });

  it('finds one of its literals in every match on text made of the lexicon’s own words', () => {
    const words = [
      ...new Set(lexiconPatterns.join(' ').match(/[A-Za-z'’.-]+/g) ?? []),
      'the',
      'The',
      "'s",
      '’s',
      'Kim',
      '(KCNA)',
    ];
    const wordsAndSpaces = fc.array(
      fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', '  ', '\n', '')),
      {
        maxLength: 12,
      },
    );
    fc.assert(
      fc.property(wordsAndSpaces, fc.constantFrom(...lexiconPatterns), (pieces, source) =>
        everyMatchHoldsALiteral(source, pieces.map(([word, space]) => word + space).join('')),
      ),
      { numRuns: 2000 },
    );
  });
});
