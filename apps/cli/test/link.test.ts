import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const fixtures = path.join(repoRoot, 'packages/core/test/fixtures/claims');

describe('attest link', () => {
  it('prints the segment lines of shared claims with the claim id, attribution and dropped flag', async () => {
    const files = ['engine-wire-one.txt', 'engine-daily-two.txt', 'engine-herald-three.txt'];
    const { stdout } = await run(
      path.join(repoRoot, 'node_modules/.bin/tsx'),
      [path.join(repoRoot, 'apps/cli/src/main.ts'), 'link', ...files],
      { cwd: fixtures, env: { ...process.env, DATABASE_URL: '' } },
    );
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
});
