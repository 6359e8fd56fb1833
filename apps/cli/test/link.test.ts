import path from 'node:path';
import { claimLinks, openDatabase } from '@attest/db';
import { describe, expect, it } from 'vitest';
import { embeddedDatabaseForCli, repoRoot, runAttest } from './run-cli.ts';

const fixtures = path.join(repoRoot, 'packages/core/test/fixtures/claims');
const articles = ['engine-wire-one.txt', 'engine-daily-two.txt', 'engine-herald-three.txt'];
/** A lead that states two claims, and three articles that state each apart. */
const leadArticles = [
  'lead-carries-both.txt',
  'lead-apart-one.txt',
  'lead-apart-two.txt',
  'lead-apart-three.txt',
];

async function attest(args: string[], env: Record<string, string> = {}) {
  const result = await runAttest(args, { cwd: fixtures, env });
  expect(result.code, result.stderr).toBe(0);
  return result;
}

describe('attest link', () => {
  it('prints the segment lines of shared claims with the claim id, attribution and dropped flag', async () => {
    const { stdout } = await attest(['link', ...articles]);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const burnTime = lines.filter((line) => line.text.includes('320 seconds'));
    expect(burnTime.map((line) => [line.file, line.attribution, line.attribution_dropped])).toEqual([
      ['engine-wire-one.txt', 'kcna', true],
      ['engine-daily-two.txt', 'none', true],
      ['engine-herald-three.txt', 'kcna', true],
    ]);
    expect(new Set(burnTime.map((line) => line.claim)).size).toBe(1);
    expect(Object.keys(lines[0])).toEqual([
      'file',
      'start',
      'end',
      'kind',
      'text',
      'claim',
      'attribution',
      'attribution_dropped',
    ]);
    expect(lines.some((line) => line.text.startsWith('Analysts said'))).toBe(false);
  });

  it('prints a sentence that carries two claims once per claim, each line with its own claim id', async () => {
    const { stdout } = await attest([
      'link',
      'lead-carries-both.txt',
      'lead-apart-one.txt',
      'lead-apart-two.txt',
      'lead-apart-three.txt',
    ]);
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const lead = lines.filter((line) => line.file === 'lead-carries-both.txt' && line.kind === 'sentence');
    expect(lead).toHaveLength(2);
    expect(lead[0].start).toBe(lead[1].start);
    const burnTime = lines.find((line) => line.file === 'lead-apart-one.txt' && line.text.includes('320'));
    const orbit = lines.find((line) => line.file === 'lead-apart-one.txt' && line.text.includes('orbit'));
    expect(lead.map((line) => line.claim).sort()).toEqual([burnTime.claim, orbit.claim].sort());
    expect(burnTime.claim).not.toBe(orbit.claim);
  });
});

describe('attest links', () => {
  const database = embeddedDatabaseForCli();

  it('re-links a project and prints a summary of its claims, a lead in two claims counted', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    await attest(['import', '--project', 'demo', ...articles, ...leadArticles], env);
    const { stdout } = await attest(['links', '--project', 'demo'], env);
    expect(stdout).toMatch(/^8 documents, \d+ claims$/m);
    expect(stdout).toMatch(/^[1-9]\d* claims with a dropped attribution$/m);
    // The lead that states two claims is in both.
    expect(stdout).toMatch(/^[1-9]\d* sentences? in more than one claim$/m);
    const reopened = await openDatabase({ dataDir: database().connection.dataDir!, migrate: false });
    try {
      expect((await reopened.db.select().from(claimLinks)).length).toBeGreaterThanOrEqual(5);
    } finally {
      await reopened.close();
    }
  });
});
