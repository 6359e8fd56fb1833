// The source scan in sources.ts is written for speed (one shared lookbehind, numbered groups).
// These tests hold it to the plain form it replaced — one named group and one lookbehind per
// entry, read with matchAll — on every fixture text and on recombined, re-cased sentences.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sourceEntries } from '../src/suggest/lexicon.ts';
import { findSourceEntries } from '../src/suggest/sources.ts';

const fixturesDirectory = fileURLToPath(new URL('./fixtures/', import.meta.url));

const plainSourcePattern = new RegExp(
  [
    ...sourceEntries.map((entry, index) => `(?<e${index}>${entry.patterns.join('|')})`),
    String.raw`(?<bareKim>Kim)(?!\s+[A-Z][a-z]+[-\s][a-z]+)`,
  ]
    .map((alternative) => String.raw`(?<![\w-])(?:${alternative})(?![\w-])`)
    .join('|'),
  'g',
);

/** Each match as "start-end:entry", the entry by its index in the lexicon or "bareKim". */
function plainMatches(text: string): string[] {
  return Array.from(text.matchAll(plainSourcePattern), (match) => {
    const groups = match.groups ?? {};
    const entry =
      groups['bareKim'] !== undefined
        ? 'bareKim'
        : sourceEntries.findIndex((_, index) => groups[`e${index}`] !== undefined);
    return `${match.index}-${match.index + match[0].length}:${entry}`;
  });
}

function fastMatches(text: string): string[] {
  return findSourceEntries(text).map(({ start, end, entry }) => {
    const index = sourceEntries.indexOf(entry);
    return `${start}-${end}:${index === -1 ? 'bareKim' : index}`;
  });
}

function fixtureTexts(): string[] {
  return ['suggest/dev', 'suggest/held-out', 'segment'].flatMap((directory) =>
    readdirSync(join(fixturesDirectory, directory))
      .filter((name) => /^[^.]+\.txt$/.test(name))
      .map((name) => readFileSync(join(fixturesDirectory, directory, name), 'utf8')),
  );
}

/** Lines of the fixtures shuffled together and re-cased, so entries meet in new neighbourhoods. */
function recombinedTexts(lines: readonly string[]): string[] {
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const recase = [
    (line: string) => line,
    (line: string) => line.toLowerCase(),
    (line: string) => line.toUpperCase(),
  ];
  return Array.from({ length: 300 }, () =>
    Array.from({ length: 4 }, () =>
      recase[Math.floor(next() * 3)]!(lines[Math.floor(next() * lines.length)]!),
    ).join(' '),
  );
}

describe('findSourceEntries', () => {
  const texts = fixtureTexts();
  const lines = texts.flatMap((text) => text.split('\n')).filter((line) => line.trim().length > 0);

  it('finds the mentions the plain one-group-per-entry pattern finds, in every fixture', () => {
    expect(texts.length).toBeGreaterThanOrEqual(10);
    for (const text of texts) expect(fastMatches(text)).toEqual(plainMatches(text));
  });

  it('agrees with the plain pattern on recombined and re-cased fixture lines', () => {
    let mentionCount = 0;
    for (const text of recombinedTexts(lines)) {
      const expected = plainMatches(text);
      mentionCount += expected.length;
      expect(fastMatches(text)).toEqual(expected);
    }
    // The comparison means something only if the texts name many sources.
    expect(mentionCount).toBeGreaterThan(300);
  });

  it('reports a bare "Kim" apart from the full names it does not match', () => {
    expect(fastMatches('Kim met envoys. Kim Jong-un spoke.')).toEqual([
      '0-3:bareKim',
      `16-27:${sourceEntries.findIndex((entry) => entry.name === 'Kim Jong-un')}`,
    ]);
  });
});
