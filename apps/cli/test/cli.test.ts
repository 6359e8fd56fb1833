import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claimLinkQueue, claimLinks, documents, openDatabase, sentences } from '@attest/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, embeddedDatabaseForCli, repoRoot, runAttest } from './run-cli.ts';

const referencePath = path.join(repoRoot, '../shared/data/armistice-anniversary.txt');
const hasReferenceArticle = existsSync(referencePath);
if (!hasReferenceArticle)
  console.warn(`${referencePath} is absent: the reference-article CLI test does not run.`);

function attest(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runAttest(args, { cwd: workDir, env });
}

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'attest-cli-'));
  await writeFile(
    path.join(workDir, 'a.txt'),
    'Short headline here\n\nThe ministry said so. It added more.\n',
  );
  await writeFile(path.join(workDir, 'b.txt'), 'Emoji 🚀 came first. Then text.\r\n');
  await writeFile(path.join(workDir, 'c.txt'), 'The port reopened on Monday. Ships queued.\n');
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('attest segment', () => {
  it('prints one JSON line per segment, in order, with offsets into each file', async () => {
    const result = await attest(['segment', 'a.txt', 'b.txt']);
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.file, line.kind, line.text])).toEqual([
      ['a.txt', 'headline', 'Short headline here'],
      ['a.txt', 'sentence', 'The ministry said so.'],
      ['a.txt', 'sentence', 'It added more.'],
      ['b.txt', 'sentence', 'Emoji 🚀 came first.'],
      ['b.txt', 'sentence', 'Then text.'],
    ]);
    for (const line of lines) {
      const text = await readFile(path.join(workDir, line.file), 'utf8');
      expect(Object.keys(line)).toEqual(['file', 'start', 'end', 'kind', 'text']);
      expect(text.slice(line.start, line.end)).toBe(line.text);
    }
  });

  it('exits 2 with a message on stderr, and prints nothing, when a file is missing', async () => {
    const result = await attest(['segment', 'a.txt', 'missing.txt']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('missing.txt: no such file');
  });

  it('exits 2 and prints nothing for a file that is not UTF-8, and keeps a byte-order mark in the offsets', async () => {
    await writeFile(
      path.join(workDir, 'latin1.txt'),
      Buffer.from('Caf\xe9 opened. It was busy.\n', 'latin1'),
    );
    const refused = await attest(['segment', 'a.txt', 'latin1.txt']);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('latin1.txt: contains bytes that are not UTF-8');

    await writeFile(path.join(workDir, 'bom.txt'), '\uFEFFThe port reopened. Ships queued.\n');
    const withMark = await attest(['segment', 'bom.txt']);
    expect(withMark.code).toBe(0);
    const text = await readFile(path.join(workDir, 'bom.txt'), 'utf8');
    for (const line of withMark.stdout
      .trimEnd()
      .split('\n')
      .map((each) => JSON.parse(each)))
      expect(text.slice(line.start, line.end)).toBe(line.text);
  });

  it.skipIf(!hasReferenceArticle)('segments the reference article with exact offsets', async () => {
    const result = await attest(['segment', referencePath]);
    const text = await readFile(referencePath, 'utf8');
    for (const line of result.stdout
      .trimEnd()
      .split('\n')
      .map((entry) => JSON.parse(entry))) {
      expect(text.slice(line.start, line.end)).toBe(line.text);
    }
  });
});

describe('attest suggest', () => {
  it('adds the suggested label and its evidence to every segment line', async () => {
    await writeFile(
      path.join(workDir, 'claim.txt'),
      'The agency claims a record harvest\n\nThe harvest was the largest ever, the Korean Central News Agency said.\n',
    );
    const result = await attest(['suggest', 'claim.txt']);
    expect(result.code).toBe(0);
    const text = await readFile(path.join(workDir, 'claim.txt'), 'utf8');
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(Object.keys(lines[0])).toEqual([
      'file',
      'start',
      'end',
      'kind',
      'text',
      'label',
      'confidence',
      'source',
      'chain',
      'cues',
      'rule',
    ]);
    const claim = lines[1];
    expect(claim).toMatchObject({ kind: 'sentence', label: 'kcna_claim', source: 'KCNA' });
    expect(claim.cues.length).toBeGreaterThan(0);
    for (const cue of claim.cues) expect(text.slice(cue.start, cue.end)).toBe(cue.text);
  });

  it('emits every attribution as source, reporting_verb and content cues', async () => {
    const text = '"The talks will resume next month," the Korean Central News Agency said on Friday.\n';
    await writeFile(path.join(workDir, 'quote.txt'), text);
    const result = await attest(['suggest', 'quote.txt']);
    expect(result.code).toBe(0);
    const [line] = result.stdout
      .trimEnd()
      .split('\n')
      .map((json) => JSON.parse(json));
    expect(line.cues.map((cue: { kind: string; text: string }) => [cue.kind, cue.text])).toEqual([
      ['content', '"The talks will resume next month,"'],
      ['source', 'the Korean Central News Agency'],
      ['reporting_verb', 'said'],
    ]);
  }, 20_000);
});

