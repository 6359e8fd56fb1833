// Fixing segmentation in the annotate view: split a sentence and merge it with the next, by
// keyboard and by mouse; labels survive as the API promises, on screen and after a reload.
import type { DocumentDetail } from '@attest/core';
import type { Page } from '@playwright/test';
import {
  annotatableRows,
  expect,
  expectRowLabels,
  importPasted,
  labelButton,
  labelsFromApi,
  saveStatus,
  test,
} from './support.ts';

/** A fresh article each time (a retry must not reopen the one an earlier attempt changed). */
function article(marker: string): string {
  return `Rally marks founding anniversary ${marker} ${Date.now().toString(36)}

North Korea held a mass rally in Pyongyang on Monday and fired a salute of guns at noon, the Korean Central News Agency said.

The agency said the rally showed the unity of the people.

Observers said the event was likely meant to shore up domestic support.

South Korea's Unification Ministry said it was monitoring the situation.
`;
}

/** Each annotatable sentence's text as the API holds it. */
async function textsFromApi(page: Page, documentId: string): Promise<string[]> {
  const response = await page.request.get(`/api/documents/${documentId}`);
  expect(response.ok()).toBe(true);
  const detail = (await response.json()) as DocumentDetail;
  return detail.sentences
    .filter((sentence) => sentence.kind !== 'boilerplate')
    .map((sentence) => sentence.text);
}

const splitEditor = (page: Page) => page.getByRole('group', { name: /^Split sentence/ });

test('splits by keyboard and merges with the mouse: both halves keep the label, a shared label stays', async ({
  page,
}) => {
  const documentId = await importPasted(page, article('(keyboard split)'));
  const rows = annotatableRows(page);
  await expect(rows).toHaveCount(5);
  // A label further down moves with its sentence when the list is patched after each change.
  await page.keyboard.press('End');
  await page.keyboard.press('3');
  await page.keyboard.press('Home');

  await page.keyboard.press('j');
  await page.keyboard.press('1');
  await page.keyboard.press('s');
  await expect(splitEditor(page)).toBeVisible();
  // Word by word to the start, then to "and fired …": the caret stops before the second word.
  for (let press = 0; press < 25; press += 1) await page.keyboard.press('Control+ArrowLeft');
  for (let press = 0; press < 9; press += 1) await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await expect(splitEditor(page).getByRole('definition').nth(1)).toHaveText(/^and fired a salute/);
  await page.keyboard.press('Enter');

  await expect(rows).toHaveCount(6);
  await expect(
    page.getByText('Sentence 2 was split into sentences 2 and 3. Both parts are tagged KCNA claim.'),
  ).toBeVisible();
  await expect(rows.nth(1)).toHaveAccessibleName(
    /^KCNA claim: North Korea held a mass rally in Pyongyang on Monday$/,
  );
  await expect(rows.nth(2)).toHaveAccessibleName(/^KCNA claim: and fired a salute of guns/);
  await expect(rows.nth(5)).toHaveAccessibleName(/^Reported fact: South Korea's Unification Ministry/);
  // Focus stays on the sentences: the keyboard keeps working.
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');

  await rows.nth(3).click();
  await labelButton(page, 'KCNA claim').click();
  await rows.nth(2).click();
  await page.getByRole('button', { name: /^Merge with next/ }).click();
  await expect(rows).toHaveCount(5);
  await expect(
    page.getByText('Sentences 3 and 4 were merged. It keeps the label both had: KCNA claim.'),
  ).toBeVisible();
  await expect(rows.nth(2)).toHaveAccessibleName(
    /^KCNA claim: and fired a salute .* said\. The agency said the rally/,
  );
  await expect(saveStatus(page)).toHaveText('All changes saved');

  const expected = [null, 'KCNA claim', 'KCNA claim', null, 'Reported fact'];
  // What the page shows before a reload is what the server holds after it.
  await expectRowLabels(page, expected);
  await page.reload();
  await expectRowLabels(page, expected);
  expect(await labelsFromApi(page.request, documentId)).toEqual([
    null,
    'kcna_claim',
    'kcna_claim',
    null,
    'reported_fact',
  ]);
  const texts = await textsFromApi(page, documentId);
  expect(texts[1]).toBe('North Korea held a mass rally in Pyongyang on Monday');
  expect(texts[2]).toMatch(
    /^and fired a salute .* said\.\s+The agency said the rally showed the unity of the people\.$/,
  );
});

test('splits with the mouse and merges by keyboard: differing labels are cleared, with a notice', async ({
  page,
}) => {
  const documentId = await importPasted(page, article('(mouse split)'));
  const rows = annotatableRows(page);
  await rows.nth(3).click();
  await labelButton(page, 'Observer inference').click();
  await page.getByRole('button', { name: /^Split/ }).click();
  await expect(splitEditor(page)).toBeVisible();
  // A click on the left half of "was" puts the split point before it.
  const word = rows.nth(3).getByText('was', { exact: true });
  const box = await word.boundingBox();
  if (!box) throw new Error('The word "was" is not on screen.');
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  await expect(splitEditor(page).getByRole('definition').nth(0)).toHaveText('Observers said the event');
  await splitEditor(page)
    .getByRole('button', { name: /^Split here/ })
    .click();
  await expect(rows).toHaveCount(6);
  await expectRowLabels(page, [null, null, null, 'Observer inference', 'Observer inference', null]);

  // The second half and the ministry sentence carry different labels: merging clears them.
  await rows.nth(5).click();
  await labelButton(page, 'Reported fact').click();
  await rows.nth(4).click();
  await page.keyboard.press('m');
  await expect(rows).toHaveCount(5);
  await expect(page.getByRole('alert')).toContainText(
    'Sentences 5 and 6 were merged. The two parts had different labels (observer_inference, reported_fact), so the merged sentence is unlabelled.',
  );
  await expect(rows.nth(3)).toHaveAccessibleName(/^Observer inference: Observers said the event$/);
  await expect(rows.nth(4)).toHaveAccessibleName(
    /^Untagged(, suggested [^:]+)?: was likely meant .* monitoring the situation\.$/,
  );

  await page.reload();
  await expectRowLabels(page, [null, null, null, 'Observer inference', null]);
  expect(await labelsFromApi(page.request, documentId)).toEqual([
    null,
    null,
    null,
    'observer_inference',
    null,
  ]);
  expect((await textsFromApi(page, documentId))[3]).toBe('Observers said the event');
});
