// Importing JSON lines, CSV and Attest's own exports, with per-line error reports.
import type { DatasetRow, DocumentDetail, ImportResult } from '@attest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../src/services/import-dataset.ts';
import {
  addMember,
  createTestApp,
  expectProblem,
  joinByInvite,
  type TestApp,
  type TestUser,
  waitForClaimLinking,
} from './helpers.ts';

let testApp: TestApp;
let analysts: [TestUser, TestUser];

const body = `Launch 🚀 headline

The KCNA said the launch succeeded. Analysts said it may have failed.

The ministry confirmed the date.
`;

beforeAll(async () => {
  testApp = await createTestApp();
  for (const slug of ['source', 'copy-annotations', 'copy-gold', 'plain'])
    await testApp.owner.json('POST', '/api/projects', { slug, name: slug, annotatorsPerDocument: 2 });
  analysts = [
    await addMember(testApp, 'source', 'analyst', 'Ann A'),
    await addMember(testApp, 'source', 'analyst', 'Bo B'),
  ];
  for (const slug of ['copy-annotations', 'copy-gold'])
    for (const analyst of analysts) await joinByInvite(testApp.owner, slug, 'analyst', analyst);
  const imported = (await (
    await testApp.owner.json('POST', '/api/projects/source/documents', {
      body,
      outlet: 'Wire',
      publishedAt: '2024-07-27',
    })
  ).json()) as ImportResult;
  const detail = (await (
    await analysts[0].request(`/api/documents/${imported.document.id}`)
  ).json()) as DocumentDetail;
  const annotatable = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
  const labels = [
    ['reported_fact', 'reported_fact'],
    ['kcna_claim', 'kcna_claim'],
    ['observer_inference', 'reported_fact'],
  ];
  for (const [index, sentence] of annotatable.entries()) {
    const pair = labels[index];
    if (!pair) continue;
    const kcna = sentence.text.indexOf('KCNA');
    for (const [position, analyst] of analysts.entries())
      await analyst.json('PUT', `/api/sentences/${sentence.id}/annotation`, {
        label: pair[position],
        source: kcna >= 0 ? 'KCNA' : null,
        cues:
          kcna >= 0 ? [{ start: sentence.start + kcna, end: sentence.start + kcna + 4, kind: 'source' }] : [],
      });
  }
  await testApp.owner.json('PUT', `/api/sentences/${annotatable[2]!.id}/adjudication`, {
    label: 'observer_inference',
  });
}, 60_000);

afterAll(async () => {
  await testApp?.database.destroy();
});

