import {
  annotatableRows,
  expect,
  importPasted,
  labelButton,
  saveScreenshot,
  saveStatus,
  test,
} from './support.ts';

test.describe('failures', () => {
  test('a failed save shows Not saved with the reason, and Retry saves it', async ({
    page,
    consoleErrors,
  }) => {
    consoleErrors.allow(/status of 503/);
    await importPasted(page, `Retry check\n\nThe KCNA said the dam was completed ahead of schedule.\n`);
    const annotationUrl = '**/api/sentences/*/annotation';
    await page.route(annotationUrl, (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Service unavailable',
          status: 503,
          detail: 'The server is restarting.',
        }),
      }),
    );
    const rows = annotatableRows(page);
    await rows.nth(1).click();
    await page.keyboard.press('1');
    await expect(rows.nth(1)).toHaveAccessibleName(/^KCNA claim, not saved: /, { timeout: 10_000 });
    await expect(saveStatus(page)).toHaveText('Not saved: The server is restarting.');
    await saveScreenshot(page, 'save-failed');

    await page.unroute(annotationUrl);
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(saveStatus(page)).toHaveText('All changes saved');
    await expect(rows.nth(1)).toHaveAccessibleName(/^KCNA claim: /);
    await page.reload();
    await expect(annotatableRows(page).nth(1)).toHaveAccessibleName(/^KCNA claim: /);
  });

  test('a label changed elsewhere is shown as the server holds it', async ({
    page,
    request,
    consoleErrors,
  }) => {
    consoleErrors.allow(/status of 412/);
    const documentId = await importPasted(
      page,
      `Conflict check\n\nThe paper said the plant doubled its output.\n`,
    );
    const rows = annotatableRows(page);
    await rows.nth(1).click();
    await labelButton(page, 'KCNA claim').click();
    await expect(saveStatus(page)).toHaveText('All changes saved');

    const detail = await (await request.get(`/api/documents/${documentId}`)).json();
    const sentenceId: string = detail.annotations[0].sentenceId;
    const elsewhere = await request.put(`/api/sentences/${sentenceId}/annotation`, {
      headers: { 'if-match': '"1"', 'idempotency-key': `elsewhere-${Date.now()}` },
      data: { label: 'reported_fact' },
    });
    expect(elsewhere.status()).toBe(200);

    await labelButton(page, 'Observer inference').click();
    await expect(page.getByRole('alert')).toContainText('changed elsewhere');
    await expect(rows.nth(1)).toHaveAccessibleName(/^Reported fact, changed elsewhere: /);
  });

  test('bad import input shows the reason and keeps what was typed', async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 422/, /status of 415/);
    await page.goto('/projects/demo');
    const pasteForm = page.getByRole('form', { name: 'Paste an article' });
    const text = 'A draft that is not ready\n\nThe ministry said nothing yet.';
    await pasteForm.getByLabel('Article text').fill(text);
    await pasteForm.getByLabel('Title').fill('Draft title');
    await pasteForm.getByLabel('Source URL').fill('not a link');
    await pasteForm.getByRole('button', { name: 'Import text' }).click();
    // The form's own label names the field, not the API's "url".
    await expect(pasteForm.getByRole('alert')).toHaveText(
      'Source URL: Enter the full address, starting with https:// or http://.',
    );
    await expect(pasteForm.getByLabel('Article text')).toHaveValue(text);
    await expect(pasteForm.getByLabel('Title')).toHaveValue('Draft title');
    await expect(pasteForm.getByLabel('Source URL')).toHaveAttribute('aria-invalid', 'true');
    await saveScreenshot(page, 'import-error');

    const uploadForm = page.getByRole('form', { name: 'Upload a file' });
    await uploadForm.getByLabel('Text file (.txt)').setInputFiles({
      name: 'notes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4'),
    });
    await uploadForm.getByLabel('Title').fill('Notes');
    await uploadForm.getByRole('button', { name: 'Upload file' }).click();
    await expect(uploadForm.getByRole('alert')).toContainText('"notes.pdf" is not a .txt file');
    await expect(uploadForm.getByLabel('Title')).toHaveValue('Notes');
    await expect(page).toHaveURL(/\/projects\/demo$/);
  });
});

test.describe('the console check', () => {
  test('a page that logs an error fails its test', async ({ page }) => {
    // Every spec's `test` comes from support.ts, whose check turns this error into a failure.
    test.fail();
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.evaluate(() => console.error('An error no test expects'));
  });
});
