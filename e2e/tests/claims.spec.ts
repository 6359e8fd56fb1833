import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Claim } from '@attest/core';
import { createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { repoRoot } from '../support/environment.ts';
import { annotatableRows, expect, saveScreenshot, test } from './support.ts';

/** Three short fictional articles about one invented event (written for Attest's tests). */
const articles = [
  // One time of day, two dates alone: the timeline shows a time only where one was given.
  { file: 'engine-wire-one.txt', outlet: 'Wire One', publishedAt: '2031-03-02T23:30:00Z' },
  { file: 'engine-daily-two.txt', outlet: 'Daily Two', publishedAt: '2031-03-03' },
  { file: 'engine-herald-three.txt', outlet: 'Herald Three', publishedAt: '2031-03-04' },
];

/** Invented: the first article's lead states the burn and the orbit in two clauses; the others state each apart. */
const leadArticles = [
  'The new engine burned for 320 seconds at the Sohae stand; the rocket can now carry a satellite into orbit, the agency said.\n\nRain fell over the capital during the morning.',
  'The new engine burned for 320 seconds at the Sohae stand, the agency said.\n\nThe rocket can now carry a satellite into orbit, it added.',
  'Its engine burned for 320 seconds at the Sohae stand.\n\nA satellite can now ride the rocket into orbit, officials claimed.',
  'State media said the engine burned for 320 seconds at Sohae.\n\nThe rocket is now able to carry a satellite into orbit.',
];

async function waitForLinking(request: import('@playwright/test').APIRequestContext, slug: string) {
  await expect
    .poll(
      async () =>
        (
          (await (await request.get(`/api/projects/${slug}/claim-linking`)).json()) as {
            waitingDocuments: number;
          }
        ).waitingDocuments,
      { timeout: 30_000 },
    )
    .toBe(0);
}

/** Imports the three engine articles into `slug`, with their outlets and dates or without; their ids in order. */
async function importEngineArticles(
  request: import('@playwright/test').APIRequestContext,
  slug: string,
  { withMetadata }: { withMetadata: boolean },
): Promise<string[]> {
  const documentIds: string[] = [];
  for (const { file, outlet, publishedAt } of articles) {
    const body = await readFile(path.join(repoRoot, 'packages/core/test/fixtures/claims', file), 'utf8');
    const imported = await request.post(`/api/projects/${slug}/documents`, {
      data: withMetadata ? { body, outlet, publishedAt } : { body },
    });
    expect(imported.status(), await imported.text()).toBe(201);
    documentIds.push(((await imported.json()) as { document: { id: string } }).document.id);
  }
  return documentIds;
}

test.describe('claims across documents', () => {
  // West of Greenwich, where a date given alone (kept as its UTC midnight) read in local time
  // would be the day before: publication dates must show as the UTC days the reports count.
  test.use({ timezoneId: 'America/Los_Angeles' });

  test('shows every claim of a lead and confirms only the focused link', async ({ page }) => {
    test.setTimeout(60_000);
    const slug = uniqueSlug('leads');
    await createProject(page.request, { slug, name: 'Leads check' });
    const documentIds: string[] = [];
    for (const [index, body] of leadArticles.entries()) {
      const imported = await page.request.post(`/api/projects/${slug}/documents`, {
        data: { body, outlet: `Outlet ${index + 1}`, publishedAt: `2031-03-0${index + 2}` },
      });
      expect(imported.status(), await imported.text()).toBe(201);
      documentIds.push(((await imported.json()) as { document: { id: string } }).document.id);
    }
    await waitForLinking(page.request, slug);

    await page.goto(`/documents/${documentIds[0]}`);
    await annotatableRows(page).filter({ hasText: '320 seconds' }).click();
    const panel = page.locator('attest-claim-panel');
    await expect(panel.getByRole('heading', { name: 'Claims', exact: true })).toBeVisible();
    await expect(panel.getByText('This sentence carries 2 claims.')).toBeVisible();
    const claims = panel.getByRole('article');
    await expect(claims).toHaveCount(2);
    await expect(claims.nth(0).getByRole('heading', { name: /^Claim 1 of 2/ })).toContainText(
      'l / Shift+L act on this link',
    );
    // The second claim takes the keys once focused there.
    await claims.nth(1).getByRole('link', { name: 'Timeline of this claim' }).focus();
    await expect(claims.nth(1).getByRole('heading', { name: /^Claim 2 of 2/ })).toContainText(
      'l / Shift+L act on this link',
    );
    await annotatableRows(page).filter({ hasText: '320 seconds' }).click();
    await claims
      .nth(1)
      .getByRole('heading', { name: /^Claim 2 of 2/ })
      .click();
    await page.keyboard.press('l');
    await expect(panel.getByRole('status')).toHaveText('Link confirmed.');
    const { claims: linked } = (await (
      await page.request.get(`/api/documents/${documentIds[0]}/claims`)
    ).json()) as {
      claims: Claim[];
    };
    const leadTiers = linked
      .flatMap((claim) => claim.occurrences)
      .filter((occurrence) => occurrence.documentId === documentIds[0])
      .map((occurrence) => occurrence.tier)
      .sort();
    expect(leadTiers).toEqual(['confirmed', 'suggested']);
    // The focused link was confirmed; the sentence's other link is still offered for a decision.
    await expect(claims.nth(1).getByText(/· confirmed link$/)).toBeVisible();
    await expect(claims.nth(1).getByRole('button', { name: 'Confirm link (l)' })).toHaveCount(0);
    await expect(claims.nth(0).getByRole('button', { name: 'Confirm link (l)' })).toHaveCount(1);
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, 'claim-view-two-claims');
  });

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
    const documentIds = await importEngineArticles(page.request, slug, { withMetadata: true });
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
      panel.getByText('Carried by 3 documents from 3 outlets. First published: Wire One, Mar 2, 2031.'),
    ).toBeVisible();
    await expect(panel.getByText(/^Attribution dropped/)).toBeVisible();
    await expect(panel.getByRole('link', { name: 'Herald Three, Mar 4, 2031' })).toBeVisible();
    await expect(panel.getByText(/no attribution · suggested link/)).toBeVisible();

    await page.keyboard.press('l');
    await expect(panel.getByRole('status')).toHaveText('Link confirmed.');
    await expect(panel.getByText(/no attribution · confirmed link/)).toBeVisible();
    await page.keyboard.press('3');
    await expect(panel.getByText('Reported fact · no attribution · confirmed link')).toBeVisible();
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
    await expect(timeline.getByRole('listitem').first()).toContainText('Mar 2, 2031, 23:30 UTC · Wire One');
    await expect(timeline.getByRole('listitem').nth(1)).toContainText(
      'Reported fact · no attribution · confirmed link',
    );
    await expect(timeline.getByRole('listitem').nth(2)).toContainText('Mar 4, 2031 · Herald Three');
    await expect(timeline.getByRole('listitem').nth(2)).toContainText('unlabelled ·');
    await expect(
      page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Claims check' }),
    ).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/projects/${slug}/report`);
    const section = page.getByRole('region', { name: 'Claims across outlets' });
    const dropped = section.getByRole('table', { name: 'Claims with a dropped attribution' });
    const droppedRow = dropped.getByRole('row', { name: /engine burned for 320 seconds/ });
    await expect(droppedRow).toContainText('Daily Two');
    await expect(droppedRow).toContainText('Wire One, Mar 2, 2031');
    await expect(section.getByRole('table', { name: /State-media claims each outlet relays/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    // Each claim of the list opens its timeline.
    await droppedRow.getByRole('link', { name: /engine burned for 320 seconds/ }).click();
    await expect(page.getByRole('heading', { name: 'Claim timeline', level: 1 })).toBeVisible();
    await expect(timeline.getByRole('listitem')).toHaveCount(3);

    // In the third article, p takes the label the claim's other occurrences carry, and says so;
    // the sentence's own label is never offered back to it.
    await page.goto(`/documents/${documentIds[2]}`);
    await annotatableRows(page).filter({ hasText: '320 seconds' }).click();
    const givenMost = panel.locator('p', { hasText: 'Label given most by its other occurrences' });
    await expect(givenMost).toHaveText(
      'Label given most by its other occurrences: Reported fact (1 of 2). Press p to apply it.',
    );
    await page.keyboard.press('p');
    const said = page.locator('attest-annotate-side').getByRole('status').first();
    await expect(said).toHaveText(
      'Labelled “Reported fact” from its claim (1 of its 2 other occurrences); Ctrl+Z undoes it.',
    );
    await expect(annotatableRows(page).filter({ hasText: '320 seconds' })).toHaveAccessibleName(
      /^Reported fact/,
    );
    await expect(givenMost).toHaveText(
      'Label given most by its other occurrences: Reported fact (1 of 2). This sentence has it too.',
    );
    await page.keyboard.press('p');
    await expect(said).toHaveText('Already labelled “Reported fact”, as 1 of its 2 other occurrences are.');
    expect(consoleErrors).toEqual([]);
  });

  test('articles imported without an outlet or a date are counted as documents, and the first appearance is not called a publication', async ({
    page,
  }) => {
    // The console check is the fixture's (support.ts), as in every spec.
    test.setTimeout(60_000);
    const slug = uniqueSlug('claims-bare');
    await createProject(page.request, { slug, name: 'Claims without outlets' });
    const documentIds = await importEngineArticles(page.request, slug, { withMetadata: false });
    await waitForLinking(page.request, slug);

    await page.goto(`/documents/${documentIds[1]}`);
    await annotatableRows(page).filter({ hasText: '320 seconds' }).click();
    const panel = page.locator('attest-claim-panel');
    await expect(
      panel.getByText(
        /Carried by 3 documents, none with an outlet\. No publication dates; first imported: .+ \(no outlet\)\./,
      ),
    ).toBeVisible();
    await expect(panel.getByText(/outlets?\b.*First published/)).toHaveCount(0);
    await expect(panel.getByText(/^Attribution dropped: one article attributes/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByText(/Carried by 3 documents/).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'claim-view-without-outlets');
  });
});
