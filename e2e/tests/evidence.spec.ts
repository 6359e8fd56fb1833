// The evidence behind a label: accepting a suggestion stores its source, chain and cues; cue
// words are marked by selection (mouse or keyboard) and the source typed; gentle warnings.
import type { Annotation, DocumentDetail } from '@attest/core';
import type { Page } from '@playwright/test';
import { seriousViolations } from '../support/axe.ts';
import {
  annotatableRows,
  expect,
  importPasted,
  labelButton,
  saveScreenshot,
  saveStatus,
  test,
} from './support.ts';

/** A fresh article each time (a retry must not reopen the one an earlier attempt changed). */
function article(marker: string): string {
  return `Rally marks founding anniversary ${marker} ${Date.now().toString(36)}

North Korea held a mass rally in Pyongyang on Monday to mark the founding anniversary, the Korean Central News Agency said.

Observers said the event was likely meant to shore up domestic support ahead of winter.

South Korea's Unification Ministry said it was monitoring the situation closely.
`;
}

async function documentFromApi(page: Page, documentId: string): Promise<DocumentDetail> {
  const response = await page.request.get(`/api/documents/${documentId}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as DocumentDetail;
}

/** The stored annotation of the n-th annotatable sentence, with that sentence. */
async function storedAnnotation(page: Page, documentId: string, index: number) {
  const detail = await documentFromApi(page, documentId);
  const sentence = detail.sentences.filter((candidate) => candidate.kind !== 'boilerplate')[index];
  if (!sentence) throw new Error(`No sentence ${index}.`);
  const annotation: Annotation | undefined = detail.annotations.find(
    (other) => other.sentenceId === sentence.id,
  );
  const { body } = detail.document;
  // The full document is asked for; only the editor's first answer leaves the text out.
  if (body === undefined) throw new Error('The document came without its text.');
  return { sentence, annotation, body };
}

const evidencePanel = (page: Page) => page.getByRole('complementary', { name: 'Selected sentence' });
const cueEditor = (page: Page) => page.getByRole('group', { name: 'Mark a cue' });

test('a stores the suggestion’s source, chain and cues with its label', async ({ page }) => {
  const documentId = await importPasted(page, article('(accept)'));
  await annotatableRows(page).nth(1).click();
  await page.keyboard.press('a');
  await expect(saveStatus(page)).toHaveText('All changes saved');

  const { sentence, annotation } = await storedAnnotation(page, documentId, 1);
  const suggestion = sentence.suggestion;
  expect(suggestion?.label).toBe('kcna_claim');
  expect(annotation?.label).toBe('kcna_claim');
  expect(annotation?.source).toBe(suggestion?.source);
  expect(annotation?.source).toBe('KCNA');
  expect(annotation?.chain).toEqual(suggestion?.chain);
  expect(annotation?.cues).toEqual(suggestion?.cues.map(({ start, end, kind }) => ({ start, end, kind })));
  expect(annotation?.cues.length).toBeGreaterThan(0);
  // The panel shows them: the source in its field, each cue as a removable chip.
  await expect(evidencePanel(page).getByLabel(/^Source/)).toHaveValue('KCNA');
  await expect(
    evidencePanel(page)
      .getByRole('button', { name: /^Remove cue/ })
      .first(),
  ).toBeVisible();
});

test('lists every attribution of an imported sentence, and accepting stores them', async ({ page }) => {
  // Two attributions in one sentence, the outer one the state media's: the import tags them all.
  const documentId = await importPasted(
    page,
    `${article('(attributions)')}
Kim Yo Jong said the drills were "a rehearsal for invasion," the Korean Central News Agency reported.
`,
  );
  await annotatableRows(page).nth(4).click();
  const list = evidencePanel(page).getByRole('list', { name: 'Attributions in this sentence' });
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText('Source Kim Yo Jong');
  await expect(items.nth(0)).toContainText('Cue “said”');
  await expect(items.nth(0)).toContainText('Content “the drills were "a rehearsal for invasion,"”');
  await expect(items.nth(1)).toContainText('Source the Korean Central News Agency');
  await expect(items.nth(1)).toContainText('Cue “reported”');
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'evidence-attributions');

  await page.keyboard.press('a');
  await expect(saveStatus(page)).toHaveText('All changes saved');
  const { sentence, annotation } = await storedAnnotation(page, documentId, 4);
  const cueKinds = (annotation?.cues ?? []).map((cue) => cue.kind);
  expect(cueKinds.filter((kind) => kind === 'source')).toHaveLength(2);
  expect(cueKinds.filter((kind) => kind === 'reporting_verb')).toHaveLength(2);
  expect(cueKinds).toContain('content');
  expect(annotation?.cues).toEqual(
    sentence.suggestion?.cues.map(({ start, end, kind }) => ({ start, end, kind })),
  );
});

test('records whether a label accepted the suggestion or was chosen by hand', async ({ page }) => {
  const documentId = await importPasted(page, article('(record)'));
  const rows = annotatableRows(page);
  await rows.nth(1).click();
  await page.keyboard.press('a');
  await rows.nth(2).click();
  await page.keyboard.press('2');
  await rows.nth(3).click();
  await page.keyboard.press('3');
  await expect(saveStatus(page)).toHaveText('All changes saved');

  const accepted = await storedAnnotation(page, documentId, 1);
  expect(accepted.annotation?.suggestion?.relation).toBe('accepted');
  expect(accepted.annotation?.suggestion?.version).toMatch(
    new RegExp(`^${accepted.sentence.suggestion!.rule}:[0-9a-f]{8}$`),
  );
  // Typed with a hotkey: the same label as the suggestion or another, never "accepted".
  for (const [index, label] of [
    [2, 'observer_inference'],
    [3, 'reported_fact'],
  ] as const) {
    const { sentence, annotation } = await storedAnnotation(page, documentId, index);
    expect(annotation?.label).toBe(label);
    const suggested = sentence.suggestion?.label;
    expect(annotation?.suggestion?.relation).toBe(
      !suggested ? 'no_suggestion' : suggested === label ? 'same_label' : 'other_label',
    );
  }
});

test('marks cue words by mouse and keyboard selection and types a source; all are stored', async ({
  page,
}) => {
  const documentId = await importPasted(page, article('(cues)'));
  const rows = annotatableRows(page);
  await rows.nth(2).click();
  await labelButton(page, 'Observer inference').click();

  // Mouse: drag across "was likely" in the sentence, pick the kind, add.
  const from = await rows.nth(2).getByText('was', { exact: true }).boundingBox();
  const to = await rows.nth(2).getByText('likely', { exact: true }).boundingBox();
  if (!from || !to) throw new Error('The cue words are not on screen.');
  await page.mouse.move(from.x + 1, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x + to.width - 1, to.y + to.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(cueEditor(page)).toContainText('Cue words: “was likely”');
  await cueEditor(page)
    .getByRole('radio', { name: /^Hedge/ })
    .check();
  await cueEditor(page)
    .getByRole('button', { name: /^Add cue/ })
    .click();
  await expect(evidencePanel(page).getByRole('button', { name: 'Remove cue “was likely”' })).toBeVisible();

  // Keyboard: c, move to the first word, extend by one, kind "source" (s), Enter.
  await page.keyboard.press('c');
  await expect(cueEditor(page)).toContainText('Cue words: “Observers”');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('s');
  await expect(cueEditor(page)).toContainText('Cue words: “Observers said”');
  await page.keyboard.press('Enter');
  await expect(cueEditor(page)).toBeHidden();

  // The source: e, type over the field, Enter hands the keyboard back to the sentences.
  await page.keyboard.press('e');
  await page.keyboard.type('observers');
  await page.keyboard.press('Enter');
  await page.keyboard.press('k');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(saveStatus(page)).toHaveText('All changes saved');

  const { annotation, body } = await storedAnnotation(page, documentId, 2);
  expect(annotation?.label).toBe('observer_inference');
  expect(annotation?.source).toBe('observers');
  expect(annotation?.cues.map((cue) => [body.slice(cue.start, cue.end), cue.kind])).toEqual([
    ['Observers said', 'source'],
    ['was likely', 'hedge'],
  ]);

  // Removing a cue is stored too.
  await rows.nth(2).click();
  await evidencePanel(page).getByRole('button', { name: 'Remove cue “Observers said”' }).click();
  await expect(saveStatus(page)).toHaveText('All changes saved');
  const afterRemoval = await storedAnnotation(page, documentId, 2);
  expect(afterRemoval.annotation?.cues.map((cue) => cue.kind)).toEqual(['hedge']);
});

test('warns, without blocking, about a KCNA claim with no state-media source', async ({ page }) => {
  const documentId = await importPasted(page, article('(warnings)'));
  const rows = annotatableRows(page);
  const warnings = evidencePanel(page).getByRole('list', { name: 'Warnings about the label' });
  await rows.nth(3).click();
  await page.keyboard.press('1');
  await expect(warnings).toContainText('Tagged as a KCNA claim, but no state-media source');
  await expect(warnings).toContainText('Warning:');
  await expect(saveStatus(page)).toHaveText('All changes saved');
  expect((await storedAnnotation(page, documentId, 3)).annotation?.label).toBe('kcna_claim');

  await page.keyboard.press('3');
  await expect(warnings).toBeHidden();
  // A sentence that names the KCNA raises no warning.
  await rows.nth(1).click();
  await page.keyboard.press('1');
  await expect(saveStatus(page)).toHaveText('All changes saved');
  expect((await storedAnnotation(page, documentId, 1)).annotation?.label).toBe('kcna_claim');
  await expect(warnings).toBeHidden();
});

test('the evidence panel, with cue marking and with split mode open, passes axe-core', async ({ page }) => {
  // A steady title for the screenshots; the headline row carries the unique part.
  await importPasted(page, article('(axe)'), 'Rally marks founding anniversary');
  const rows = annotatableRows(page);
  await rows.nth(1).click();
  await page.keyboard.press('a');
  await expect(saveStatus(page)).toHaveText('All changes saved');
  await saveScreenshot(page, 'evidence-panel');

  // The panel stays open in both modes, so each check covers it too.
  await page.keyboard.press('c');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(cueEditor(page)).toBeVisible();
  await saveScreenshot(page, 'cue-marking');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');

  await page.keyboard.press('s');
  await expect(page.getByRole('group', { name: /^Split sentence/ })).toBeVisible();
  await saveScreenshot(page, 'split-mode');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: /^Split sentence/ })).toBeHidden();
});
