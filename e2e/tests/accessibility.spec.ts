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
    // Arrow keys are drawn at a readable size, not in the small monospace face of the letters.
    const arrowKey = page.locator('attest-shortcut-help').locator('kbd', { hasText: /^↓$/ });
    const fontSize = await arrowKey.evaluate((key) => Number.parseFloat(getComputedStyle(key).fontSize));
    // 0.8rem (12 px) before: the arrows were barely legible.
    expect(fontSize).toBeGreaterThanOrEqual(15);
  });

  test('the API reference: in English, Attest’s colours, a way back, no third-party buttons', async ({
    page,
  }) => {
    await page.goto('/api/docs');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'Attest API', level: 1 })).toBeVisible({
      timeout: 15_000,
    });
    for (const name of [/Ask AI/i, /Deploy/i, /Generate SDKs/i])
      await expect(page.getByRole('button', { name })).toHaveCount(0);
    await saveScreenshot(page, 'api-reference');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: '← Back to Attest' }).click();
    await expect(page.getByRole('link', { name: demoProjectName })).toBeVisible();
  });
});
