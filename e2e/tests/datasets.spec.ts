import { readFile } from 'node:fs/promises';
import type { DocumentDetail, DocumentPage } from '@attest/core';
import type { APIRequestContext, CDPSession, Locator, Page } from '@playwright/test';
import { parse as parseCsv } from 'csv-parse/sync';
import { addTeammate, createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { expect, saveScreenshot, test } from './support.ts';

/** Article rows written for these tests; line 3 is broken on purpose. */
const articleRows = [
  JSON.stringify({
    title: 'Harbour cranes idle after the storm',
    outlet: 'Coastal Wire',
    published_at: '2026-02-03',
    body: 'Harbour cranes idle after the storm\n\nPort officials said the cranes would restart on Monday. The state news agency claimed the storm caused no damage at all.',
  }),
  JSON.stringify({
    title: 'Rail talks resume at the border',
    outlet: 'Inland Daily',
    published_at: '2026-02-10',
    body: 'Rail talks resume at the border\n\nNegotiators met on Tuesday for the first time in a year. Analysts said a deal was unlikely before summer.',
  }),
  '{"title": "Broken row", "body": ',
];
const noteText =
  'Fishing fleet returns early\n\nThe fleet came back two weeks ahead of schedule, the ministry said. Observers think fuel shortages are to blame.\n';

const importFiles = [
  {
    name: 'articles.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${articleRows.join('\n')}\n`),
  },
  { name: 'fleet.txt', mimeType: 'text/plain', buffer: Buffer.from(noteText) },
];

async function listTitles(request: APIRequestContext, slug: string): Promise<string[]> {
  const response = await request.get(`/api/projects/${slug}/documents?limit=100`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as DocumentPage).items.map((document) => document.title).sort();
}

async function documentsOf(request: APIRequestContext, slug: string): Promise<DocumentDetail[]> {
  const response = await request.get(`/api/projects/${slug}/documents?limit=100`);
  const page = (await response.json()) as DocumentPage;
  return Promise.all(
    page.items.map(
      async (summary) => (await (await request.get(`/api/documents/${summary.id}`)).json()) as DocumentDetail,
    ),
  );
}

/** A project with the two article rows imported through the API. */
async function projectWithArticles(request: APIRequestContext, prefix: string): Promise<string> {
  const slug = uniqueSlug(prefix);
  await createProject(request, { slug, name: `Datasets ${prefix}` });
  const imported = await request.post(`/api/projects/${slug}/imports`, {
    headers: { 'content-type': 'application/x-ndjson' },
    data: articleRows.slice(0, 2).join('\n'),
  });
  expect(imported.status(), await imported.text()).toBe(200);
  return slug;
}

/** Settles gold labels on the first sentences of each document, by API. */
async function adjudicateSome(
  request: APIRequestContext,
  documents: DocumentDetail[],
): Promise<Map<string, string>> {
  const decided = new Map<string, string>();
  const keys = ['kcna_claim', 'reported_fact', 'observer_inference'];
  for (const document of documents) {
    const sentences = document.sentences.filter((sentence) => sentence.kind !== 'boilerplate').slice(0, 2);
    for (const [index, sentence] of sentences.entries()) {
      const label = keys[(decided.size + index) % keys.length] as string;
      const response = await request.put(`/api/sentences/${sentence.id}/adjudication`, {
        headers: { 'if-match': '"0"', 'idempotency-key': `e2e-adjudicate-${sentence.id}` },
        data: { label },
      });
      expect(response.status(), await response.text()).toBe(200);
      decided.set(sentence.id, label);
    }
  }
  return decided;
}

/** Slows this page's network so a transfer lasts long enough to watch (and cancel). */
async function throttle(
  page: Page,
  bytesPerSecond: { download: number; upload: number },
): Promise<CDPSession> {
  const session = await page.context().newCDPSession(page);
  await session.send('Network.enable');
  await session.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: bytesPerSecond.download,
    uploadThroughput: bytesPerSecond.upload,
  });
  return session;
}

/** Presses Tab until `target` has focus; fails after `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let press = 0; press < limit; press++) {
    if (await target.evaluate((element) => element.matches(':focus')).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** What a stubbed save dialog's file received, one entry per download. */
interface SavedFile {
  suggestedName: string;
  bytes: number[];
  isClosed: boolean;
  isAborted: boolean;
}

