import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Claim } from '@attest/core';
import { createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { repoRoot } from '../support/environment.ts';
import { annotatableRows, expect, saveScreenshot, test } from './support.ts';

/** Three short fictional articles about one invented event (written for Attest's tests). */
const articles = [
  { file: 'engine-wire-one.txt', outlet: 'Wire One', publishedAt: '2031-03-02' },
  { file: 'engine-daily-two.txt', outlet: 'Daily Two', publishedAt: '2031-03-03' },
  { file: 'engine-herald-three.txt', outlet: 'Herald Three', publishedAt: '2031-03-04' },
];

test.describe('claims across documents', () => {
  test('links one claim across three articles, confirms the link by keyboard and reports the dropped attribution', async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    const slug = uniqueSlug('claims');
    await createProject(page.request, { slug, name: 'Claims check' });
    const documentIds: string[] = [];
    for (const { file, outlet, publishedAt } of articles) {
      const body = await readFile(path.join(repoRoot, 'packages/core/test/fixtures/claims', file), 'utf8');
      const imported = await page.request.post(`/api/projects/${slug}/documents`, {
        data: { body, outlet, publishedAt },
      });
      expect(imported.status(), await imported.text()).toBe(201);
      documentIds.push(((await imported.json()) as { document: { id: string } }).document.id);
    }
    // Claims are linked in the background after the import answers: wait until none waits.
    await expect
      .poll(
        async () =>
          (
            (await (await page.request.get(`/api/projects/${slug}/claim-linking`)).json()) as {
              waitingDocuments: number;
            }
          ).waitingDocuments,
        { timeout: 30_000 },
      )
      .toBe(0);

    // The article that prints the burn time without attribution.
    await page.goto(`/documents/${documentIds[1]}`);
    await annotatableRows(page).filter({ hasText: '320 seconds' }).click();
    const panel = page.locator('attest-claim-panel');
    await expect(
      panel.getByText('Carried by 3 documents from 3 outlets. First: Wire One, Mar 2, 2031.'),
    ).toBeVisible();
    await expect(panel.getByText(/^Attribution dropped/)).toBeVisible();
    await expect(panel.getByRole('link', { name: 'Herald Three, Mar 4, 2031' })).toBeVisible();
    await expect(panel.getByText(/no attribution · suggested/)).toBeVisible();

    await page.keyboard.press('l');
    await expect(panel.getByRole('status')).toHaveText('Link confirmed.');
    await expect(panel.getByText(/no attribution · confirmed/)).toBeVisible();
    const { claims } = (await (await page.request.get(`/api/documents/${documentIds[1]}/claims`)).json()) as {
      claims: Claim[];
    };
    const burnTime = claims.find((claim) => claim.occurrences.some((o) => o.text.includes('320 seconds')));
    expect(burnTime?.occurrences.find((o) => o.documentId === documentIds[1])?.tier).toBe('confirmed');
    expect(await seriousViolations(page)).toEqual([]);
    await panel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'claim-view');

    await panel.getByRole('link', { name: 'Timeline of this claim' }).click();
    const timeline = page.getByRole('list', { name: 'Occurrences by publication date' });
    await expect(timeline.getByRole('listitem')).toHaveCount(3);
    await expect(timeline.getByRole('listitem').first()).toContainText('Mar 2, 2031 · Wire One');
    await expect(timeline.getByRole('listitem').nth(1)).toContainText('no attribution');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/projects/${slug}/report`);
    const section = page.getByRole('region', { name: 'Claims across outlets' });
    const dropped = section.getByRole('table', { name: 'Claims with a dropped attribution' });
    await expect(dropped.getByRole('row', { name: /engine burned for 320 seconds/ })).toContainText(
      'Daily Two',
    );
    await expect(section.getByRole('table', { name: /State-media claims each outlet relays/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
