// Details a new team trips over: charts with nothing to show, tables that fit their cards,
// the sticky toolbar, the evidence panel on a short screen, project creation and its errors.
import type { DocumentDetail } from '@attest/core';
import type { Page } from '@playwright/test';
import { addTeammate, createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { labelThroughApi } from '../support/reviewing.ts';
import { expect, saveScreenshot, test } from './support.ts';

/** The widest bar of the chart titled `heading`, as a share of its plot's width. */
async function widestBarShare(page: Page, heading: string): Promise<number> {
  const chart = page.locator('attest-bar-chart').filter({ has: page.getByText(heading, { exact: true }) });
  await expect(chart.locator('svg').first()).toBeAttached();
  return chart.evaluate((element) => {
    const svg = element.shadowRoot?.querySelector('.plot svg');
    if (!svg) throw new Error('No chart drawn.');
    const widths = [...svg.querySelectorAll('rect')].map((rect) => rect.getBoundingClientRect().width);
    return Math.max(0, ...widths) / svg.getBoundingClientRect().width;
  });
}

test('a report with no documents, and one with nothing gold, draw their charts without errors or false bars', async ({
  page,
  browser,
}) => {
  const slug = uniqueSlug('empty-report');
  await createProject(page.request, { slug, name: 'Empty report check' });
  // Empty: every chart says so; the console check fails the test on a chart's TypeError.
  await page.goto(`/projects/${slug}/report`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Empty report check');
  await expect(page.getByText('Nothing to show yet.').first()).toBeVisible();

  const ana = await addTeammate(browser, page.request, slug, 'analyst', 'Ana Analyst');
  const imported = await page.request.post(`/api/projects/${slug}/documents`, {
    data: {
      title: 'Nothing gold yet',
      body: 'Nothing gold yet\n\nThe KCNA said the dam was finished on time.\n\nOfficials said the dam was late.\n',
      outlet: 'Yonhap',
    },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  const documentId = ((await imported.json()) as { document: { id: string } }).document.id;
  const detail = (await (await page.request.get(`/api/documents/${documentId}`)).json()) as DocumentDetail;
  for (const sentence of detail.sentences.filter((other) => other.kind !== 'boilerplate'))
    await labelThroughApi(ana.context.request, sentence.id, { label: 'kcna_claim' });

  await page.goto(`/projects/${slug}/report`);
  await expect(page.getByRole('heading', { name: 'KCNA claims per outlet' })).toBeVisible();
  // Nothing is gold: no bar may look like a full share.
  expect(await widestBarShare(page, 'KCNA claims among the sentences with a gold label')).toBeLessThan(0.05);

  // The analysts' table fits its card at 1280 px.
  const analysts = page.getByRole('table', { name: /^Progress, suggestion acceptance/ });
  const overflow = await analysts.evaluate((table) => {
    const card = table.closest('section');
    return card ? table.getBoundingClientRect().right - card.getBoundingClientRect().right : 0;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  await saveScreenshot(page, 'report-nothing-gold');
  expect(await seriousViolations(page)).toEqual([]);
  await ana.context.close();
});
