// The save queue under a dropped network, a reload with unsaved edits and a label changed in
// another tab: no edit is lost, none lands twice, and a conflict is the analyst's to settle.
import type { Page } from '@playwright/test';
import { ownerStorageState } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import {
  annotatableRows,
  documentIdOf,
  expect,
  importPasted,
  labelsFromApi,
  saveScreenshot,
  saveStatus,
  test,
} from './support.ts';

const annotationUrl = '**/api/sentences/*/annotation';

function article(name: string): string {
  return `${name} ${Date.now()}

The Korean Central News Agency said the new bridge opened on Friday.

Officials said the bridge would carry rail freight to the border.

Analysts said the opening was likely timed for the anniversary.
`;
}

/** Tags the first three sentences by keyboard: KCNA claim, Observer inference, Reported fact. */
async function tagFirstThree(page: Page): Promise<void> {
  const rows = annotatableRows(page);
  await rows.nth(0).click();
  await page.keyboard.press('1');
  await page.keyboard.press('j');
  await page.keyboard.press('2');
  await page.keyboard.press('j');
  await page.keyboard.press('3');
}

const firstThree = ['kcna_claim', 'observer_inference', 'reported_fact'];

test.describe('the save queue', () => {
  test('edits made offline wait as "n unsaved" and are saved once the network is back', async ({
    page,
    context,
    request,
    consoleErrors,
  }) => {
    consoleErrors.allow(/ERR_INTERNET_DISCONNECTED/);
    const documentId = await importPasted(page, article('Offline check'));
    await context.setOffline(true);
    await tagFirstThree(page);
    await expect(saveStatus(page)).toHaveText(/3 unsaved · offline/);
    await expect(annotatableRows(page).nth(0)).toHaveAccessibleName(/^KCNA claim, not saved: /);
    await saveScreenshot(page, 'offline');
    expect((await labelsFromApi(request, documentId)).slice(0, 3)).toEqual([null, null, null]);

    await context.setOffline(false);
    await expect(saveStatus(page)).toHaveText('All changes saved');
    await expect(annotatableRows(page).nth(0)).toHaveAccessibleName(/^KCNA claim: /);
    expect((await labelsFromApi(request, documentId)).slice(0, 3)).toEqual(firstThree);
  });

  test('edits queued when the page reloads are sent after it, exactly once', async ({
    page,
    request,
    consoleErrors,
  }) => {
    consoleErrors.allow(/ERR_INTERNET_DISCONNECTED/);
    const documentId = await importPasted(page, article('Reload check'));
    await page.route(annotationUrl, (route) => route.abort('internetdisconnected'));
    await tagFirstThree(page);
    await expect(saveStatus(page)).toHaveText(/3 unsaved/);

    // The page warns before it closes with unsaved edits; the test leaves anyway.
    const dialogTypes: string[] = [];
    page.on('dialog', (dialog) => {
      dialogTypes.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(dialogTypes).toEqual(['beforeunload']);
    // The stored edits show at once, marked as not saved while the writes still fail.
    await expect(annotatableRows(page).nth(1)).toHaveAccessibleName(/^Observer inference, not saved: /);
    await expect(saveStatus(page)).toHaveText(/3 unsaved/);

    await page.unroute(annotationUrl);
    // Sent on the next backoff attempt (at most ten seconds apart).
    await expect(saveStatus(page)).toHaveText('All changes saved', { timeout: 15_000 });
    expect((await labelsFromApi(request, documentId)).slice(0, 3)).toEqual(firstThree);

    const detail = (await (await request.get(`/api/documents/${documentId}`)).json()) as {
      annotations: { sentenceId: string }[];
    };
    for (const { sentenceId } of detail.annotations) {
      const history = (await (await request.get(`/api/sentences/${sentenceId}/history`)).json()) as {
        items: { action: string }[];
      };
      expect(history.items.map((item) => item.action)).toEqual(['set']);
    }

    await annotatableRows(page).nth(0).click();
    await page.keyboard.press('h');
    await expect(page.getByRole('dialog', { name: 'History of sentence 1' })).toBeVisible();
    const changes = page.getByRole('list', { name: 'Changes, newest first' });
    await expect(changes.getByRole('listitem')).toHaveCount(1);
    await expect(changes.getByRole('listitem')).toContainText('You tagged: untagged → KCNA claim');
    await saveScreenshot(page, 'history');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('Ctrl+Z undoes the last change, through the save queue', async ({ page, request }) => {
    const documentId = await importPasted(page, article('Undo check'));
    await tagFirstThree(page);
    await expect(saveStatus(page)).toHaveText('All changes saved');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect(annotatableRows(page).nth(1)).toHaveAccessibleName(/^Untagged(, suggested [^:]+)?: /);
    await expect(saveStatus(page)).toHaveText('All changes saved');
    expect((await labelsFromApi(request, documentId)).slice(0, 3)).toEqual(['kcna_claim', null, null]);

    await annotatableRows(page).nth(0).click();
    await page.getByRole('button', { name: /^History/ }).click();
    await expect(page.getByRole('list', { name: 'Changes, newest first' }).getByRole('listitem')).toHaveCount(
      1,
    );
  });

  test('a label changed in another tab is a conflict: Keep mine and Take theirs', async ({
    page,
    browser,
    request,
    consoleErrors,
  }) => {
    consoleErrors.allow(/status of 412/);
    const documentId = await importPasted(page, article('Conflict check'));
    const otherContext = await browser.newContext({ storageState: ownerStorageState });
    try {
      const other = await otherContext.newPage();
      await other.goto(`/documents/${documentId}`);
      await annotatableRows(other).nth(0).click();
      await other.keyboard.press('3');
      await expect(saveStatus(other)).toHaveText('All changes saved');

      // This tab still holds the sentence as untagged: its write is stale.
      await annotatableRows(page).nth(0).click();
      await page.keyboard.press('1');
      const conflict = page.getByRole('group', { name: /^Conflict on sentence/ });
      await expect(conflict).toContainText('changed elsewhere');
      await expect(annotatableRows(page).nth(0)).toHaveAccessibleName(/^Reported fact, changed elsewhere: /);
      await saveScreenshot(page, 'conflict');
      expect(await seriousViolations(page)).toEqual([]);
      await conflict.getByRole('button', { name: /^Keep mine/ }).click();
      await expect(conflict).toBeHidden();
      await expect(saveStatus(page)).toHaveText('All changes saved');
      await expect(annotatableRows(page).nth(0)).toHaveAccessibleName(/^KCNA claim: /);
      expect((await labelsFromApi(request, documentId))[0]).toBe('kcna_claim');

      // Now the other tab is stale: it takes this one's label.
      await other.keyboard.press('2');
      const otherConflict = other.getByRole('group', { name: /^Conflict on sentence/ });
      await expect(otherConflict).toContainText('changed elsewhere');
      await otherConflict.getByRole('button', { name: /^Take theirs/ }).click();
      await expect(otherConflict).toBeHidden();
      await expect(annotatableRows(other).nth(0)).toHaveAccessibleName(/^KCNA claim: /);
      expect((await labelsFromApi(request, documentId))[0]).toBe('kcna_claim');
      expect(documentIdOf(other)).toBe(documentId);
    } finally {
      await otherContext.close();
    }
  });
});
