// The screen never says more than is true: a refused save, a split or a merge far down a long
// document shows where the analyst is, and the save status never reads "saved" over a conflict.
import type { Page } from '@playwright/test';
import { ownerStorageState } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import {
  annotatableRows,
  expect,
  importPasted,
  labelsFromApi,
  saveScreenshot,
  saveStatus,
  test,
} from './support.ts';

/** An article long enough that its last sentences sit far below the top of the page. */
function longArticle(name: string): string {
  const paragraphs = Array.from(
    { length: 60 },
    (_, index) => `Officials said the bridge number ${index + 1} would carry rail freight to the border.`,
  );
  return `${name} ${Date.now()}\n\n${paragraphs.join('\n\n')}\n`;
}

/** The row of the article's sentence about bridge `number` (the headline is row 0). */
function bridgeRow(page: Page, number: number) {
  return annotatableRows(page).filter({ hasText: `bridge number ${number} would` });
}

/** Selects the row about bridge `number` by keyboard, which scrolls the list to it. */
async function selectByKeyboard(page: Page, number: number): Promise<void> {
  await annotatableRows(page).first().click();
  for (let press = 0; press < number; press += 1) await page.keyboard.press('j');
  await expect(bridgeRow(page, number)).toHaveAttribute('aria-selected', 'true');
}

test('a save refused far down the document shows its conflict in view, and the status never says saved', async ({
  page,
  browser,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 412/);
  const documentId = await importPasted(page, longArticle('Far conflict'));
  const target = 50;
  const otherContext = await browser.newContext({ storageState: ownerStorageState });
  try {
    const other = await otherContext.newPage();
    await other.goto(`/documents/${documentId}`);
    await selectByKeyboard(other, target);
    await other.keyboard.press('3');
    await expect(saveStatus(other)).toHaveText('All changes saved');

    await selectByKeyboard(page, target);
    // Far down: the top of the list is out of view.
    await expect(annotatableRows(page).first()).not.toBeInViewport();
    await page.keyboard.press('1');

    const conflict = page.getByRole('group', { name: `Conflict on sentence ${target + 1}` });
    await expect(conflict).toBeInViewport();
    await expect(conflict).toContainText('changed elsewhere');
    const row = bridgeRow(page, target);
    await expect(row).toHaveAccessibleName(/^Reported fact, changed elsewhere: /);
    await expect(row.getByText('Changed elsewhere', { exact: true })).toBeInViewport();
    await expect(saveStatus(page)).toHaveText('1 conflict');
    await expect(saveStatus(page)).toBeInViewport();
    await saveScreenshot(page, 'conflict-far-down');
    expect(await seriousViolations(page)).toEqual([]);

    await conflict.getByRole('button', { name: /^Keep mine/ }).click();
    await expect(conflict).toBeHidden();
    await expect(row).toHaveAccessibleName(/^KCNA claim: /);
    await expect(saveStatus(page)).toHaveText('All changes saved');
  } finally {
    await otherContext.close();
  }
});

test('a split and a merge far down the document say what they did where the analyst is', async ({ page }) => {
  await importPasted(page, longArticle('Far split'));
  const target = 45;
  await selectByKeyboard(page, target);
  await expect(annotatableRows(page).first()).not.toBeInViewport();

  await page.keyboard.press('s');
  await page.keyboard.press('Enter');
  const split = page.getByText(
    `Sentence ${target + 1} was split into sentences ${target + 1} and ${target + 2}.`,
  );
  await expect(split).toBeInViewport();

  await page.keyboard.press('m');
  const merged = page.getByText(`Sentences ${target + 1} and ${target + 2} were merged.`);
  await expect(merged).toBeInViewport();

  // Nothing scrolled shows half cut between the header and the sticky toolbar.
  const atStrip = await page.evaluate(() => {
    let root: Document | ShadowRoot = document;
    let element: Element | null = null;
    for (;;) {
      const next: Element | null = root.elementFromPoint(400, 56);
      if (!next || next === element) break;
      element = next;
      if (!next.shadowRoot) break;
      root = next.shadowRoot;
    }
    return element?.closest('.toolbar, header') ? 'covered' : (element?.textContent ?? '').slice(0, 40);
  });
  expect(atStrip).toBe('covered');
  await saveScreenshot(page, 'merge-far-down');
});

