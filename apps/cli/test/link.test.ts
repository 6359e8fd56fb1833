import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

  it('through --server, waits for the summary however late it comes, and says why a refusal was refused', async () => {
    const summary = {
      documents: 4,
      claims: 2,
      suggestedLinks: 5,
      confirmedLinks: 1,
      attributionDropped: 1,
      sentencesInSeveralClaims: 0,
    };
    const server = createServer((request, response) => {
      const isOurs =
        request.method === 'POST' &&
        request.url === '/api/projects/demo/claims/relink' &&
        request.headers.authorization === 'Bearer attest_test';
      if (!isOurs) {
        response.writeHead(404, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ status: 404, title: 'Not found', detail: 'No project "elsewhere".' }));
        return;
      }
      // A re-link answers only when it is done.
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(summary));
      }, 500);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const env = { ATTEST_TOKEN: 'attest_test' };
      const { stdout } = await attest(['links', '--project', 'demo', '--server', url], env);
      expect(stdout).toBe(
        '4 documents, 2 claims\n5 suggested links, 1 confirmed\n1 claims with a dropped attribution\n0 sentences in more than one claim\n',
      );
      const refused = await runAttest(['links', '--project', 'elsewhere', '--server', url], {
        cwd: fixtures,
        env,
      });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('No project "elsewhere".');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
