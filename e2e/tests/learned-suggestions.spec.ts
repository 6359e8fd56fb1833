// Suggestions that learn (issue 21): a reviewer adjudicates enough sentences for the project's
// model, trains it, and the editor shows a suggestion the model decided, with the words that
// pulled it; the analyst accepts it with `a`.
import type { Annotation, DocumentDetail, SuggestionModelStatus } from '@attest/core';
import { createProject, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { adjudicateDrillArticle, importDrillArticle } from '../support/learning.ts';
import { annotatableRows, expect, saveScreenshot, saveStatus, test } from './support.ts';

test('a model trained on the project’s adjudications decides a suggestion, explains it, and is accepted', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const slug = uniqueSlug('learn');
  await createProject(page.request, { slug, name: 'Learned suggestions' });

  // Before any gold: the editor says the rules decide.
  const first = await importDrillArticle(page.request, slug, 0);
  await page.goto(`/documents/${first.document.id}`);
  await annotatableRows(page).nth(1).click();
  const panel = page.getByRole('complementary', { name: 'Selected sentence' });
  await expect(panel).toContainText(
    'Rules alone decide in this project until its learned model has 200 gold sentences',
  );

  // The reviewer's gold: 200 sentences of 20 articles.
  for (let number = 0; number < 20; number++) {
    const detail = number === 0 ? first : await importDrillArticle(page.request, slug, number);
    await adjudicateDrillArticle(page.request, detail);
  }
  const trained = await page.request.post(`/api/projects/${slug}/suggestion-model/train`);
  expect(trained.status(), await trained.text()).toBe(201);
  const status = (await trained.json()) as SuggestionModelStatus;
  // Adjudicating already retrained it every 25 labels; this is the newest version.
  expect(status.model).toMatchObject({ goldSentences: 200, decides: true });

  const fresh = await importDrillArticle(page.request, slug, 99);
  await page.goto(`/documents/${fresh.document.id}`);
  const monitoredRow = annotatableRows(page).filter({ hasText: 'was monitored in Seoul' }).first();
  await monitoredRow.click();
  await expect(panel).toContainText(
    `Decided by the project's model (version ${status.model?.version}, learned from 200 gold sentences in this project)`,
  );
  await expect(panel).toContainText(/The rule [a-z-]+ said Reported fact\./);
  await expect(panel.getByRole('list', { name: /^For KCNA claim/ })).toContainText(/'monitored' \+\d/);
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'learned-suggestion');

  await page.keyboard.press('a');
  await expect(saveStatus(page)).toHaveText('All changes saved');
  const detail = (await (
    await page.request.get(`/api/documents/${fresh.document.id}`)
  ).json()) as DocumentDetail;
  const sentence = detail.sentences.find((row) => row.text.includes('was monitored in Seoul'));
  const annotation: Annotation | undefined = detail.annotations.find(
    (row) => row.sentenceId === sentence?.id,
  );
  expect(annotation?.label).toBe('kcna_claim');
  expect(annotation?.suggestion).toMatchObject({ relation: 'accepted' });
  expect(annotation?.suggestion?.version).toMatch(new RegExp(`^model-v${status.model?.version}:`));

  // The report counts the accepted suggestion under the model.
  await page.goto(`/projects/${slug}/report`);
  const deciders = page.getByRole('table', {
    name: 'Suggestions accepted per decider, by the week the label was saved',
  });
  await expect(deciders.getByRole('row').filter({ hasText: "Project's model" })).toContainText(
    /1\s*1\s*100%/,
  );
  await expect(page.getByRole('region', { name: 'Who decided the suggestions' })).toContainText(
    `Model version ${status.model?.version}`,
  );

  // A week is a UTC day, named alike in every time zone: at UTC+14 noon UTC is already tomorrow.
  const { acceptedByDecider } = (await (
    await page.request.get(`/api/projects/${slug}/suggestion-model`)
  ).json()) as SuggestionModelStatus;
  const week = acceptedByDecider.find((row) => row.decider === 'model')?.week;
  if (!week) throw new Error('The model decided no suggestion that was saved.');
  const weekName = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(week),
  );
  const farEast = await page
    .context()
    .browser()!
    .newContext({
      storageState: await page.context().storageState(),
      timezoneId: 'Pacific/Kiritimati',
    });
  try {
    const farEastPage = await farEast.newPage();
    await farEastPage.goto(`/projects/${slug}/report`);
    await expect(
      farEastPage
        .getByRole('table', { name: 'Suggestions accepted per decider, by the week the label was saved' })
        .getByRole('row')
        .filter({ hasText: "Project's model" })
        .getByRole('rowheader'),
    ).toHaveText(weekName);
  } finally {
    await farEast.close();
  }
});
