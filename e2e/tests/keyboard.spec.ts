import { annotatableRows, demoDocumentTitle, demoProjectName, expect, saveStatus, test } from './support.ts';

test('an analyst goes from the projects page to a tagged sentence with the keyboard alone', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeFocused();

  // Other tests may have created projects listed before the demo: tab to the demo's link.
  const projectLink = page.getByRole('link', { name: demoProjectName, exact: true });
  for (
    let step = 0;
    step < 30 && !(await projectLink.evaluate((link) => link.matches(':focus')));
    step += 1
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(projectLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: demoProjectName, level: 1 })).toBeFocused();

  // Other tests may have imported documents before this one: tab to the demo article's link.
  const documentLink = page.getByRole('link', { name: demoDocumentTitle, exact: true });
  for (
    let step = 0;
    step < 200 && !(await documentLink.evaluate((link) => link.matches(':focus')));
    step += 1
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(documentLink).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('listbox', { name: 'Sentences' })).toBeFocused();
  const rows = annotatableRows(page);
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('3');
  await expect(rows.nth(1)).toHaveAccessibleName(/^Reported fact: /);
  await expect(saveStatus(page)).toHaveText('All changes saved');
});
