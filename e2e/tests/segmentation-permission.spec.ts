// Who may split and merge, and being asked first: analysts see no split or merge until an owner
// allows it, then confirm every change; an owner is asked when an analyst's labels would change.
import type { DocumentDetail } from '@attest/core';
import type { Browser, Page } from '@playwright/test';
import { addTeammate, createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { annotatableRows, expect, saveScreenshot, test } from './support.ts';

const article = (marker: string) => `Dam opens ${marker}

The Korean Central News Agency said the new dam was completed ahead of schedule.

Analysts said the announcement was likely timed to the party congress.

Officials from the ministry attended the opening.
`;

/** A project of the owner's with one analyst, and a document assigned to that analyst. */
async function projectWithAnalyst(page: Page, browser: Browser, prefix: string, analystName: string) {
  const slug = uniqueSlug(prefix);
  await createProject(page.request, { slug, name: `Segmentation ${prefix}`, annotatorsPerDocument: 1 });
  const analyst = await addTeammate(browser, page.request, slug, 'analyst', analystName);
  const response = await page.request.post(`/api/projects/${slug}/documents`, {
    data: { body: article(`${prefix} ${Date.now().toString(36)}`) },
  });
  expect(response.status(), await response.text()).toBe(201);
  const documentId = ((await response.json()) as { document: { id: string } }).document.id;
  return { slug, analyst, documentId };
}

async function sentenceCount(page: Page, documentId: string): Promise<number> {
  const detail = (await (await page.request.get(`/api/documents/${documentId}`)).json()) as DocumentDetail;
  return detail.sentences.length;
}

/** Collects the page's console errors: every page must log none. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

test('an analyst sees no split or merge until an owner allows it, then confirms each change', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const { slug, analyst, documentId } = await projectWithAnalyst(page, browser, 'segment', 'Sam Splitter');
  const analystPage = await analyst.context.newPage();
  const analystErrors = consoleErrors(analystPage);
  const ownerErrors = consoleErrors(page);

  await analystPage.goto(`/documents/${documentId}`);
  const rows = annotatableRows(analystPage);
  await rows.nth(1).click();
  await expect(analystPage.getByRole('heading', { name: 'Sentence 2' })).toBeVisible();
  await expect(analystPage.getByRole('heading', { name: 'Segmentation' })).toHaveCount(0);
  await expect(analystPage.getByRole('button', { name: /^Split/ })).toHaveCount(0);
  await expect(analystPage.getByRole('button', { name: /^Merge with next/ })).toHaveCount(0);
  // The shortcut says why nothing happens rather than doing nothing.
  await analystPage.keyboard.press('m');
  await expect(analystPage.getByRole('alert')).toContainText('only owners and reviewers split and merge');
  expect(await sentenceCount(analystPage, documentId)).toBe(4);
  expect(await seriousViolations(analystPage)).toEqual([]);

  await page.goto(`/projects/${slug}/settings/general`);
  const allow = page.getByRole('checkbox', { name: 'Analysts may split and merge sentences' });
  await expect(allow).not.toBeChecked();
  await allow.check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'settings-segmentation');

  await analystPage.reload();
  await rows.nth(1).click();
  await analystPage.getByRole('button', { name: /^Merge with next/ }).click();
  const dialog = analystPage.getByRole('dialog', { name: 'Merge for everyone?' });
  await expect(dialog).toBeVisible();
  // Said to an analyst whether or not a colleague labelled there: it names no one and no label.
  // The question is slotted into the dialog: found from the page.
  await expect(
    analystPage.getByText(
      "Merging these sentences changes them for everyone on the project. Anyone else's labels on them change with them",
    ),
  ).toBeVisible();
  expect(await seriousViolations(analystPage)).toEqual([]);
  await analystPage.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await sentenceCount(analystPage, documentId)).toBe(4);

  await analystPage.getByRole('button', { name: /^Merge with next/ }).click();
  await analystPage.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(analystPage.getByText('Sentences 2 and 3 were merged.')).toBeVisible();
  await expect(rows).toHaveCount(3);
  expect(await sentenceCount(analystPage, documentId)).toBe(3);
  expect(analystErrors).toEqual([]);
  expect(ownerErrors).toEqual([]);
  await analystPage.close();
});

test("an owner is asked before a merge changes an analyst's labels, and told how many", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const { analyst, documentId } = await projectWithAnalyst(page, browser, 'confirm', 'Lena Labeller');
  const detail = (await (await page.request.get(`/api/documents/${documentId}`)).json()) as DocumentDetail;
  const labelledSentence = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate')[1]!;
  const labelled = await analyst.context.request.put(`/api/sentences/${labelledSentence.id}/annotation`, {
    data: { label: 'observer_inference' },
  });
  expect(labelled.status(), await labelled.text()).toBe(200);
  const errors = consoleErrors(page);

  await page.goto(`/documents/${documentId}`);
  const rows = annotatableRows(page);
  await rows.nth(1).click();
  await page.getByRole('button', { name: /^Merge with next/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Merge for everyone?' });
  await expect(dialog).toBeVisible();
  const question = page.getByText(/^This merge changes the labels of 1 other person/);
  await expect(question).toBeVisible();
  await expect(question).not.toContainText('"confirm"');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'segmentation-confirm');
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(page.getByText('Sentences 2 and 3 were merged.')).toBeVisible();
  expect(await sentenceCount(page, documentId)).toBe(3);

  // The analyst's label was cleared by the owner's merge, and her history says a teammate did it.
  const history = (await (
    await analyst.context.request.get(`/api/sentences/${labelledSentence.id}/history`)
  ).json()) as {
    items: { action: string; actorId: string | null }[];
  };
  expect(history.items.map((item) => item.action)).toEqual(['set', 'merge']);
  expect(history.items[1]?.actorId).not.toBe(analyst.userId);
  expect(errors).toEqual([]);
  await analyst.context.close();
});
