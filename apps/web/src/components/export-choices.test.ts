import { describe, expect, it } from 'vitest';
import {
  defaultExportChoices,
  exportCliCommand,
  exportCurlCommand,
  exportFileName,
  exportFormatsFor,
  exportPath,
} from './export-choices.ts';

const filtered = {
  ...defaultExportChoices,
  format: 'csv',
  scope: 'annotations',
  documentIds: ['0b6f5f3e-1c1a-4f43-9d0e-7c9a4b1f2a10', '5d1e2c3b-4a59-4e68-8f7a-1b2c3d4e5f60'],
  statuses: ['disputed', 'single'],
  labels: ['kcna_claim'],
  publishedFrom: '2026-01-01',
  publishedTo: '2026-03-31',
  showEmails: true,
} as const;

describe('export choices', () => {
  it('leave defaults and empty filters out of the query', () => {
    expect(exportPath('demo', defaultExportChoices)).toBe(
      '/api/projects/demo/export?format=jsonl&scope=gold',
    );
  });

  it('name every filter as the API does', () => {
    const query = new URL(exportPath('demo', filtered), 'http://attest.test').searchParams;
    expect(Object.fromEntries(query)).toEqual({
      format: 'csv',
      scope: 'annotations',
      documents: filtered.documentIds.join(','),
      status: 'disputed,single',
      label: 'kcna_claim',
      published_from: '2026-01-01',
      published_to: '2026-03-31',
      annotators: 'emails',
    });
  });

  it('spell the same request as CLI flags, saving under the server file name', () => {
    expect(exportCliCommand('demo', filtered, 'http://attest.test:3000')).toBe(
      'attest export --server http://attest.test:3000 --project demo --format csv --scope annotations ' +
        `--documents ${filtered.documentIds.join(',')} --status disputed,single --label kcna_claim ` +
        '--published-from 2026-01-01 --published-to 2026-03-31 --emails -o demo-annotations.csv',
    );
    expect(exportFileName('demo', { ...filtered, format: 'card' })).toBe('README.md');
  });

  it('quote the URL for the shell in the curl command', () => {
    expect(exportCurlCommand('demo', defaultExportChoices, 'http://attest.test')).toBe(
      `curl -fOJ -H "Authorization: Bearer $ATTEST_TOKEN" 'http://attest.test/api/projects/demo/export?format=jsonl&scope=gold'`,
    );
  });

  it('ask for claims with the filters that apply to them, as JSON lines or CSV', () => {
    const claims = { ...filtered, scope: 'claims' } as const;
    expect(exportFormatsFor('claims')).toEqual(['jsonl', 'csv']);
    const query = new URL(exportPath('demo', claims), 'http://attest.test').searchParams;
    expect(query.get('scope')).toBe('claims');
    expect(query.get('documents')).toBe(filtered.documentIds.join(','));
    expect(query.get('published_from')).toBe('2026-01-01');
    // Gold statuses, labels and annotator names filter and name sentence rows only.
    expect([query.has('status'), query.has('label'), query.has('annotators')]).toEqual([false, false, false]);
    expect(exportFileName('demo', claims)).toBe('demo-claims.csv');
  });
});
