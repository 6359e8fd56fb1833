// Builds news text of a given size from the core package's invented fixture articles, varied per
// copy so that no two copies are the same string.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fixture articles and their hand-made gold files live with the segmenter's tests. */
const fixturesDirectory = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../core/test/fixtures/segment',
);

interface FixtureArticle {
  text: string;
  goldSegmentCount: number;
}

function readFixtureArticles(): FixtureArticle[] {
  return readdirSync(fixturesDirectory)
    .filter((fileName) => fileName.endsWith('.gold.json'))
    .sort()
    .map((fileName) => {
      const articleName = fileName.replace(/\.gold\.json$/, '');
      const gold: unknown[] = JSON.parse(readFileSync(path.join(fixturesDirectory, fileName), 'utf8'));
      const text = readFileSync(path.join(fixturesDirectory, `${articleName}.txt`), 'utf8');
      return { text, goldSegmentCount: gold.length };
    });
}

export interface NewsCorpus {
  text: string;
  /** Segments the hand-made gold files give for the articles the corpus repeats. */
  goldSegmentCount: number;
  articleCount: number;
}

/**
 * At least `targetLength` UTF-16 units of articles separated by blank lines. Each copy shifts the
 * digits of its multi-digit numbers, which changes figures and dates but not where sentences end
 * (single digits stay: they number lists).
 */
export function buildNewsCorpus(targetLength: number): NewsCorpus {
  const articles = readFixtureArticles();
  if (articles.length === 0) throw new Error(`No fixture articles found in ${fixturesDirectory}`);
  const parts: string[] = [];
  let length = 0;
  let goldSegmentCount = 0;
  for (let copy = 0; length < targetLength; copy++) {
    const article = articles[copy % articles.length]!;
    const shift = Math.floor(copy / articles.length) % 10;
    const varied = article.text.replace(/\d{2,}/g, (number) =>
      number.replace(/\d/g, (digit) => String((Number(digit) + shift) % 10)),
    );
    parts.push(varied.trim());
    length += varied.length + 2;
    goldSegmentCount += article.goldSegmentCount;
  }
  return { text: parts.join('\n\n'), goldSegmentCount, articleCount: parts.length };
}

/**
 * `count` distinct articles: the fixtures in turn, each round adding the round's number to every
 * multi-digit number (keeping its width), so every copy differs in its figures and none is a
 * duplicate that an import would skip, while sentence ends stay where they were.
 */
export function buildNewsArticles(count: number): string[] {
  const articles = readFixtureArticles();
  if (articles.length === 0) throw new Error(`No fixture articles found in ${fixturesDirectory}`);
  return Array.from({ length: count }, (_, copy) => {
    const round = Math.floor(copy / articles.length);
    return articles[copy % articles.length]!.text.trim().replace(/\d{2,}/g, (number) =>
      String(Number(number) + round).padStart(number.length, '0'),
    );
  });
}
