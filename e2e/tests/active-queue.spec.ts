// The active queue (issue 21): an owner turns it on in the settings, which say when no model
// orders it yet; once the project's model decides, the project page lists the queue in the order
// Next document takes it, and `n` in the editor goes to the unlabelled sentence where the rules
// and the model disagree, then to the one the model is least sure of.
import type { DocumentDetail, SuggestionModelStatus } from '@attest/core';
import { queueReading } from '@attest/core/learn-queue';
import { createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { adjudicateDrillArticle, importDrillArticle } from '../support/learning.ts';
import { annotatableRows, expect, saveScreenshot, saveStatus, test } from './support.ts';

test('the active queue is set in the settings, orders Next document, and n jumps least sure first', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const slug = uniqueSlug('queue');
  await createProject(page.request, { slug, name: 'Active queue' });

  // Without a model the settings say the usual order holds.
  await page.goto(`/projects/${slug}/settings/general`);
  await expect(page.getByText(/^\s*No model yet/)).toContainText(
    'No model yet (the project has 0 gold sentences): the queue keeps the usual order, oldest first, until a model has learned from 200.',
  );
  const option = page.getByRole('checkbox', { name: 'Active queue: least sure first' });
  await expect(option).not.toBeChecked();
  await option.check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The reviewers' gold: 200 sentences of 20 articles, then a model trained on them.
  for (let number = 0; number < 20; number++) {
    await adjudicateDrillArticle(page.request, await importDrillArticle(page.request, slug, number));
  }
  const trained = await page.request.post(`/api/projects/${slug}/suggestion-model/train`);
  expect(trained.status(), await trained.text()).toBe(201);
  const { model } = (await trained.json()) as SuggestionModelStatus;
  expect(model).toMatchObject({ goldSentences: 200, decides: true });

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Active queue: least sure first' })).toBeChecked();
  await expect(page.getByText(/^\s*Orders by the model/)).toHaveText(
    `Orders by the model version ${model?.version}, learned from 200 gold sentences.`,
  );
  await saveScreenshot(page, 'active-queue-setting');

  // The project page lists the owner's queue; Next document opens its first document.
  const fresh = await importDrillArticle(page.request, slug, 99);
  await page.goto(`/projects/${slug}`);
  const queue = page.getByRole('list', { name: 'Your queue, least sure first' });
  await expect(queue.getByRole('listitem')).toHaveCount(21);
  await expect(queue.getByRole('listitem').first()).toContainText(
    '5 sentences where the rules and the model disagree',
  );
  const firstTitle = await queue.getByRole('listitem').first().getByRole('link').textContent();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Next document' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(firstTitle ?? '');

  // In the editor, n goes to where the rules and the model disagree, then to the least sure.
  await page.goto(`/documents/${fresh.document.id}`);
  await expect(annotatableRows(page).first()).toBeVisible();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  // The help is slotted into the dialog: found from the page.
  await expect(page.getByRole('row', { name: /^n Next unlabelled sentence/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  const selectedRow = page
    .getByRole('listbox', { name: 'Sentences' })
    .getByRole('option', { selected: true });
  const panel = page.getByRole('complementary', { name: 'Selected sentence' });
  for (let disputed = 0; disputed < 5; disputed++) {
    await page.keyboard.press('n');
    await expect(selectedRow).toContainText('was monitored in Seoul');
    await expect(panel).toContainText('in the queue (least sure first): the rules and the model disagree.');
    await page.keyboard.press('a');
  }
  await expect(saveStatus(page)).toHaveText('All changes saved');
  expect(await seriousViolations(page)).toEqual([]);

  // Every disagreement labelled: next is the unlabelled sentence with the smallest margin.
  const detail = (await (
    await page.request.get(`/api/documents/${fresh.document.id}`)
  ).json()) as DocumentDetail;
  const labelled = new Set(detail.annotations.map((annotation) => annotation.sentenceId));
  const remaining = detail.sentences.filter((row) => row.kind !== 'boilerplate' && !labelled.has(row.id));
  const margins = remaining.map((row) => queueReading(row.suggestion)?.margin ?? 1);
  const leastSure = remaining[margins.indexOf(Math.min(...margins))];
  await page.keyboard.press('n');
  await expect(selectedRow).toContainText(leastSure?.text ?? '—');
  await expect(panel).toContainText(
    /in the queue \(least sure first\): the model's two likeliest labels are \d+ points apart\./,
  );
});
