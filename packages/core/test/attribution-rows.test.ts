// The tagger scores tokens from per-word summed rows (feature-rows.ts) for speed. These tests hold
// it to the definition it replaces: the feature names of features.ts, looked up one by one and
// decoded with a plain Viterbi, must give the same scores and the same spans, on our invented
// fixtures and, when ../shared is present, on the PolNeAR dev texts (read at run time).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FeatureRows } from '../src/attribution/feature-rows.ts';
import { staticFeatures } from '../src/attribution/features.ts';
import { spansOf, Tagger, type TaggerWeights, transitionFeatures } from '../src/attribution/tagger.ts';
import { isAllowedAfter, tagCount } from '../src/attribution/tags.ts';
import { type Token, tokenize } from '../src/attribution/tokens.ts';
import weights from '../src/attribution/weights.json' with { type: 'json' };
import { sharedDataDirectory } from './fixtures/segment/shared-data.ts';

const trained = weights as TaggerWeights;
const byName = new Map(Object.entries(trained.features).map(([name, row]) => [name, Float32Array.from(row)]));

/** The scores of the named features, summed in their order, as the tagger did before. */
function scoresOf(names: readonly string[]): Float64Array {
  const scores = new Float64Array(tagCount);
  for (const name of names) {
    const row = byName.get(name);
    if (row) for (let tag = 0; tag < tagCount; tag++) scores[tag]! += row[tag]!;
  }
  return scores;
}

/** The tags by the definition: every feature by name, every transition by name, plain Viterbi. */
function referenceTags(tokens: readonly Token[]): number[] {
  if (tokens.length === 0) return [];
  const own = staticFeatures(tokens).map(scoresOf);
  const best: number[][] = [];
  const back: number[][] = [];
  for (const [index, token] of tokens.entries()) {
    const word = token.text.toLowerCase();
    best.push(new Array(tagCount).fill(Number.NEGATIVE_INFINITY));
    back.push(new Array(tagCount).fill(0));
    for (let previous = 0; previous < (index === 0 ? 1 : tagCount); previous++) {
      const before = index === 0 ? 0 : best[index - 1]![previous]!;
      if (before === Number.NEGATIVE_INFINITY) continue;
      const pair = scoresOf(transitionFeatures(previous, word));
      for (let tag = 0; tag < tagCount; tag++) {
        if (!isAllowedAfter(previous, tag)) continue;
        const total = before + own[index]![tag]! + pair[tag]!;
        if (total > best[index]![tag]!) {
          best[index]![tag] = total;
          back[index]![tag] = previous;
        }
      }
    }
  }
  const last = best.at(-1)!;
  let tag = last.indexOf(Math.max(...last));
  const path: number[] = [];
  for (let index = tokens.length - 1; index >= 0; index--) {
    path[index] = tag;
    tag = back[index]![tag]!;
  }
  return path;
}

function textsUnder(directory: string): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((name) => {
      const file = path.join(directory, name);
      if (statSync(file).isDirectory()) return textsUnder(file);
      return name.endsWith('.txt') ? [readFileSync(file, 'utf8')] : [];
    });
}

const fixtureTexts = textsUnder(path.join(import.meta.dirname, 'fixtures'));
const tagger = new Tagger(trained);

function expectSameSpans(texts: readonly string[]): number {
  let spanCount = 0;
  for (const text of texts) {
    const tokens = tokenize(text);
    const expected = spansOf(tokens, referenceTags(tokens));
    expect(spansOf(tokens, tagger.tag(tokens))).toEqual(expected);
    // The path suggest() takes: tokens read into reused offsets, words found where they stand.
    expect(tagger.spans(text)).toEqual(expected);
    spanCount += expected.length;
  }
  return spanCount;
}

describe('the tagger scored from summed rows', () => {
  it('gives every token of our fixtures the scores of its named features', () => {
    const rows = new FeatureRows(trained.features);
    let tokenCount = 0;
    for (const text of fixtureTexts) {
      // A quotation left open and a text starting inside a sentence, as suggest() tags them.
      for (const tokens of [tokenize(text), tokenize(text, 7, 900), tokenize(`"${text}`)]) {
        const { emissions, words } = rows.score(tokens);
        const names = staticFeatures(tokens);
        for (const [index, token] of tokens.entries()) {
          expect(emissions.slice(index * tagCount, (index + 1) * tagCount)).toEqual(scoresOf(names[index]!));
          const word = token.text.toLowerCase();
          for (let previous = 0; previous < tagCount; previous++) {
            expect(words[index]!.transitions.slice(previous * tagCount, (previous + 1) * tagCount)).toEqual(
              scoresOf(transitionFeatures(previous, word)),
            );
          }
        }
        tokenCount += tokens.length;
      }
    }
    expect(tokenCount).toBeGreaterThan(10_000);
  }, 60_000);

  it('finds the same spans as the named features on our fixtures', () => {
    expect(fixtureTexts.length).toBeGreaterThan(20);
    expect(expectSameSpans(fixtureTexts)).toBeGreaterThan(100);
  }, 60_000);

  const polnearDev = path.join(sharedDataDirectory, 'polnear', 'dev');
  const hasPolnear = existsSync(polnearDev);
  if (!hasPolnear) console.warn(`Skipping the PolNeAR comparison: ${polnearDev} is missing.`);
  it.skipIf(!hasPolnear)(
    'finds the same spans as the named features on the PolNeAR dev texts',
    () => {
      const texts = textsUnder(polnearDev);
      expect(texts).toHaveLength(84);
      expect(expectSameSpans(texts)).toBeGreaterThan(1000);
    },
    120_000,
  );
});
