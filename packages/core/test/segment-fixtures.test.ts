// The project's own invented wire articles, each with a hand-segmented gold file (see make-gold.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segment } from '../src/segment/index.ts';
import { type GoldSegment, segmentFixturesDirectory } from './fixtures/segment/shared-data.ts';

const articleNames = readdirSync(segmentFixturesDirectory)
  .filter((fileName) => fileName.endsWith('.gold.json'))
  .map((fileName) => fileName.replace(/\.gold\.json$/, ''));

function readArticle(articleName: string): { article: string; gold: GoldSegment[] } {
  const article = readFileSync(path.join(segmentFixturesDirectory, `${articleName}.txt`), 'utf8');
  const gold = JSON.parse(
    readFileSync(path.join(segmentFixturesDirectory, `${articleName}.gold.json`), 'utf8'),
  );
  return { article, gold };
}

describe('segment on the project fixture articles', () => {
  it('has at least five gold-segmented articles', () => {
    expect(articleNames.length).toBeGreaterThanOrEqual(5);
  });

  it.each(articleNames)('reproduces every gold segment of %s', (articleName) => {
    const { article, gold } = readArticle(articleName);
    const expected = gold.map(({ start, end, text, kind }) => ({ start, end, text, kind }));
    expect(segment(article)).toEqual(expected);
  });

  it.each(articleNames)('has gold offsets that slice to the gold text in %s', (articleName) => {
    const { article, gold } = readArticle(articleName);
    for (const goldSegment of gold) {
      expect(article.slice(goldSegment.start, goldSegment.end)).toBe(goldSegment.text);
    }
  });
});