/**
 * Stands in for Chromium's save dialog (`showSaveFilePicker`), which a test cannot click: it
 * "picks" the suggested name and hands the page a writable stream that records what it is given.
 */
async function stubSaveDialog(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const saved: SavedFile[] = [];
    Object.assign(window, {
      savedFiles: saved,
      showSaveFilePicker: async ({ suggestedName }: { suggestedName: string }) => ({
        name: suggestedName,
        createWritable: async () => {
          const file: SavedFile = { suggestedName, bytes: [], isClosed: false, isAborted: false };
          saved.push(file);
          return new WritableStream<Uint8Array>({
            write(chunk) {
              for (const byte of chunk) file.bytes.push(byte);
            },
            close() {
              file.isClosed = true;
            },
            abort() {
              file.isAborted = true;
            },
          });
        },
      }),
    });
  });
}

/** Takes the save dialog away, as in browsers without the File System Access API. */
async function withoutSaveDialog(page: Page): Promise<void> {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'showSaveFilePicker', { value: undefined, configurable: true });
  });
}

async function savedFiles(page: Page): Promise<SavedFile[]> {
  return page.evaluate(() => (window as unknown as { savedFiles: SavedFile[] }).savedFiles);
}

test.describe('dataset import and export in the web app', () => {
  test('the import dialog reports bad lines by number, imports the rest, and a re-import changes nothing', async ({
    page,
  }) => {
    const slug = uniqueSlug('import');
    await createProject(page.request, { slug, name: 'Import dialog check' });
    await page.goto(`/projects/${slug}`);
    await page.getByRole('button', { name: 'Import files' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import files' });
    // The importer is slotted into the dialog: find its controls from the element itself.
    const importer = page.locator('attest-dataset-import');
    await expect(dialog).toBeVisible();
    await importer.getByLabel('Files to import').setInputFiles(importFiles);
    const chosen = importer.getByRole('list', { name: 'Chosen files' }).getByRole('listitem');
    await expect(chosen).toHaveCount(2);
    await importer.getByRole('button', { name: 'Import 2 files' }).click();

    const summary = importer.getByRole('status').filter({ hasText: 'imported' });
    await expect(summary).toContainText(
      '3 documents imported · 0 skipped as already in the project · 1 bad row',
    );
    await expect(importer.getByRole('list', { name: 'Bad rows' })).toHaveText(
      /articles\.jsonl, line 3:\s*Not a JSON object\./,
    );
    // The files stay chosen after bad rows, ready for a retry.
    await expect(chosen).toHaveCount(2);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'import-dialog');

    // The good rows and the text file are documents now, listed on the page behind the dialog.
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    const table = page.getByRole('table');
    for (const title of [
      'Harbour cranes idle after the storm',
      'Rail talks resume at the border',
      'Fishing fleet returns early',
    ])
      await expect(table.getByRole('link', { name: title })).toBeVisible();
    const titles = await listTitles(page.request, slug);
    expect(titles).toHaveLength(3);

    // Importing the same files again skips every document: same text, same sha256.
    await page.getByRole('button', { name: 'Import files' }).click();
    await expect(chosen).toHaveCount(2);
    await importer.getByRole('button', { name: 'Import 2 files' }).click();
    await expect(summary).toContainText(
      '0 documents imported · 3 skipped as already in the project · 1 bad row',
    );
    expect(await listTitles(page.request, slug)).toEqual(titles);
  });

  test('sixty articles of one import all list, in the order of their lines, across two pages', async ({
    page,
  }) => {
    const slug = uniqueSlug('many');
    await createProject(page.request, { slug, name: 'Many articles' });
    const numbers = Array.from({ length: 60 }, (_, index) => index + 1);
    const rows = numbers.map((number) =>
      JSON.stringify({
        title: `Dispatch ${number}`,
        body: `Dispatch ${number}\n\nThe ferry ran ${number} times, officials said.`,
      }),
    );
    const imported = await page.request.post(`/api/projects/${slug}/imports`, {
      headers: { 'content-type': 'application/x-ndjson' },
      data: rows.join('\n'),
    });
    expect(imported.status(), await imported.text()).toBe(200);
    await page.goto(`/projects/${slug}`);
    const documents = page.getByRole('region', { name: 'Documents', exact: true });
    await expect(documents.getByText('50 documents shown')).toBeVisible();
    await documents.getByRole('button', { name: 'Show more documents' }).click();
    await expect(documents.getByText('60 documents shown')).toBeVisible();
    await expect(documents.getByRole('button', { name: 'Show more documents' })).toHaveCount(0);
    // Newest first: the last line on top, the first at the bottom.
    const titles = await documents
      .getByRole('row')
      .getByRole('link', { name: /^Dispatch \d+$/ })
      .allTextContents();
    expect(titles).toEqual(numbers.map((number) => `Dispatch ${number}`).reverse());
  });

  test('the import dialog refuses a .json file before sending it and gives each file a verdict', async ({
    page,
  }) => {
    const slug = uniqueSlug('kinds');
    await createProject(page.request, { slug, name: 'Import kinds check' });
    await page.goto(`/projects/${slug}`);
    await page.getByRole('button', { name: 'Import files' }).click();
    const importer = page.locator('attest-dataset-import');
    await importer.getByLabel('Files to import').setInputFiles([
      {
        name: 'gold.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify([{ sentence: 1, label: 'kcna_claim' }])),
      },
      { name: 'fleet.txt', mimeType: 'text/plain', buffer: Buffer.from(noteText) },
      {
        name: 'row.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(JSON.stringify({ title: 'Not prose', body: 'A row.' })),
      },
    ]);
    const chosen = importer.getByRole('list', { name: 'Chosen files' }).getByRole('listitem');
    await expect(chosen).toHaveCount(3);
    await expect(chosen.filter({ hasText: 'gold.json' })).toContainText(
      'Will not be imported: A .json file is not imported: it is JSON, not an article.',
    );
    // The owner may give an export's labels back to their annotators: the upload asks for it.
    await importer.getByRole('checkbox', { name: /Keep the exported annotators/ }).check();
    const upload = page.waitForRequest((request) => request.url().includes(`/api/projects/${slug}/imports`));
    await importer.getByRole('button', { name: 'Import 2 files' }).click();
    expect(new URL((await upload).url()).searchParams.get('annotators')).toBe('members');

    const verdicts = importer.getByRole('list', { name: 'Files', exact: true }).getByRole('listitem');
    await expect(verdicts).toHaveText([
      /fleet\.txt:\s*1 document imported/,
      /row\.txt:\s*1 problem, listed below/,
      /gold\.json:\s*not imported\. A \.json file is not imported/,
    ]);
    await expect(importer.getByRole('list', { name: 'Bad rows' })).toHaveText(
      /row\.txt, line 1:\s*The file holds JSON, not an article\./,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(await listTitles(page.request, slug)).toEqual(['Fishing fleet returns early']);
  });

  test('an upload shows its progress and can be cancelled, importing nothing', async ({ page }) => {
    const slug = uniqueSlug('upload');
    await createProject(page.request, { slug, name: 'Upload progress check' });
    await page.goto(`/projects/${slug}`);
    await page.getByRole('button', { name: 'Import files' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import files' });
    // The importer is slotted into the dialog: find its controls from the element itself.
    const importer = page.locator('attest-dataset-import');
    await expect(dialog).toBeVisible();
    const paragraph = 'The delegation said talks would continue next week, according to the agency. ';
    // Dropped on the dialog rather than chosen.
    const dropped = await page.evaluateHandle(
      (text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], 'long-article.txt', { type: 'text/plain' }));
        return transfer;
      },
      `A long article\n\n${paragraph.repeat(4_000)}`,
    );
    await importer.getByText('or drop files here').dispatchEvent('drop', { dataTransfer: dropped });
    await expect(importer.getByRole('list', { name: 'Chosen files' })).toContainText('long-article.txt');
    await throttle(page, { download: 1_000_000, upload: 40_000 });
    await importer.getByRole('button', { name: 'Import', exact: true }).click();
    const progress = importer.getByRole('progressbar', { name: 'Upload' });
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('aria-valuetext', /^[\d.]+ (bytes|kB) of 308\.\d kB sent$/);
    await importer.getByRole('button', { name: 'Cancel upload' }).click();
    await expect(importer.getByRole('status')).toHaveText(/Upload cancelled; nothing was imported/);
    await expect(importer.getByRole('list', { name: 'Chosen files' }).getByRole('listitem')).toHaveCount(1);
    expect(await listTitles(page.request, slug)).toEqual([]);
  });

  // JSON lines stream into the file picked in the save dialog (stubbed: Chromium's cannot be
  // clicked); CSV goes through the fallback of browsers without one, a Blob saved at the end.
  const downloads = [
    { format: 'jsonl', hasSaveDialog: true },
    { format: 'csv', hasSaveDialog: false },
  ] as const;
  for (const { format, hasSaveDialog } of downloads) {
    test(`the export page ${hasSaveDialog ? 'streams to the picked file' : 'saves without a save dialog'} ${format} rows that match the documents`, async ({
      page,
    }) => {
      // Importing and adjudicating through the API takes a while on a busy machine.
      test.setTimeout(60_000);
      await (hasSaveDialog ? stubSaveDialog(page) : withoutSaveDialog(page));
      const slug = await projectWithArticles(page.request, `export-${format}`);
      const documents = await documentsOf(page.request, slug);
      const decided = await adjudicateSome(page.request, documents);
      const sentences = new Map(
        documents.flatMap((document) =>
          document.sentences
            .filter((sentence) => sentence.kind !== 'boilerplate')
            .map(
              (sentence) =>
                [
                  sentence.id,
                  { ...sentence, documentId: document.document.id, title: document.document.title },
                ] as const,
            ),
        ),
      );

      await page.goto(`/projects/${slug}`);
      await page.getByRole('link', { name: 'Export', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Export a dataset', level: 1 })).toBeVisible();
      if (format === 'csv') await page.getByRole('radio', { name: /^CSV/ }).check();
      await expect(page.getByText(`--format ${format}`)).toBeVisible();

      const served = await page.request.get(`/api/projects/${slug}/export?format=${format}&scope=gold`);
      expect(served.ok()).toBe(true);
      let text: string;
      if (hasSaveDialog) {
        await page.getByRole('button', { name: 'Download', exact: true }).click();
        await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
        const [saved] = await savedFiles(page);
        expect(saved?.suggestedName).toBe(`${slug}-gold.${format}`);
        expect(saved?.isClosed).toBe(true);
        expect(saved?.isAborted).toBe(false);
        // The file holds exactly the bytes the API serves.
        expect(Buffer.from(saved?.bytes ?? [])).toEqual(await served.body());
        text = Buffer.from(saved?.bytes ?? []).toString('utf8');
      } else {
        const downloading = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Download', exact: true }).click();
        const download = await downloading;
        expect(download.suggestedFilename()).toBe(`${slug}-gold.${format}`);
        text = await readFile(await download.path(), 'utf8');
        expect(Buffer.from(text)).toEqual(await served.body());
      }
      const rows: Record<string, string | null>[] =
        format === 'jsonl'
          ? text
              .trimEnd()
              .split('\n')
              .map((line) => JSON.parse(line))
          : parseCsv(text, { columns: true });

      expect(rows).toHaveLength(sentences.size);
      for (const row of rows) {
        const sentence = sentences.get(String(row['sentence_id']));
        expect(sentence, `row for unknown sentence ${row['sentence_id']}`).toBeDefined();
        expect(row['document_id']).toBe(sentence?.documentId);
        expect(row['title']).toBe(sentence?.title);
        expect(row['text']).toBe(sentence?.text);
        // CSV leaves null as an empty cell.
        expect(row['label'] || null).toBe(decided.get(String(row['sentence_id'])) ?? null);
      }
      const progress = page.getByRole('progressbar', { name: 'Export download' });
      await expect(progress).toHaveAttribute('aria-valuetext', new RegExp(`received · ${rows.length} rows$`));
      await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(
        `Saved ${slug}-gold.${format}`,
      );
      if (format === 'csv') {
        // The whole page, at rest after a download, for the docs.
        await page.setViewportSize({ width: 1280, height: 1320 });
        await page.evaluate(() => window.scrollTo(0, 0));
        expect(await seriousViolations(page)).toEqual([]);
        await saveScreenshot(page, 'export-page');
      }
    });
  }

  test('the export page works by keyboard alone, shows its progress, and cancels a slow download', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    await stubSaveDialog(page);
    const slug = await projectWithArticles(page.request, 'export-keys');
    await adjudicateSome(page.request, await documentsOf(page.request, slug));
    await page.goto(`/projects/${slug}/export`);
    const heading = page.getByRole('heading', { name: 'Export a dataset', level: 1 });
    await expect(heading).toBeFocused();

    // Scope and format are radio groups: Tab into each, arrows to choose.
    await tabTo(page, page.getByRole('radio', { name: /^Gold labels/ }));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /^Every annotation/ })).toBeChecked();
    await tabTo(page, page.getByRole('radio', { name: /^JSON lines/ }));
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('radio', { name: /^CSV/ })).toBeChecked();
    const adjudicated = page.getByRole('checkbox', { name: 'Adjudicated' });
    await tabTo(page, adjudicated);
    await page.keyboard.press('Space');
    await expect(adjudicated).toBeChecked();
    const command = page.getByRole('region', { name: 'The same export elsewhere' });
    await expect(command).toContainText(
      `--format csv --scope annotations --status adjudicated -o ${slug}-annotations.csv`,
    );
    await expect(command).toContainText(
      `/api/projects/${slug}/export?format=csv&scope=annotations&status=adjudicated`,
    );
    expect(await seriousViolations(page)).toEqual([]);

    // The annotations scope has one row per analyst label; the owner labelled nothing here, so
    // go back to gold for a file with rows, still by keyboard.
    await tabTo(page, page.getByRole('radio', { name: /^Every annotation/ }), 80);
    await page.keyboard.press('ArrowUp');
    const downloadButton = page.getByRole('button', { name: 'Download', exact: true });
    await tabTo(page, downloadButton);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(`${slug}-gold.csv`);
    const [saved] = await savedFiles(page);
    expect(saved?.suggestedName).toBe(`${slug}-gold.csv`);
    const rows = parseCsv(Buffer.from(saved?.bytes ?? []), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((row) => row['status']))).toEqual(new Set(['adjudicated']));
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(`${rows.length} row`);

    // A slow network: the bar runs while bytes arrive, and Cancel stops the download.
    await page.getByRole('radio', { name: /^Zip bundle/ }).check();
    await throttle(page, { download: 1_500, upload: 1_000_000 });
    await downloadButton.focus();
    await page.keyboard.press('Enter');
    const progress = page.getByRole('progressbar', { name: 'Export download' });
    await expect(progress).toBeVisible();
    await expect(page.getByRole('button', { name: 'Downloading…' })).toBeDisabled();
    const cancel = page.getByRole('button', { name: 'Cancel download' });
    await tabTo(page, cancel);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'cancelled' })).toHaveText(
      'Download cancelled; nothing was saved.',
    );
    // The half-written file is discarded, not closed as if complete.
    const cancelled = (await savedFiles(page))[1];
    expect(cancelled?.suggestedName).toBe(`${slug}-gold.zip`);
    expect(cancelled?.isAborted).toBe(true);
    expect(cancelled?.isClosed).toBe(false);
    // The choices survive the cancel.
    await expect(page.getByRole('radio', { name: /^Zip bundle/ })).toBeChecked();
    await expect(adjudicated).toBeChecked();
  });

  test('an export the server refuses shows its problem and keeps the choices', async ({
    page,
    browser,
    consoleErrors,
  }) => {
    const slug = await projectWithArticles(page.request, 'export-error');
    const reviewer = await addTeammate(browser, page.request, slug, 'reviewer', 'Rita Reviewer');
    const reviewerPage = await reviewer.context.newPage();
    await stubSaveDialog(reviewerPage);
    await reviewerPage.goto(`/projects/${slug}/export`);
    await reviewerPage.getByRole('radio', { name: /^CSV/ }).check();
    await reviewerPage.getByLabel('From').fill('2026-02-01');
    // The owner makes the reviewer an analyst while the page is open: the server refuses.
    consoleErrors.allow(/status of 403/);
    const demoted = await page.request.patch(`/api/projects/${slug}/members/${reviewer.userId}`, {
      data: { role: 'analyst' },
    });
    expect(demoted.status(), await demoted.text()).toBeLessThan(300);
    await reviewerPage.getByRole('button', { name: 'Download', exact: true }).click();
    const alert = reviewerPage.getByRole('alert');
    await expect(alert).toHaveText(/^\s*The export failed: .*(owner|reviewer)/i);
    await expect(alert).toBeFocused();
    // The file picked before the refusal arrived is discarded.
    expect(await savedFiles(reviewerPage)).toEqual([
      { suggestedName: `${slug}-gold.csv`, bytes: [], isClosed: false, isAborted: true },
    ]);
    await expect(reviewerPage.getByRole('radio', { name: /^CSV/ })).toBeChecked();
    await expect(reviewerPage.getByLabel('From')).toHaveValue('2026-02-01');
    await reviewer.context.close();
  });
});
