// Details a new team trips over: charts with nothing to show, tables that fit their cards,
// the sticky toolbar, the evidence panel on a short screen, project creation and its errors, and a
// phone's width.
import type { DocumentDetail } from '@attest/core';
import type { Page } from '@playwright/test';
import { addTeammate, createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { labelThroughApi } from '../support/reviewing.ts';
import { annotatableRows, expect, importPasted, saveScreenshot, test } from './support.ts';

type Box = { x: number; y: number; width: number; height: number };

/** Whether two laid-out boxes cover any of the same pixels. */
function overlaps(first: Box, second: Box): boolean {
  return (
    first.x < second.x + second.width &&
    second.x < first.x + first.width &&
    first.y < second.y + second.height &&
    second.y < first.y + first.height
  );
}

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
  // No analyst, no table of analysts: headings over no rows would say nothing.
  await expect(page.getByRole('table', { name: /^Progress, suggestion acceptance/ })).toHaveCount(0);

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

test('a new project: the short name follows the name, errors use the form’s labels, and it opens on its own page', async ({
  page,
  consoleErrors,
}) => {
  consoleErrors.allow(/status of 422/);
  await page.goto('/');
  const form = page.getByRole('form', { name: 'New project' });
  const stamp = Date.now().toString(36);
  const name = `Field notes ${stamp} from a rather long list of state-media monitoring projects`;
  await form.getByLabel('Name', { exact: true }).fill(name);
  const slug = form.getByLabel('Short name in addresses');
  await expect(slug).toHaveValue(
    `field-notes-${stamp}-from-a-rather-long-list-of-state-media-monitoring-projects`.slice(0, 63),
  );

  await slug.fill('Bad Slug!');
  await form.getByRole('button', { name: 'Create project' }).click();
  const error = form.getByRole('alert');
  await expect(error).toContainText('Short name in addresses: Use 1–63 lower-case letters');
  await expect(error).not.toContainText('slug:');

  // Emptied, the short name follows the name again.
  await slug.fill('');
  await form.getByLabel('Name', { exact: true }).fill(`Field notes ${stamp}`);
  await expect(slug).toHaveValue(`field-notes-${stamp}`);
  await form.getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/field-notes-${stamp}$`));
  await expect(page.getByRole('heading', { level: 1, name: `Field notes ${stamp}` })).toBeVisible();
  await expect(page.getByText(`Created “Field notes ${stamp}”.`)).toBeVisible();

  // An empty project has nothing to label, and says so.
  await page.getByRole('button', { name: 'Next document' }).click();
  await expect(page.getByText('There are no documents in this project yet.')).toBeVisible();

  // An invitation names the role with its article.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Create invitation link' }).click();
  await expect(page.getByText('it makes them an analyst.')).toBeVisible();
});

test('a long project name wraps beside its role badge instead of running under it', async ({ page }) => {
  const slug = uniqueSlug('long-card');
  const name = `A project whose name is long enough to reach the role badge ${slug}`;
  await createProject(page.request, { slug, name });
  await page.goto('/');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
  const title = await card.getByRole('link', { name }).boundingBox();
  const badge = await card.getByText('Owner', { exact: true }).boundingBox();
  if (!title || !badge) throw new Error('The card is not laid out.');
  expect(overlaps(title, badge)).toBe(false);
  await saveScreenshot(page, 'project-cards');
});

test('the export page links to the dataset documentation, served by the app with its screenshots', async ({
  page,
}) => {
  await page.goto('/projects/demo/export');
  await page.getByRole('link', { name: 'the dataset documentation' }).click();
  await expect(page).toHaveURL(/\/docs\/datasets$/);
  await expect(page.getByRole('heading', { level: 1, name: /dataset/i })).toBeVisible();
  // Its screenshots load (a broken image has no natural width).
  const screenshot = page.getByRole('img', { name: /^The export page/ });
  await expect(screenshot).toBeVisible();
  expect(await screenshot.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await saveScreenshot(page, 'docs-datasets');
  expect(await seriousViolations(page)).toEqual([]);
});

test('on a short screen the evidence panel scrolls: Split and Merge stay reachable', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 560 });
  await importPasted(
    page,
    `Short screen ${Date.now()}\n\nThe KCNA said the dam was finished.\n\nAnalysts said it was likely for show.\n`,
  );
  await annotatableRows(page).nth(1).click();
  const merge = page.getByRole('button', { name: /^Merge with next/ });
  await merge.scrollIntoViewIfNeeded();
  await expect(merge).toBeInViewport({ ratio: 1 });
});

test('on a phone the editor toolbar stacks its buttons and no page of the team scrolls sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const documentId = await importPasted(
    page,
    `Phone check ${Date.now()}\n\nThe KCNA said the bridge opened.\n\nOfficials said trains would follow.\n`,
  );
  const buttons = [
    page.getByRole('group', { name: /^Labels/ }).getByRole('button', { name: /^KCNA claim/ }),
    page.getByRole('button', { name: /^Guidelines/ }),
    page.getByRole('button', { name: /^Shortcuts/ }),
    page.getByRole('button', { name: /^History/ }),
  ];
  const boxes: Box[] = [];
  for (const button of buttons) {
    await expect(button).toBeInViewport({ ratio: 1 });
    const box = await button.boundingBox();
    if (!box) throw new Error('A toolbar button is not laid out.');
    boxes.push(box);
  }
  for (const [index, first] of boxes.entries())
    for (const second of boxes.slice(index + 1))
      expect(overlaps(first, second), 'two toolbar buttons overlap').toBe(false);
  // The toolbar stays in view while the sentences scroll: on a phone it must leave them room.
  const toolbar = await page.locator('attest-annotate-toolbar').boundingBox();
  expect(
    toolbar?.height ?? Number.POSITIVE_INFINITY,
    'the toolbar takes at most a quarter of the screen',
  ).toBeLessThanOrEqual(844 / 4);

  await page.goto('/projects/demo');
  await expect(page.getByRole('button', { name: 'Next document' })).toBeInViewport({ ratio: 1 });
  // The owner's team figures sit beside the title, not beyond the dates off to the right.
  await expect(page.getByRole('columnheader', { name: 'Analysts', exact: true })).toBeInViewport({
    ratio: 1,
  });
  await expect(page.getByRole('columnheader', { name: 'Published' })).toBeHidden();
  const pages = [
    { path: '/projects/demo', ready: page.getByRole('heading', { name: 'Documents', exact: true }) },
    { path: `/documents/${documentId}/review`, ready: page.getByRole('radio', { name: 'No gold label' }) },
    {
      path: '/projects/demo/settings/members',
      ready: page.getByRole('button', { name: 'Create invitation link' }),
    },
    { path: '/projects/demo/report', ready: page.getByRole('heading', { name: 'Analysts', exact: true }) },
  ];
  for (const { path, ready } of pages) {
    await page.goto(path);
    await expect(ready).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
});
