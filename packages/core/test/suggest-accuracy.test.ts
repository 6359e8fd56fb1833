// Measured accuracy of suggest() on gold-labelled articles: the shared armistice article (when
// ../shared/data is present), the development set the rules were tuned on, and a held-out set
// they were not. Each test fails when accuracy drops below its threshold and prints its table.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { suggestionSchema } from '../src/schemas.ts';
import {
  type EvaluationReport,
  evaluateSuggestions,
  formatEvaluationTable,
  type GoldSentence,
  goldSentenceSchema,
} from '../src/suggest/evaluate.ts';
import { hasSharedFile, sharedDataDirectory } from './fixtures/segment/shared-data.ts';
import { buildArticle, parseSentences } from './fixtures/suggest/build-gold.ts';
import { suggestOnGold } from './fixtures/suggest/on-gold.ts';

const armisticeGoldPath = join(sharedDataDirectory, 'armistice-anniversary.gold.json');
/** Warns, naming the missing path, when ../shared/data is absent (a fresh clone). */
const hasSharedData = hasSharedFile('armistice-anniversary.gold.json');
const fixtureDirectory = fileURLToPath(new URL('./fixtures/suggest/', import.meta.url));

interface GoldArticle {
  name: string;
  text: string;
  gold: GoldSentence[];
}

function readGoldArticle(textPath: string, goldPath: string, name: string): GoldArticle {
  const gold = goldSentenceSchema.array().parse(JSON.parse(readFileSync(goldPath, 'utf8')));
  return { name, text: readFileSync(textPath, 'utf8'), gold };
}

function readFixtureSet(set: 'dev' | 'held-out'): GoldArticle[] {
  const directory = join(fixtureDirectory, set);
  return readdirSync(directory)
    .filter((file) => file.endsWith('.sentences.txt'))
    .sort()
    .map((file) => {
      const name = file.replace(/\.sentences\.txt$/, '');
      return readGoldArticle(
        join(directory, `${name}.txt`),
        join(directory, `${name}.gold.json`),
        `${set}/${name}`,
      );
    });
}

/** Scores several articles as one pool of sentences. */
function evaluateArticles(articles: readonly GoldArticle[]): EvaluationReport {
  return evaluateSuggestions(
    articles.flatMap((article) => article.gold),
    articles.flatMap((article) => suggestOnGold(article)),
  );
}

function printReport(title: string, report: EvaluationReport): void {
  const misses = report.misses.map(
    (miss) => `  missed (${miss.rule}: ${miss.suggested} ≠ ${miss.gold}): ${miss.text}`,
  );
  console.log([formatEvaluationTable(title, report), ...misses].join('\n'));
}

const developmentSet = readFixtureSet('dev');
const heldOutSet = readFixtureSet('held-out');

describe('suggest accuracy on the armistice-anniversary article', () => {
  it.skipIf(!hasSharedData)(
    'labels at least 90% of its non-ambiguous sentences as the gold file does',
    () => {
      const article = readGoldArticle(
        join(sharedDataDirectory, 'armistice-anniversary.txt'),
        armisticeGoldPath,
        'armistice-anniversary',
      );
      const report = evaluateArticles([article]);
      printReport('armistice-anniversary (non-ambiguous sentences)', report);
      expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    },
  );
});

describe('suggest accuracy on the development set', () => {
  it('has at least five articles with gold labels', () => {
    expect(developmentSet.length).toBeGreaterThanOrEqual(5);
  });

  it('labels at least 90% of the non-ambiguous sentences as the gold files do', () => {
    const report = evaluateArticles(developmentSet);
    printReport(`development set (${developmentSet.length} articles)`, report);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });
});

describe('suggest accuracy on the held-out set', () => {
  it('labels at least 80% of the non-ambiguous sentences of articles the rules were not tuned on', () => {
    expect(heldOutSet.length).toBeGreaterThanOrEqual(2);
    const report = evaluateArticles(heldOutSet);
    printReport(`held-out set (${heldOutSet.length} articles)`, report);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.8);
  });
});

describe('suggestion fixtures', () => {
  it.each([...developmentSet, ...heldOutSet].map((article) => [article.name, article] as const))(
    '%s: gold offsets match the text and the files match their sentence list',
    (name, article) => {
      for (const sentence of article.gold) {
        expect(article.text.slice(sentence.start, sentence.end)).toBe(sentence.text);
      }
      const sentencesPath = join(fixtureDirectory, `${name}.sentences.txt`);
      const rebuilt = buildArticle(parseSentences(readFileSync(sentencesPath, 'utf8')));
      expect(rebuilt.text).toBe(article.text);
      expect(rebuilt.gold).toEqual(article.gold);
    },
  );

  it('produces suggestions that satisfy the shared schema', () => {
    for (const article of [...developmentSet, ...heldOutSet]) {
      for (const suggestion of suggestOnGold(article)) suggestionSchema.parse(suggestion);
    }
  });
});
