// Archiving, restoring and deleting, as an owner does it on the project page: what leaves the
// lists, what the confirmation names, and what the database holds afterwards.
import type { DocumentDetail, DocumentPage, ImportResult } from '@attest/core';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { saveScreenshot } from './support.ts';

const articles = [
  'Ferry service resumes\n\nThe ferry company said crossings restart on Friday. Observers expect delays.\n',
  'Bridge inspection finished\n\nEngineers reported no damage to the bridge. The ministry confirmed the date.\n',
];

async function importArticles(request: APIRequestContext, slug: string): Promise<string[]> {
  const ids: string[] = [];
  for (const body of articles) {
    const response = await request.post(`/api/projects/${slug}/documents`, { data: { body } });
    expect(response.status(), await response.text()).toBe(201);
    ids.push(((await response.json()) as ImportResult).document.id);
  }
  return ids;
}

async function listedTitles(request: APIRequestContext, slug: string, archived = false): Promise<string[]> {
  const response = await request.get(`/api/projects/${slug}/documents${archived ? '?archived=true' : ''}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as DocumentPage).items.map((item) => item.title).sort();
}

/** The confirmation's sentence naming what goes (slotted into the dialog). */
function deletionText(page: Page) {
  return page.locator('attest-delete-dialog p').first();
}

/** A button of the confirmation (slotted into the dialog, so found from its host). */
function confirmButton(page: Page, name: string) {
  return page.locator('attest-delete-dialog').getByRole('button', { name, exact: true });
}

function recordConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

test('an owner archives a document, restores it, and deletes it after a confirmation naming what goes', async ({
  page,
  request,
}) => {
  const slug = uniqueSlug('shelf');
  await createProject(request, { slug, name: 'Shelf project' });
  const [ferryId] = await importArticles(request, slug);
  // A label and a gold label on the ferry article, for the confirmation to name.
  const ferry = (await (await request.get(`/api/documents/${ferryId}`)).json()) as DocumentDetail;
  const sentence = ferry.sentences.find((item) => item.kind === 'sentence')!;
  expect(
    (
      await request.put(`/api/sentences/${sentence.id}/annotation`, { data: { label: 'reported_fact' } })
    ).ok(),
  ).toBe(true);
  expect(
    (
      await request.put(`/api/sentences/${sentence.id}/adjudication`, { data: { label: 'reported_fact' } })
    ).ok(),
  ).toBe(true);
  const consoleErrors = recordConsoleErrors(page);

  await page.goto(`/projects/${slug}`);
  const documents = page.getByRole('region', { name: 'Documents', exact: true });
  const archived = page.getByRole('region', { name: 'Archived documents' });
  await expect(documents.getByRole('link', { name: 'Ferry service resumes' })).toBeVisible();
  await expect(archived).toContainText('None.');

  await documents.getByRole('button', { name: 'Archive', description: 'Ferry service resumes' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Archived “Ferry service resumes”' }),
  ).toBeVisible();
  await expect(documents.getByRole('link', { name: 'Ferry service resumes' })).toHaveCount(0);
  await expect(archived.getByRole('link', { name: 'Ferry service resumes' })).toBeVisible();
  expect(await listedTitles(request, slug)).toEqual(['Bridge inspection finished']);
  expect(await listedTitles(request, slug, true)).toEqual(['Ferry service resumes']);
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'archived-documents');

  await archived.getByRole('button', { name: 'Restore', description: 'Ferry service resumes' }).click();
  await expect(documents.getByRole('link', { name: 'Ferry service resumes' })).toBeVisible();
  expect(await listedTitles(request, slug)).toEqual(['Bridge inspection finished', 'Ferry service resumes']);

  // Archive again, then delete from the archive: the dialog names what goes; Cancel keeps it.
  await documents.getByRole('button', { name: 'Archive', description: 'Ferry service resumes' }).click();
  await archived.getByRole('button', { name: 'Delete…', description: 'Ferry service resumes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this document?' });
  await expect(deletionText(page)).toContainText('1 annotation, 1 adjudication and 2 history entries');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'delete-document');
  await confirmButton(page, 'Cancel').click();
  await expect(dialog).toBeHidden();
  expect(await listedTitles(request, slug, true)).toEqual(['Ferry service resumes']);

  await archived.getByRole('button', { name: 'Delete…', description: 'Ferry service resumes' }).click();
  await confirmButton(page, 'Delete document').click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted “Ferry service resumes”' })).toBeVisible();
  expect(await listedTitles(request, slug, true)).toEqual([]);
  expect((await request.get(`/api/documents/${ferryId}`)).status()).toBe(404);

  const audit = (await (await request.get(`/api/projects/${slug}/audit`)).json()) as {
    items: { action: string; targetName: string }[];
  };
  expect(audit.items.map((item) => `${item.action} ${item.targetName}`)).toEqual([
    'delete Ferry service resumes',
    'archive Ferry service resumes',
    'restore Ferry service resumes',
    'archive Ferry service resumes',
  ]);
  // The page shows the same history, with who did it and what went.
  const history = page.getByRole('list', { name: 'History' });
  await expect(history.getByRole('listitem').first()).toContainText(
    'Olivia Owner <owner@attest.test> deleted the document “Ferry service resumes” with 1 annotation, 1 adjudication and 2 history entries',
  );
  await expect(history.getByRole('listitem')).toHaveCount(4);
  expect(consoleErrors).toEqual([]);
});

test('an owner archives a project, finds it among the archived ones, restores it, and deletes it', async ({
  page,
  request,
}) => {
  const slug = uniqueSlug('attic');
  const name = `Attic ${slug}`;
  await createProject(request, { slug, name });
  await importArticles(request, slug);
  const consoleErrors = recordConsoleErrors(page);

  await page.goto(`/projects/${slug}`);
  const section = page.getByRole('region', { name: 'Archive or delete this project' });
  await section.getByRole('button', { name: 'Archive project' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'This project is archived' })).toBeVisible();

  await page.goto('/');
  await expect(page.getByRole('list', { name: 'Projects' }).getByRole('link', { name })).toHaveCount(0);
  await page.getByText(/^Archived projects/).click();
  await page.getByRole('list', { name: 'Archived projects' }).getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Restore project' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Restored the project' })).toBeVisible();

  await page
    .getByRole('region', { name: 'Archive or delete this project' })
    .getByRole('button', { name: 'Delete project…' })
    .click();
  await expect(page.getByRole('dialog', { name: 'Delete this project?' })).toBeVisible();
  await expect(deletionText(page)).toContainText(
    '2 documents, 0 annotations, 0 adjudications and 0 history entries',
  );
  await confirmButton(page, 'Delete project').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('status').filter({ hasText: `Deleted “${name}”` })).toBeVisible();
  expect((await request.get(`/api/projects/${slug}`)).status()).toBe(404);
  expect(consoleErrors).toEqual([]);
});
