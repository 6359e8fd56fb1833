import { seriousViolations } from '../support/axe.ts';
import {
  annotatableRows,
  demoDocumentTitle,
  demoProjectName,
  expect,
  saveScreenshot,
  test,
} from './support.ts';

test.describe('accessibility (axe-core, WCAG 2 A/AA)', () => {
  test('the projects page', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('link', { name: demoProjectName })).toBeVisible();
    await saveScreenshot(page, 'projects');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the documents page with the import form', async ({ page }) => {
    await page.goto('/projects/demo');
    await expect(page.getByRole('link', { name: demoDocumentTitle })).toBeVisible();
    await saveScreenshot(page, 'documents');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the annotate view, and with the guidelines open', async ({ page }) => {
    await page.goto('/projects/demo');
    await page.getByRole('link', { name: demoDocumentTitle }).click();
    await expect(annotatableRows(page).first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /^Guidelines/ }).click();
    await expect(page.getByRole('dialog', { name: 'Guidelines' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');

    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
