// Quality measured on the shared test material: pySBD's English Golden Rules and a gold-segmented
// Yonhap article. Both live outside the repository and are never copied into it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { segment } from '../src/segment/index.ts';
import { type GoldSegment, hasSharedFile, sharedDataDirectory } from './fixtures/segment/shared-data.ts';

interface GoldenRule {
  id: number;
  category: string;
  rule: string;
  text: string;
  expected: string[];
}

/** The issue asks for at least 47 of 48; the segmenter reached 48, and a drop must fail the suite. */
const goldenRulesFloor = 48;

const hasGoldenRules = hasSharedFile('sbd-golden-rules-en.json');
const hasArmistice =
  hasSharedFile('armistice-anniversary.txt') && hasSharedFile('armistice-anniversary.gold.json');

describe('segment on the English Golden Rules', () => {
  it.skipIf(!hasGoldenRules)(`passes at least ${goldenRulesFloor} of the 48 cases`, () => {
    const rules: GoldenRule[] = JSON.parse(
      readFileSync(path.join(sharedDataDirectory, 'sbd-golden-rules-en.json'), 'utf8'),
    );
    const failures = rules.filter((rule) => {
      const actual = segment(rule.text).map((piece) => piece.text);
      return JSON.stringify(actual) !== JSON.stringify(rule.expected);
    });
    const score = rules.length - failures.length;
    console.log(`Golden Rules: ${score}/${rules.length} (${((100 * score) / rules.length).toFixed(2)}%)`);
    for (const failure of failures) console.log(`  failed #${failure.id} ${failure.rule}: ${failure.text}`);
    expect(rules).toHaveLength(48);
    expect(score).toBeGreaterThanOrEqual(goldenRulesFloor);
  });
});

describe('segment on the armistice-anniversary article', () => {
  it.skipIf(!hasArmistice)('reproduces every gold segment: offsets, text and kind', () => {
    const article = readFileSync(path.join(sharedDataDirectory, 'armistice-anniversary.txt'), 'utf8');
    const gold: GoldSegment[] = JSON.parse(
      readFileSync(path.join(sharedDataDirectory, 'armistice-anniversary.gold.json'), 'utf8'),
    );
    const expected = gold.map(({ start, end, text, kind }) => ({ start, end, text, kind }));
    expect(segment(article)).toEqual(expected);
  });
});
