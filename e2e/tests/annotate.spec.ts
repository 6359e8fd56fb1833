import {
  annotatableRows,
  documentIdOf,
  expect,
  expectRowLabels,
  hasSampleArticle,
  importPasted,
  labelButton,
  labelsFromApi,
  sampleArticlePath,
  saveScreenshot,
  saveStatus,
  test,
} from './support.ts';

const pastedArticle = `Pyongyang stages rally on founding anniversary

SEOUL, Sept. 9 (Attest Test Wire) -- North Korea held a mass rally in Pyongyang on Monday to mark the country's founding anniversary, the Korean Central News Agency said.

The agency said the rally showed the "unbreakable unity" of the people around the leadership.

Observers said the event was likely meant to shore up domestic support ahead of a difficult winter.

South Korea's Unification Ministry said it was monitoring the situation closely.

(END)
`;

test.describe('annotating', () => {
  test('imports a file, tags it by keyboard, and the tags survive a reload', async ({ page, request }) => {
    test.skip(!hasSampleArticle, `The sample article is missing at ${sampleArticlePath}; nothing to import.`);
    await page.goto('/projects/demo');
    const uploadForm = page.getByRole('form', { name: 'Upload a file' });
    await uploadForm.getByLabel('Text file (.txt)').setInputFiles(sampleArticlePath);
    await uploadForm.getByRole('button', { name: 'Upload file' }).click();
    await expect(page).toHaveURL(/\/documents\/[0-9a-f-]+$/);
    await expect(page.getByText(/^Imported “.*”: \d+ sentences to tag\.$/)).toBeVisible();
    const documentId = documentIdOf(page);
    const rows = annotatableRows(page);
    await expect(rows.first()).toHaveAttribute('aria-selected', 'true');

    await page.keyboard.press('1');
    await page.keyboard.press('j');
    await page.keyboard.press('2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('3');
    await page.keyboard.press('k');
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('ArrowUp');
    await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
    for (const key of ['ArrowDown', 'ArrowDown', 'j']) await page.keyboard.press(key);
    await page.keyboard.press('2');

    const expected = ['KCNA claim', null, 'Reported fact', 'Observer inference'];
    await expectRowLabels(page, expected);
    await expect(page.getByRole('progressbar', { name: 'Sentences tagged' })).toHaveAttribute(
      'aria-valuenow',
      '3',
    );
    await expect(saveStatus(page)).toHaveText('All changes saved');
    // Pose for the screenshot: an untagged sentence selected, with its suggestion and cues.
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await saveScreenshot(page, 'annotate');

    await page.reload();
    await expectRowLabels(page, expected);
    expect((await labelsFromApi(request, documentId)).slice(0, 4)).toEqual([
      'kcna_claim',
      null,
      'reported_fact',
      'observer_inference',
    ]);
  });

  test('imports pasted text, tags it with the mouse, and the tags survive a reload', async ({
    page,
    request,
  }) => {
    const documentId = await importPasted(page, pastedArticle);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Pyongyang stages rally on founding anniversary',
    );
    const rows = annotatableRows(page);
    await expect(rows).toHaveCount(5);
    await expect(page.getByRole('option', { name: /^Not annotated: \(END\)/ })).toBeVisible();

    await rows.nth(1).click();
    await labelButton(page, 'KCNA claim').click();
    await rows.nth(2).click();
    await labelButton(page, 'KCNA claim').click();
    await rows.nth(3).click();
    await labelButton(page, 'Reported fact').click();
    await labelButton(page, 'Observer inference').click();
    await rows.nth(4).click();
    await labelButton(page, 'Reported fact').click();
    await rows.nth(2).click();
    await page.getByRole('button', { name: 'Clear' }).click();

    const expected = [null, 'KCNA claim', null, 'Observer inference', 'Reported fact'];
    await expectRowLabels(page, expected);
    await expect(saveStatus(page)).toHaveText('All changes saved');

    await page.reload();
    await expectRowLabels(page, expected);
    expect(await labelsFromApi(request, documentId)).toEqual([
      null,
      'kcna_claim',
      null,
      'observer_inference',
      'reported_fact',
    ]);
  });

  test('importing the same text again opens the existing document', async ({ page }) => {
    const firstId = await importPasted(
      page,
      `Repeat import check\n\nThe ministry said the bridge reopened on Friday.\n`,
    );
    const secondId = await importPasted(
      page,
      `Repeat import check\n\nThe ministry said the bridge reopened on Friday.\n`,
    );
    expect(secondId).toBe(firstId);
    await expect(page.getByText(/^Already imported:/)).toBeVisible();
  });

  test('opens the guidelines and the shortcut help from the keyboard and with buttons', async ({ page }) => {
    await importPasted(page, `Guidelines dialog check\n\nThe paper said the harvest was a record.\n`);
    await page.keyboard.press('g');
    const guidelines = page.getByRole('dialog', { name: 'Guidelines' });
    await expect(guidelines).toBeVisible();
    // The guidelines are slotted into the dialog: find the rendered Markdown from the page.
    await expect(page.getByRole('heading', { name: /KCNA claim — kcna_claim/ })).toBeVisible();
    await saveScreenshot(page, 'guidelines');
    await page.keyboard.press('Escape');
    await expect(guidelines).toBeHidden();

    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toBeVisible();
    await expect(page.getByRole('row', { name: /Tag as KCNA claim/ })).toBeVisible();
    await saveScreenshot(page, 'shortcuts');
    await help.getByRole('button', { name: /^Close/ }).click();
    await expect(help).toBeHidden();

    await page.getByRole('button', { name: /^Guidelines/ }).click();
    await expect(guidelines).toBeVisible();
  });
});

test('the a key accepts the suggestion of the selected sentence', async ({ page }) => {
  await importPasted(
    page,
    `Suggestion check\n\nNorth Korea will hold a party meeting next month, the Korean Central News Agency said on Sunday.\n`,
  );
  const suggestedRows = page.getByRole('option', { name: /^Untagged, suggested / });
  // A sentence attributed to the KCNA always gets a suggestion: none would be a bug.
  await expect(suggestedRows.first()).toBeVisible();
  const row = suggestedRows.first();
  const chipText = (await row.getByText(/^Suggested: /).textContent()) ?? '';
  // The chip reads "Suggested: <label>", followed by the key hint on the selected row.
  const suggestion = /^Suggested: (.+?)(\s+a)?$/.exec(chipText.trim())?.[1];
  expect(suggestion).toBeTruthy();
  await row.click();
  await page.keyboard.press('a');
  await expect(page.getByRole('option', { selected: true })).toHaveAccessibleName(
    new RegExp(`^${suggestion}: `),
  );
  await expect(saveStatus(page)).toHaveText('All changes saved');
});