async function post(slug: string, content: string, contentType: string, query = ''): Promise<ImportReport> {
  const response = await testApp.owner.request(`/api/projects/${slug}/imports${query}`, {
    method: 'POST',
    body: content,
    headers: { 'content-type': contentType },
  });
  if (response.status !== 200) throw new Error(`Import failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as ImportReport;
}

async function exportRows(slug: string, scope: string): Promise<DatasetRow[]> {
  const text = await (
    await testApp.owner.request(`/api/projects/${slug}/export?scope=${scope}&annotators=emails`)
  ).text();
  return text
    .trimEnd()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as DatasetRow);
}

/** A row without what differs between two projects: ids, project, timestamps. */
function comparable(row: DatasetRow) {
  const { document_id, sentence_id, project, created_at, updated_at, adjudicated_at, ...rest } = row;
  return rest;
}

describe('POST /api/projects/:slug/imports', () => {
  it('imports JSON lines with metadata, reports bad lines and keeps the good ones', async () => {
    const lines = [
      JSON.stringify({
        title: 'One',
        outlet: 'Wire',
        url: 'https://example.org/1',
        published_at: '2024-01-02',
        body: 'The ministry said so. It added more.',
      }),
      '{not json',
      JSON.stringify({ title: 'Two', text: 'Experts doubted the claim.' }),
      JSON.stringify({ title: 'Empty', body: '   ' }),
    ].join('\n');
    const report = await post('plain', lines, 'application/x-ndjson');
    expect(report.imported).toBe(2);
    expect(report.errors.map((error) => error.line)).toEqual([2, 4]);
    const again = await post('plain', lines, 'application/x-ndjson');
    expect(again).toMatchObject({ imported: 0, skipped: 2 });
  });

  it('stores a batch once per text, reports errors in line order and assigns the new articles', async () => {
    const repeated = 'The agency said the new bridge opened. Residents welcomed it.';
    const lines = [
      JSON.stringify({ title: 'Bridge', body: repeated }),
      JSON.stringify({ body: 'Source: Wire\n(END)' }),
      JSON.stringify({ title: 'Bridge again', body: repeated }),
      JSON.stringify({ title: 'No date', body: 'Officials met.', published_at: 'soon' }),
      JSON.stringify({ title: 'Port', body: 'The port reopened on Monday, officials said.' }),
    ].join('\n');
    await testApp.owner.json('POST', '/api/projects', {
      slug: 'batch',
      name: 'batch',
      annotatorsPerDocument: 2,
    });
    for (const analyst of analysts) await joinByInvite(testApp.owner, 'batch', 'analyst', analyst);
    const report = await post('batch', lines, 'application/x-ndjson');
    expect(report).toMatchObject({ imported: 2, skipped: 1 });
    expect(report.errors.map((error) => error.line)).toEqual([2, 4]);
    expect(report.errors[0]!.message).toContain('only boilerplate');
    // Both analysts of the project get each new article (two analysts a document).
    for (const analyst of analysts) {
      const page = (await (await analyst.request('/api/projects/batch/documents?limit=100')).json()) as {
        items: { title: string }[];
      };
      const titles = page.items.map((item) => item.title);
      expect(titles).toEqual(expect.arrayContaining(['Bridge', 'Port']));
      expect(titles).not.toContain('Bridge again');
    }
  });

  it('lists the articles of one import in the order of its lines and pages through all of them', async () => {
    await testApp.owner.json('POST', '/api/projects', { slug: 'paged', name: 'paged' });
    const titles = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
    const lines = titles.map((title) => JSON.stringify({ title, body: `${title} said the dam held.` }));
    expect(await post('paged', lines.join('\n'), 'application/x-ndjson')).toMatchObject({ imported: 5 });
    // Two a page: the cursor must fall between documents stored by one statement.
    const listed: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = (await (
        await testApp.owner.request(`/api/projects/paged/documents?limit=2${query}`)
      ).json()) as { items: { title: string }[]; nextCursor: string | null };
      listed.push(...page.items.map((item) => item.title));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(listed).toEqual([...titles].reverse());
    // The work queue is oldest first: the import's first line.
    const next = (await (await testApp.owner.request('/api/projects/paged/next-document')).json()) as {
      documentId: string;
    };
    const detail = (await (await testApp.owner.request(`/api/documents/${next.documentId}`)).json()) as {
      document: { title: string };
    };
    expect(detail.document.title).toBe('Alpha');
  });

  it('stores sentence text and suggestions unchanged when they hold backslashes, tabs and quotes', async () => {
    const tricky =
      'The KCNA said the path C:\\new\\tab\tended "here". It added\ta line\\n of \\N and 🚀 more.';
    const report = await post(
      'plain',
      JSON.stringify({ title: 'Tricky', body: tricky }),
      'application/x-ndjson',
    );
    expect(report).toMatchObject({ imported: 1, errors: [] });
    const page = (await (await testApp.owner.request('/api/projects/plain/documents?limit=100')).json()) as {
      items: { id: string; title: string }[];
    };
    const stored = page.items.find((item) => item.title === 'Tricky')!;
    const detail = (await (
      await testApp.owner.request(`/api/documents/${stored.id}`)
    ).json()) as DocumentDetail;
    expect(detail.sentences.map((sentence) => sentence.text)).toEqual([
      'The KCNA said the path C:\\new\\tab\tended "here".',
      'It added\ta line\\n of \\N and 🚀 more.',
    ]);
    for (const sentence of detail.sentences) {
      expect(sentence.text).toBe(tricky.slice(sentence.start, sentence.end));
      for (const cue of sentence.suggestion?.cues ?? [])
        expect(cue.text).toBe(tricky.slice(cue.start, cue.end));
    }
    expect(detail.sentences[0]!.suggestion).toMatchObject({ label: 'kcna_claim', source: 'KCNA' });
  });

  it('imports CSV with metadata columns and reports the line of a bad row', async () => {
    const csv =
      'title,outlet,published_at,body\r\nA,Wire,2024-02-03,"The agency said, quoting KCNA, that it worked."\r\nB,Wire,not a date,Some text here.\r\n';
    const report = await post('plain', csv, 'text/csv');
    expect(report.imported).toBe(1);
    expect(report.errors).toEqual([expect.objectContaining({ line: 3 })]);
  });

  it('writes nothing in strict mode when a row is bad', async () => {
    const lines = [JSON.stringify({ body: 'A fine new article text.' }), JSON.stringify({ body: '' })].join(
      '\n',
    );
    const report = await post('plain', lines, 'application/x-ndjson', '?strict=true');
    expect(report.imported).toBe(0);
    expect(report.errors).toHaveLength(1);
    const retry = await post('plain', lines.split('\n')[0]!, 'application/x-ndjson', '?strict=true');
    expect(retry.imported).toBe(1);
  });

  for (const scope of ['annotations', 'gold']) {
    it(`round-trips the ${scope} scope: export, import into a new project, export again gives the same data`, async () => {
      const zip = await (
        await testApp.owner.request(`/api/projects/source/export?format=zip&scope=${scope}&annotators=emails`)
      ).arrayBuffer();
      const form = new FormData();
      form.set('file', new File([new Uint8Array(zip)], `source-${scope}.zip`, { type: 'application/zip' }));
      const target = `copy-${scope}`;
      const response = await testApp.owner.request(`/api/projects/${target}/imports?annotators=members`, {
        method: 'POST',
        body: form,
      });
      const file = `source-${scope}.zip`;
      const report = (await response.json()) as ImportReport;
      expect(report).toEqual({
        imported: 1,
        skipped: 0,
        errors: [],
        files: [{ file, imported: 1, skipped: 0, errors: 0 }],
        linking: { waitingDocuments: expect.any(Number) },
      });
      // The imported document is queued for claim linking; the background linker may have taken it already.
      expect(report.linking.waitingDocuments).toBeLessThanOrEqual(1);
      await waitForClaimLinking(testApp.owner, target);
      const before = (await exportRows('source', scope)).map(comparable);
      const after = (await exportRows(target, scope)).map(comparable);
      expect(after).toEqual(before);
      const again = await testApp.owner.request(`/api/projects/${target}/imports?annotators=members`, {
        method: 'POST',
        body: form,
      });
      expect(await again.json()).toEqual({
        imported: 0,
        skipped: 1,
        errors: [],
        files: [{ file, imported: 0, skipped: 1, errors: 0 }],
        linking: { waitingDocuments: 0 },
      });
    });
  }

  it('keeps offsets and cues when an exported JSON lines file comes without the documents', async () => {
    const text = await (await testApp.owner.request('/api/projects/source/export?scope=annotations')).text();
    const report = await post('plain', text, 'application/x-ndjson');
    // Imported labels are the importing user's, once per sentence: the second one is reported.
    expect(report.imported).toBe(1);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(report.errors.every((error) => error.message.includes('imported labels are yours'))).toBe(true);
    const copied = await exportRows('plain', 'annotations');
    const original = (await exportRows('source', 'annotations')).filter(
      (row) => row.annotator === 'ann.a@example.org',
    );
    const spans = (rows: DatasetRow[]) => rows.map((row) => [row.start, row.end, row.text, row.cues]);
    expect(spans(copied.filter((row) => row.title === original[0]!.title))).toEqual(spans(original));
  });

  it('refuses a .json file and JSON saved as .txt, saying what it expected, with a verdict per file', async () => {
    await testApp.owner.json('POST', '/api/projects', { slug: 'kinds', name: 'kinds' });
    const form = new FormData();
    form.append('file', new File(['The agency said the dam held. Engineers agreed.'], 'dam.txt'));
    form.append('file', new File([JSON.stringify([{ sentence: 1, label: 'kcna_claim' }])], 'gold.json'));
    form.append('file', new File([JSON.stringify({ title: 'Not prose', body: 'x' })], 'row.txt'));
    form.append(
      'file',
      new File([`${JSON.stringify({ title: 'Port', body: 'The port reopened.' })}\n`], 'rows.jsonl'),
    );
    form.append('file', new File(['%PDF-1.7'], 'scan.pdf'));
    const response = await testApp.owner.request('/api/projects/kinds/imports', {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report.imported).toBe(2);
    expect(report.files).toEqual([
      { file: 'dam.txt', imported: 1, skipped: 0, errors: 0 },
      { file: 'gold.json', imported: 0, skipped: 0, errors: 1 },
      { file: 'row.txt', imported: 0, skipped: 0, errors: 1 },
      { file: 'rows.jsonl', imported: 1, skipped: 0, errors: 0 },
      { file: 'scan.pdf', imported: 0, skipped: 0, errors: 1 },
    ]);
    const messages = new Map(report.errors.map((error) => [error.file, error.message]));
    expect(messages.get('gold.json')).toMatch(
      /^A \.json file is not imported: it is JSON, not an article\..*\.jsonl/,
    );
    expect(messages.get('row.txt')).toMatch(/^The file holds JSON, not an article\./);
    expect(messages.get('scan.pdf')).toMatch(/^A \.pdf file is not imported\. Attest imports \.txt articles/);
    const titles = (
      (await (await testApp.owner.request('/api/projects/kinds/documents')).json()) as {
        items: { title: string }[];
      }
    ).items.map((item) => item.title);
    expect(titles.sort()).toEqual(['Port', 'dam']);
  });

  it('is for owners and reviewers only', async () => {
    const response = await analysts[0].request('/api/projects/source/imports', {
      method: 'POST',
      body: '{"body":"x"}',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    await expectProblem(response, 404 === response.status ? 404 : 403);
  });
});

describe('imported rows go through the checks of a save and an article import', () => {
  let reviewer: TestUser;
  let goldRows: DatasetRow[];

  beforeAll(async () => {
    await testApp.owner.json('POST', '/api/projects', { slug: 'crafted', name: 'crafted' });
    reviewer = await addMember(testApp, 'crafted', 'reviewer', 'Rae Reviewer');
    // Ann is a member here too: a reviewer's import must still not speak for her.
    const ann = analysts.find((analyst) => analyst.email === 'ann.a@example.org');
    if (!ann) throw new Error('Ann A is set up by the first beforeAll');
    await joinByInvite(testApp.owner, 'crafted', 'analyst', ann);
    goldRows = await exportRows('source', 'gold');
  });

  async function importAs(user: TestUser, rows: unknown[], query = ''): Promise<Response> {
    return user.request(`/api/projects/crafted/imports${query}`, {
      method: 'POST',
      body: rows.map((row) => JSON.stringify(row)).join('\n'),
      headers: { 'content-type': 'application/x-ndjson' },
    });
  }

  /** The rows moved `by` code units into the text, so each test imports a text of its own. */
  function shifted(documentId: string, by: number): DatasetRow[] {
    return goldRows.map((row) => ({
      ...row,
      document_id: documentId,
      title: documentId,
      start: row.start + by,
      end: row.end + by,
      cues: row.cues.map((cue) => ({ ...cue, start: cue.start + by, end: cue.end + by })),
    }));
  }

  const notYours = (error: { message: string }) => !error.message.includes('imported labels are yours');

  async function craftedDocumentCount(): Promise<number> {
    const page = (await (await testApp.owner.request('/api/projects/crafted/documents')).json()) as {
      items: unknown[];
    };
    return page.items.length;
  }

  it('refuses offsets past the article limit, huge numbers and NUL characters by line, never a 500', async () => {
    const before = await craftedDocumentCount();
    const [first, second] = goldRows;
    const far = { ...first!, document_id: 'far', start: 20_000_000, end: 20_000_000 + first!.text.length };
    const huge = { ...first!, document_id: 'huge', start: 2e9, end: 2e9 + first!.text.length };
    const nul = { ...second!, document_id: 'nul', text: `${second!.text.slice(1)}\u0000` };
    const response = await importAs(testApp.owner, [far, huge, nul]);
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report.imported).toBe(0);
    expect(report.errors.map((error) => error.line)).toEqual([1, 2, 3]);
    expect(report.errors[0]!.message).toMatch(/^start: .*1000000/);
    expect(report.errors[2]!.message).toMatch(/^text: Contains a NUL character/);
    expect(await craftedDocumentCount()).toBe(before);
  });

  it('refuses cues outside the sentence and over-long chains by line, keeping the rest', async () => {
    const rows = shifted('checked', 1);
    const withCue = rows.findIndex((row) => row.cues.length > 0);
    rows[withCue] = { ...rows[withCue]!, cues: [{ ...rows[withCue]!.cues[0]!, start: 0, end: 3 }] };
    rows[0] = { ...rows[0]!, chain: Array.from({ length: 9 }, (_, index) => `Link ${index}`) };
    const response = await importAs(testApp.owner, rows);
    const report = (await response.json()) as ImportReport;
    expect(report.imported).toBe(0);
    expect(report.errors.map((error) => error.line)).toEqual([1]);
    expect(report.errors[0]!.message).toMatch(/^chain: /);
    const fixed = rows.map((row, index) => (index === 0 ? { ...row, chain: [] } : row));
    const again = (await (await importAs(testApp.owner, fixed)).json()) as ImportReport;
    expect(again.imported).toBe(1);
    const cueErrors = again.errors.filter(notYours);
    expect(cueErrors.length).toBeGreaterThan(0);
    for (const error of cueErrors) {
      expect(error.line).toBe(withCue + 1);
      expect(error.message).toMatch(/inside the sentence \(offsets \d+–\d+\); got 0–3/);
    }
  });

  it("gives a reviewer's imported labels and gold to the reviewer, with an import in the history", async () => {
    const rows = shifted('Reviewer import', 2);
    const refused = await importAs(reviewer, rows, '?annotators=members');
    await expectProblem(refused, 403);
    const response = await importAs(reviewer, rows);
    const report = (await response.json()) as ImportReport;
    expect(report.imported).toBe(1);
    const copied = (await exportRows('crafted', 'annotations')).filter(
      (row) => row.title === 'Reviewer import',
    );
    expect(new Set(copied.map((row) => row.annotator))).toEqual(new Set(['rae.reviewer@example.org']));
    const gold = (await exportRows('crafted', 'gold')).filter(
      (row) => row.title === 'Reviewer import' && row.status === 'adjudicated',
    );
    expect(gold.length).toBeGreaterThan(0);
    expect(gold.every((row) => row.adjudicator === 'rae.reviewer@example.org')).toBe(true);
    const history = (await (
      await reviewer.request(`/api/sentences/${gold[0]!.sentence_id}/history`)
    ).json()) as { items: { action: string }[] };
    expect(history.items.map((item) => item.action).sort()).toEqual(['import', 'import_adjudication']);
  });

  it("lets an owner keep the exported annotators who are members, but never an analyst's gold", async () => {
    const rows = shifted('Owner mapped', 3).map((row) => ({ ...row, adjudicator: 'ann.a@example.org' }));
    const report = (await (
      await importAs(testApp.owner, rows, '?annotators=members')
    ).json()) as ImportReport;
    expect(report.imported).toBe(1);
    const copied = (await exportRows('crafted', 'annotations')).filter((row) => row.title === 'Owner mapped');
    expect(new Set(copied.map((row) => row.annotator))).toEqual(
      new Set(['ann.a@example.org', 'owner@example.org']),
    );
    const gold = (await exportRows('crafted', 'gold')).filter(
      (row) => row.title === 'Owner mapped' && row.status === 'adjudicated',
    );
    expect(gold.map((row) => row.adjudicator)).toEqual(gold.map(() => 'owner@example.org'));
  });
});