test('leaving offline with unsaved labels asks first, every page shows them, and a page that failed to load has Retry', async ({
  page,
  context,
  request,
  consoleErrors,
}) => {
  consoleErrors.allow(/ERR_INTERNET_DISCONNECTED/);
  const documentId = await importPasted(
    page,
    `Leaving offline ${Date.now()}\n\nThe KCNA said the dam was finished.\n\nAnalysts said it was likely for show.\n`,
  );
  await context.setOffline(true);
  await annotatableRows(page).nth(1).click();
  await page.keyboard.press('1');
  await page.keyboard.press('j');
  await page.keyboard.press('2');
  await expect(saveStatus(page)).toHaveText(/2 unsaved · offline/);
  const unsaved = page.getByRole('banner').getByRole('link', { name: /unsaved change/ });
  await expect(unsaved).toHaveText('2 unsaved changes · offline');

  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').nth(1);
  await breadcrumb.click();
  const leave = page.getByRole('dialog', { name: 'Leave with unsaved changes?' });
  await expect(leave).toBeVisible();
  // The dialog's text and buttons are slotted: found on the page rather than inside its shadow root.
  await expect(page.getByText('2 changes have not reached the server')).toBeVisible();
  await saveScreenshot(page, 'leave-unsaved');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Stay' }).click();
  await expect(leave).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/documents/${documentId}$`));

  // The browser's Back button asks too, and staying keeps the address.
  await page.goBack();
  await expect(leave).toBeVisible();
  await page.getByRole('button', { name: 'Stay' }).click();
  await expect(page).toHaveURL(new RegExp(`/documents/${documentId}$`));
  await expect(annotatableRows(page).nth(1)).toHaveAccessibleName(/^KCNA claim, not saved: /);

  await breadcrumb.click();
  await page.getByRole('button', { name: 'Leave anyway' }).click();
  await expect(page).toHaveURL(/\/projects\/demo$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Project not available' })).toBeVisible();
  // The pending labels are still named on this page, with the way back to them.
  await expect(unsaved).toHaveText('2 unsaved changes · offline');
  await expect(unsaved).toHaveAttribute('href', `/documents/${documentId}`);
  await saveScreenshot(page, 'not-available-retry');

  await context.setOffline(false);
  await page.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Demo: state-media provenance' })).toBeVisible();
  // The edits left behind are sent once the network is back (at most ten seconds apart).
  await expect(unsaved).toBeHidden({ timeout: 15_000 });
  expect((await labelsFromApi(request, documentId)).slice(1, 3)).toEqual([
    'kcna_claim',
    'observer_inference',
  ]);
});

test('the history of a source-only edit says what changed, not "Reported fact → Reported fact"', async ({
  page,
}) => {
  await importPasted(page, `Source edit ${Date.now()}\n\nThe plant doubled its output last year.\n`);
  await annotatableRows(page).nth(1).click();
  await page.keyboard.press('3');
  await expect(saveStatus(page)).toHaveText('All changes saved');
  const source = page.getByRole('complementary', { name: 'Selected sentence' }).getByLabel(/^Source/);
  await source.fill('KCNA');
  await source.press('Enter');
  await expect(saveStatus(page)).toHaveText('All changes saved');

  await page.getByRole('button', { name: /^History/ }).click();
  const changes = page.getByRole('list', { name: 'Changes, newest first' });
  await expect(changes).toContainText('You edited Reported fact');
  await expect(changes).toContainText('Source: KCNA (was none)');
  await expect(changes).not.toContainText('Reported fact → Reported fact');
  await expect(changes).toContainText('You tagged: untagged → Reported fact');
  await saveScreenshot(page, 'history-source-edit');
  expect(await seriousViolations(page)).toEqual([]);
});
