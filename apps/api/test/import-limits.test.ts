// Imports larger than an import may be, zip bombs among them, are refused quickly with
// problem+json and write nothing; files of a kind Attest does not import get their own verdict.
import { deflateRawSync } from 'node:zlib';
import { documents } from '@attest/db';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../src/services/import-dataset.ts';
import { maxImportRows } from '../src/services/import-files.ts';
import { zipLimits } from '../src/services/import-zip.ts';
import { createTestApp, expectProblem, type TestApp } from './helpers.ts';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await createTestApp();
  await testApp.owner.json('POST', '/api/projects', { slug: 'bombs', name: 'bombs' });
}, 60_000);

afterAll(async () => {
  await testApp?.database.destroy();
});

interface ZipEntrySpec {
  name: string;
  content: Uint8Array;
  /** The uncompressed size the headers claim; the true size when left out. */
  declaredSize?: number;
}

/** A zip written by hand, so its headers can say what a crafted archive says. */
function makeZip(entries: ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const compressed = deflateRawSync(entry.content, { level: 9 });
    const name = Buffer.from(entry.name);
    const size = entry.declaredSize ?? entry.content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const bytes = (text: string) => new TextEncoder().encode(text);

async function documentCount(): Promise<number> {
  const [row] = await testApp.database.db.select({ total: count() }).from(documents);
  return row?.total ?? 0;
}

/** Posts the body and returns the response with how long the server took. */
async function postImport(body: Uint8Array | string, contentType: string) {
  const started = performance.now();
  const response = await testApp.owner.request('/api/projects/bombs/imports', {
    method: 'POST',
    body,
    headers: { 'content-type': contentType },
  });
  return { response, milliseconds: performance.now() - started };
}

const row = (title: string) =>
  JSON.stringify({ title, body: `The ministry said the ${title} bridge opened on Monday.` });

describe('import limits', () => {
  it('refuses a zip whose entry declares more than the entry limit, before inflating it', async () => {
    const before = await documentCount();
    const zeros = new Uint8Array(zipLimits.entryBytes + 1024);
    const zip = makeZip([
      { name: 'documents.jsonl', content: zeros },
      { name: 'bombs-gold.jsonl', content: bytes(row('a')) },
    ]);
    const { response, milliseconds } = await postImport(zip, 'application/zip');
    const problem = await expectProblem(response, 413);
    expect(problem.detail).toContain('documents.jsonl');
    expect(problem.detail).toContain('64 MiB');
    expect(milliseconds).toBeLessThan(2000);
    expect(await documentCount()).toBe(before);
  });

  it('refuses an entry that expands more than the ratio allows', async () => {
    const before = await documentCount();
    const zip = makeZip([{ name: 'bombs-gold.jsonl', content: new Uint8Array(8 * 1024 * 1024) }]);
    const { response, milliseconds } = await postImport(zip, 'application/zip');
    const problem = await expectProblem(response, 422);
    expect(problem.detail).toMatch(/expands more than 100 times/);
    expect(milliseconds).toBeLessThan(2000);
    expect(await documentCount()).toBe(before);
  });

  it('stops inflating an entry whose headers understate its size, and writes nothing', async () => {
    const before = await documentCount();
    // 200 MiB of zeros, about 200 KB compressed, its headers claiming a small JSON lines file.
    const bomb = new Uint8Array(200 * 1024 * 1024);
    const zip = makeZip([
      { name: 'bombs-gold.jsonl', content: bytes(`${row('fine')}\n`) },
      { name: 'documents.jsonl', content: bomb, declaredSize: 900 },
    ]);
    const { response, milliseconds } = await postImport(zip, 'application/zip');
    const problem = await expectProblem(response, 422);
    expect(problem.detail).toContain('documents.jsonl');
    expect(problem.detail).toContain('crafted');
    expect(milliseconds).toBeLessThan(2000);
    expect(await documentCount()).toBe(before);
  });

  it('finds an understated size even under the cap, by the bytes actually inflated', async () => {
    const zip = makeZip([
      { name: 'bombs-gold.jsonl', content: bytes(`${row('lie')}\n${row('more')}\n`), declaredSize: 10 },
    ]);
    const problem = await expectProblem((await postImport(zip, 'application/zip')).response, 422);
    expect(problem.detail).toMatch(/not the 10 its header says/);
  });

  it('refuses a zip with more entries than an export has', async () => {
    const entries = Array.from({ length: zipLimits.entries + 1 }, (_, index) => ({
      name: `part-${index}.jsonl`,
      content: bytes(row(String(index))),
    }));
    const problem = await expectProblem(
      (await postImport(makeZip(entries), 'application/zip')).response,
      413,
    );
    expect(problem.detail).toContain(`may hold at most ${zipLimits.entries} (an Attest export has 5)`);
  });

  it('refuses more rows than an import may hold, quickly, and writes nothing', async () => {
    const before = await documentCount();
    const lines = '{}\n'.repeat(maxImportRows + 1);
    const { response, milliseconds } = await postImport(lines, 'application/x-ndjson');
    const problem = await expectProblem(response, 413);
    expect(problem.detail).toContain('100,000 rows');
    expect(milliseconds).toBeLessThan(2000);
    expect(await documentCount()).toBe(before);
  });

  it('reports each line of a documents.jsonl that is not JSON, and imports the rows', async () => {
    const zip = makeZip([
      { name: 'documents.jsonl', content: bytes('not json\n{"document_id": 3}\n') },
      { name: 'bombs-gold.jsonl', content: bytes(`${row('kept')}\n`) },
    ]);
    const { response } = await postImport(zip, 'application/zip');
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report.imported).toBe(1);
    expect(report.errors.map((error) => [error.file, error.line])).toEqual([
      ['body.zip/documents.jsonl', 1],
      ['body.zip/documents.jsonl', 2],
    ]);
  });
});
