// Who counts as an analyst on the review page: the people assigned to the document. An owner
// who labels an unassigned document is shown apart and left out of agreement. And where the
// analysts stand, as the documents list shows it to reviewers and hides it from analysts.
import type { DocumentDetail, ImportResult } from '@attest/core';
import { addTeammate, createProject, owner, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { labelThroughApi } from '../support/reviewing.ts';
import { expect, test } from './support.ts';

test('the review counts the assigned analysts only and marks anyone else who labelled', async ({
  page,
  browser,
}) => {
  const slug = uniqueSlug('counted');
  await createProject(page.request, { slug, name: 'Counted', annotatorsPerDocument: 1 });
  const ana = await addTeammate(browser, page.request, slug, 'analyst', 'Ana Assigned');
  const imported = await page.request.post(`/api/projects/${slug}/documents`, {
    data: { body: 'Harbour report\n\nThe port reopened on Monday, officials said. Ships queued outside.\n' },
  });
  expect(imported.status()).toBe(201);
  const documentId = ((await imported.json()) as ImportResult).document.id;
  const detail = (await (await page.request.get(`/api/documents/${documentId}`)).json()) as DocumentDetail;
  const [first, second] = detail.sentences.filter((sentence) => sentence.kind === 'sentence');
  // Ana labels both sentences; the owner, not assigned, labels the first differently.
  await labelThroughApi(ana.context.request, first!.id, { label: 'reported_fact' });
  await labelThroughApi(ana.context.request, second!.id, { label: 'reported_fact' });
  await labelThroughApi(page.request, first!.id, { label: 'kcna_claim' });

  await page.goto(`/documents/${documentId}/review`);
  await expect(page.getByRole('heading', { name: 'Review: Harbour report' })).toBeVisible();
  await expect(
    page.getByText(
      '1 analyst (and 1 unassigned person whose labels agreement does not count) · 3 sentences · 0 disagreements',
    ),
  ).toBeVisible();
  await expect(page.getByRole('columnheader', { name: `${owner.name} (not assigned)` })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Ana Assigned' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await ana.context.close();
});

test('the documents list shows a reviewer how many analysts finished and what is disputed, the review leads from one dispute to the next document, and an analyst sees nothing of it', async ({
  page,
  browser,
  consoleErrors,
}) => {
  const slug = uniqueSlug('standing');
  await createProject(page.request, { slug, name: 'Standing', annotatorsPerDocument: 2 });
  const ana = await addTeammate(browser, page.request, slug, 'analyst', 'Ana Finished');
  const ben = await addTeammate(browser, page.request, slug, 'analyst', 'Ben Halfway');
  const rita = await addTeammate(browser, page.request, slug, 'reviewer', 'Rita Reviewer');
  const importSentences = async (body: string) => {
    const imported = await page.request.post(`/api/projects/${slug}/documents`, { data: { body } });
    expect(imported.status()).toBe(201);
    const documentId = ((await imported.json()) as ImportResult).document.id;
    const detail = (await (await page.request.get(`/api/documents/${documentId}`)).json()) as DocumentDetail;
    return detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
  };
  const grain = await importSentences(
    'Grain figures\n\nThe ministry said the harvest grew. Farmers doubted the figure.\n',
  );
  const port = await importSentences(
    'Port figures\n\nThe port said exports rose. Traders saw fewer ships.\n',
  );
  // Ana labels every sentence of both; Ben labels one of each, differently from Ana.
  for (const sentence of [...grain, ...port])
    await labelThroughApi(ana.context.request, sentence.id, { label: 'reported_fact' });
  await labelThroughApi(ben.context.request, grain[1]!.id, { label: 'kcna_claim' });
  await labelThroughApi(ben.context.request, port[1]!.id, { label: 'kcna_claim' });

  const reviewerPage = await rita.context.newPage();
  await reviewerPage.goto(`/projects/${slug}`);
  const grainRow = reviewerPage.getByRole('row', { name: /Grain figures/ });
  const portRow = reviewerPage.getByRole('row', { name: /Port figures/ });
  await expect(reviewerPage.getByRole('columnheader', { name: 'Analysts', exact: true })).toBeVisible();
  await expect(reviewerPage.getByRole('columnheader', { name: 'Your status' })).toBeVisible();
  for (const row of [grainRow, portRow]) {
    await expect(row.getByText('1 of 2 finished')).toBeVisible();
    await expect(row.getByText('1 disputed sentence')).toBeVisible();
  }
  expect(await seriousViolations(reviewerPage)).toEqual([]);

  // The reviewer settles Grain's dispute by keyboard; n finds no other one there, and the
  // review leads on to the next document with one.
  await grainRow.getByRole('link', { name: 'Review' }).click();
  await expect(reviewerPage.getByRole('heading', { name: 'Review: Grain figures' })).toBeVisible();
  await reviewerPage.getByRole('radio', { name: 'Disagreements' }).check();
  await expect(
    reviewerPage.getByText(
      '1 disagreement · 1 disputed sentence to settle · 3 sentences without a gold label',
    ),
  ).toBeVisible();
  await reviewerPage.getByRole('row', { name: /ministry/ }).click();
  await reviewerPage.keyboard.press('1');
  await expect(
    reviewerPage.getByText('1 disagreement · none left to settle · 2 sentences without a gold label'),
  ).toBeVisible();
  await reviewerPage.keyboard.press('n');
  await expect(
    reviewerPage.getByRole('status').getByText('No other disagreement in this document.'),
  ).toBeVisible();
  // A failed lookup says so and keeps the reviewer where they are; the next try goes on.
  consoleErrors.allow(/503/);
  await reviewerPage.route(/\/next-disputed-document\?/, (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/problem+json',
      body: JSON.stringify({ title: 'Not ready', status: 503, detail: 'The database is not answering.' }),
    }),
  );
  await reviewerPage.getByRole('button', { name: 'Next document to settle' }).click();
  await expect(reviewerPage.getByRole('alert')).toContainText('The next document could not be looked up');
  await expect(reviewerPage.getByRole('heading', { name: 'Review: Grain figures' })).toBeVisible();
  await reviewerPage.unroute(/\/next-disputed-document\?/);
  await reviewerPage.getByRole('button', { name: 'Next document to settle' }).click();
  await expect(reviewerPage.getByRole('heading', { name: 'Review: Port figures' })).toBeVisible();
  await expect(reviewerPage.getByRole('alert')).toHaveCount(0);
  await expect(reviewerPage.getByText('No other disagreement in this document.')).toHaveCount(0);
  await reviewerPage.getByRole('button', { name: 'Next document to settle' }).click();
  await expect(
    reviewerPage.getByRole('status').getByText('No other document has disputed sentences.'),
  ).toBeVisible();
  expect(await seriousViolations(reviewerPage)).toEqual([]);

  // The list shows the settled dispute gone and the other one still open.
  await reviewerPage.goto(`/projects/${slug}`);
  await expect(grainRow.getByText('1 of 2 finished')).toBeVisible();
  await expect(grainRow.getByText(/disputed/)).toHaveCount(0);
  await expect(portRow.getByText('1 disputed sentence')).toBeVisible();

  // Blind annotation: the analyst's list has no word on colleagues.
  const analystPage = await ben.context.newPage();
  await analystPage.goto(`/projects/${slug}`);
  await expect(analystPage.getByRole('row', { name: /Grain figures/ })).toBeVisible();
  await expect(analystPage.getByRole('columnheader', { name: 'Status', exact: true })).toBeVisible();
  await expect(analystPage.getByRole('columnheader', { name: 'Analysts', exact: true })).toHaveCount(0);
  await expect(analystPage.getByText(/finished|disputed/)).toHaveCount(0);
  for (const teammate of [ana, ben, rita]) await teammate.context.close();
});
