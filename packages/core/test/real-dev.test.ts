// Measured on real published articles (../shared/data/real-dev, twenty articles from thirteen
// outlets): exact segmentation per article and suggestion accuracy on the gold segments. The
// texts are third-party copyright material, so they are read at run time and never copied here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segment } from '../src/segment/index.ts';
import { evaluateSuggestions, formatEvaluationTable, goldSentenceSchema } from '../src/suggest/evaluate.ts';
import { sharedDataDirectory } from './fixtures/segment/shared-data.ts';
import { suggestOnGold } from './fixtures/suggest/on-gold.ts';

const realDevDirectory = path.join(sharedDataDirectory, 'real-dev');
const hasRealDev = existsSync(realDevDirectory);
if (!hasRealDev) console.warn(`Skipping the real-dev tests: ${realDevDirectory} is missing.`);

const articles = hasRealDev
  ? readdirSync(realDevDirectory)
      .filter((file) => /^d\d+\.txt$/.test(file))
      .map((file) => file.replace(/\.txt$/, ''))
      .sort((first, second) => Number(first.slice(1)) - Number(second.slice(1)))
      .map((name) => ({
        name,
        text: readFileSync(path.join(realDevDirectory, `${name}.txt`), 'utf8'),
        gold: goldSentenceSchema
          .array()
          .parse(JSON.parse(readFileSync(path.join(realDevDirectory, `${name}.gold.json`), 'utf8'))),
      }))
  : [];

describe.skipIf(!hasRealDev)('real-dev: twenty published articles', () => {
  it('segments every article exactly (segments and kinds)', () => {
    const failures: string[] = [];
    for (const { name, text, gold } of articles) {
      const expected = gold.map(({ start, end, kind }) => `${start}-${end} ${kind}`);
      const actual = segment(text).map(({ start, end, kind }) => `${start}-${end} ${kind}`);
      if (expected.join('\n') !== actual.join('\n')) failures.push(name);
    }
    console.log(
      `real-dev segmentation: ${articles.length - failures.length}/${articles.length} articles exact` +
        (failures.length > 0 ? ` (differ: ${failures.join(', ')})` : ''),
    );
    expect(articles).toHaveLength(20);
    expect(failures).toEqual([]);
  });

  it('labels at least 95% of the non-ambiguous sentences as the gold files do', () => {
    const report = evaluateSuggestions(
      articles.flatMap((article) => article.gold),
      articles.flatMap((article) => suggestOnGold(article)),
    );
    const f1s = Object.values(report.perLabel).map(({ precision, recall }) =>
      precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    );
    const macroF1 = f1s.reduce((sum, value) => sum + value, 0) / f1s.length;
    console.log(
      `${formatEvaluationTable('real-dev (non-ambiguous)', report)}\nmacro-F1 ${macroF1.toFixed(3)}\n` +
        report.misses.map((miss) => `  ${miss.rule}: ${miss.suggested} ≠ ${miss.gold}`).join('\n'),
    );
    expect(report.total).toBe(158);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