describe('attest eval-attribution', () => {
  it('prints exact and overlap scores per role against brat files', async () => {
    const directory = path.join(workDir, 'brat');
    await mkdir(directory, { recursive: true });
    const text = 'The port reopened on Monday, officials said.\n';
    await writeFile(path.join(directory, 'one.txt'), text);
    await writeFile(
      path.join(directory, 'one_ab12.ann'),
      'T1\tContent 0 27\tThe port reopened on Monday\nT2\tSource 29 38\tofficials\nT3\tCue 39 43\tsaid\n',
    );
    const result = await attest(['eval-attribution', directory]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 documents');
    expect(result.stdout).toMatch(/\| source \| 100\.0 \| 100\.0 \| 100\.0 \|/);
    expect(result.stdout).toMatch(/\| cue \| 100\.0 \| 100\.0 \| 100\.0 \|/);
  }, 20_000);

  it('exits 2 with a plain message for a directory without annotated articles', async () => {
    const result = await attest(['eval-attribution', path.join(workDir, 'nowhere')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Cannot read the directory');
  });
});

describe('attest import and export', () => {
  const database = embeddedDatabaseForCli();

  it('imports files into a project, skips a re-import, and exports the sentences as JSON lines', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    const imported = await attest(['import', '--project', 'demo', 'a.txt', 'b.txt'], env);
    expect(imported.code).toBe(0);
    expect(imported.stderr).toContain('Imported 2, already present 0, failed 0');
    const again = await attest(['import', '--project', 'demo', 'a.txt'], env);
    expect(again.stderr).toContain('Imported 0, already present 1, failed 0');

    const exported = await attest(['export', '--project', 'demo', '--format', 'jsonl'], env);
    expect(exported.code).toBe(0);
    const rows = exported.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows.map((row) => row.text)).toEqual(
      expect.arrayContaining(['The ministry said so.', 'Then text.']),
    );
    expect(rows.every((row) => row.schema_version === 4 && row.project === 'demo')).toBe(true);

    const reopened = await openDatabase({ dataDir: database().connection.dataDir!, migrate: false });
    try {
      const titles = (await reopened.db.select({ title: documents.title }).from(documents)).map(
        (row) => row.title,
      );
      expect(titles).toEqual(expect.arrayContaining(['Short headline here', 'b']));
    } finally {
      await reopened.close();
    }
  });

  it('imports JSON lines by extension, reports bad lines, and exports CSV and Parquet to files', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    await writeFile(
      path.join(workDir, 'rows.jsonl'),
      `${JSON.stringify({ title: 'Row one', outlet: 'Wire', body: 'The agency reported a harvest.' })}\n{broken\n`,
    );
    const imported = await attest(['import', '--project', 'demo', 'rows.jsonl'], env);
    expect(imported.code).toBe(1);
    expect(imported.stderr).toContain('rows.jsonl:2: Not a JSON object.');
    expect(imported.stderr).toContain('Imported 1, already present 0, failed rows 1');
    const csv = await attest(
      ['export', '--project', 'demo', '--format', 'csv', '--scope', 'gold', '-o', 'out.csv'],
      env,
    );
    expect(csv.code).toBe(0);
    const header = (await readFile(path.join(workDir, 'out.csv'), 'utf8')).split('\r\n')[0];
    expect(header?.startsWith('schema_version,scope,project,document_id')).toBe(true);
    const parquet = await attest(
      ['export', '--project', 'demo', '--format', 'parquet', '-o', 'out.parquet'],
      env,
    );
    expect(parquet.code).toBe(0);
    const bytes = await readFile(path.join(workDir, 'out.parquet'));
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    expect(bytes.subarray(-4).toString()).toBe('PAR1');
  });

  it('--strict imports nothing when one row of one file is bad, and everything when all are good', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    const good = { title: 'Strict good', outlet: 'Wire', body: 'The council approved a strict budget.' };
    await writeFile(path.join(workDir, 'strict-good.jsonl'), `${JSON.stringify(good)}\n`);
    await writeFile(path.join(workDir, 'strict-bad.csv'), 'title,body\nOnly a title,\n');
    const refused = await attest(
      ['import', '--strict', '--project', 'demo', 'strict-good.jsonl', 'strict-bad.csv', 'c.txt'],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/strict-bad\.csv:2: /);
    expect(refused.stderr).toContain('Nothing imported (--strict): 1 bad row(s)');
    const titlesAfter = async () => {
      const reopened = await openDatabase({ dataDir: database().connection.dataDir!, migrate: false });
      try {
        return (await reopened.db.select({ title: documents.title }).from(documents)).map((row) => row.title);
      } finally {
        await reopened.close();
      }
    };
    expect(await titlesAfter()).not.toContain('Strict good');
    expect(await titlesAfter()).not.toContain('c');

    const accepted = await attest(
      ['import', '--strict', '--project', 'demo', 'strict-good.jsonl', 'c.txt'],
      env,
    );
    expect(accepted.code).toBe(0);
    expect(accepted.stderr).toContain('Imported 2, already present 0, failed rows 0');
    expect(await titlesAfter()).toEqual(expect.arrayContaining(['Strict good', 'c']));
  });

  it('links the imported articles into claims before the command ends (the CLI has no background linker)', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    const fixtures = path.join(repoRoot, 'packages/core/test/fixtures/claims');
    const rows = await Promise.all(
      [
        ['engine-wire-one', 'Wire One', '2031-03-02'],
        ['engine-daily-two', 'Daily Two', '2031-03-03'],
        ['engine-herald-three', 'Herald Three', '2031-03-04'],
      ].map(async ([name, outlet, published_at]) =>
        JSON.stringify({
          outlet,
          published_at,
          body: await readFile(path.join(fixtures, `${name}.txt`), 'utf8'),
        }),
      ),
    );
    await writeFile(path.join(workDir, 'engine.jsonl'), `${rows.join('\n')}\n`);
    const imported = await attest(['import', '--project', 'demo', 'engine.jsonl'], env);
    expect(imported.stderr).toContain('Imported 3, already present 0, failed rows 0');
    const reopened = await openDatabase({ dataDir: database().connection.dataDir!, migrate: false });
    try {
      expect(await reopened.db.select().from(claimLinkQueue)).toEqual([]);
      const burnTimeIds = new Set(
        (await reopened.db.select({ id: sentences.id, text: sentences.text }).from(sentences))
          .filter((sentence) => sentence.text.includes('320 seconds'))
          .map((sentence) => sentence.id),
      );
      const links = await reopened.db.select().from(claimLinks);
      const burnTime = links.filter((link) => burnTimeIds.has(link.sentenceId));
      expect(burnTime).toHaveLength(3);
      expect(new Set(burnTime.map((link) => link.claimId)).size).toBe(1);
    } finally {
      await reopened.close();
    }
  });

  it('exports the claims scope as JSON lines or CSV, and says which formats it takes', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    const claims = await attest(['export', '--project', 'demo', '--scope', 'claims'], env);
    expect(claims.stderr).toBe('');
    expect(claims.code).toBe(0);
    const lines = claims.stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { scope: string; occurrences: unknown[] });
    expect(lines.every((line) => line.scope === 'claims' && line.occurrences.length >= 2)).toBe(true);
    const csv = await attest(['export', '--project', 'demo', '--scope', 'claims', '--format', 'csv'], env);
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^schema_version,scope,project,claim_id,/);
    const parquet = await attest(
      ['export', '--project', 'demo', '--scope', 'claims', '--format', 'parquet', '-o', 'claims.parquet'],
      env,
    );
    expect(parquet.code).not.toBe(0);
    expect(parquet.stderr).toContain('jsonl or csv');
  });

  it('exports only what the filters ask for, and names a bad filter by its option', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    const all = await attest(['export', '--project', 'demo'], env);
    const allRows = all.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    const oneDocument = allRows[0].document_id as string;
    const filtered = await attest(['export', '--project', 'demo', '--documents', oneDocument], env);
    expect(filtered.code).toBe(0);
    const rows = filtered.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows.length).toBe(allRows.filter((row) => row.document_id === oneDocument).length);
    expect(rows.every((row) => row.document_id === oneDocument)).toBe(true);

    const future = await attest(['export', '--project', 'demo', '--published-from', '2999-01-01'], env);
    expect(future.code).toBe(0);
    expect(future.stdout).toBe('');

    const bad = await attest(['export', '--project', 'demo', '--published-to', 'last week'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--published-to: Not a date');
  });

  it('archives, restores and deletes a document, deleting only with --yes', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    const documentIds = async () =>
      new Set(
        (await attest(['export', '--project', 'demo', '--format', 'jsonl'], env)).stdout
          .trimEnd()
          .split('\n')
          .map((line) => (JSON.parse(line) as { document_id: string }).document_id),
      );
    expect((await attest(['import', '--project', 'demo', 'c.txt'], env)).code).toBe(0);
    const before = await documentIds();
    const target = [...before][0]!;
    const archived = await attest(['archive', 'document', target], env);
    expect(archived.code).toBe(0);
    expect(archived.stderr).toMatch(/^Archived document ".+"\.$/m);
    expect((await documentIds()).has(target)).toBe(false);
    expect((await attest(['restore', 'document', target], env)).code).toBe(0);

    const asked = await attest(['delete', 'document', target], env);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toMatch(/would remove 0 annotations, 0 adjudications and 0 history entries/);
    const deleted = await attest(['delete', 'document', target, '--yes'], env);
    expect(deleted.code).toBe(0);
    expect(deleted.stderr).toContain('Deleted document');
    // Restored, then deleted: every other document is still there.
    const after = await documentIds();
    expect([...after].sort()).toEqual([...before].filter((id) => id !== target).sort());
    expect((await attest(['archive', 'folder', 'x'], env)).code).toBe(2);
  }, 180_000);

  it('exits 2 for an unknown format and 1 for an unknown project', async () => {
    const env = { ATTEST_DATA_DIR: database().connection.dataDir! };
    expect((await attest(['export', '--project', 'demo', '--format', 'xml'], env)).code).toBe(2);
    const unknown = await attest(['import', '--project', 'nope', 'a.txt'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no project "nope"');
  });
});
