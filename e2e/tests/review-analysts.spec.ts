// Who counts as an analyst on the review page: the people assigned to the document. An owner
// who labels an unassigned document is shown apart and left out of agreement.
import type { DocumentDetail, ImportResult } from '@attest/core';
import { expect, test } from '@playwright/test';
import { addTeammate, createProject, owner, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { labelThroughApi } from '../support/reviewing.ts';

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
