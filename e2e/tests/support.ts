// Shared steps and locators for the end-to-end tests.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DocumentDetail } from '@attest/core';
import {
  type APIRequestContext,
  type BrowserContext,
  test as base,
  expect,
  type Page,
} from '@playwright/test';
import { e2eRoot, repoRoot } from '../support/environment.ts';

export { expect };

/**
 * The browser console of every page a test opens, in any browser context. Any error fails the
 * test, except those it says it causes on purpose (a refused save logs its failed request).
 */
export class ConsoleErrors {
  readonly unexpected: string[] = [];
  private readonly expected: RegExp[] = [];

  /** Errors this test causes on purpose, as patterns of their text. */
  allow(...patterns: RegExp[]): void {
    this.expected.push(...patterns);
  }

  watch(context: BrowserContext): void {
    context.on('console', (message) => {
      if (message.type() === 'error') this.record(message.page()?.url(), message.text());
    });
    context.on('weberror', (error) => this.record(error.page()?.url(), `uncaught ${String(error.error())}`));
  }

  private record(pageUrl: string | undefined, text: string): void {
    if (this.expected.some((pattern) => pattern.test(text))) return;
    this.unexpected.push(`${pageUrl ?? '?'}: ${text}`);
  }
}

/** Import `test` from here, never from @playwright/test: every spec gets the console check. */
export const test = base.extend<{ consoleErrors: ConsoleErrors }>({
  consoleErrors: [
    async ({ browser, context }, use) => {
      const consoleErrors = new ConsoleErrors();
      const watch = (watched: BrowserContext) => consoleErrors.watch(watched);
      watch(context);
      // Contexts a test opens itself (a second analyst, another tab) are checked as well.
      browser.on('context', watch);
      await use(consoleErrors);
      browser.off('context', watch);
      expect(consoleErrors.unexpected, 'errors logged in the browser console').toEqual([]);
    },
    { auto: true },
  ],
});

/** The sample article shared with the other packages' tests; never copied into this repo. */
export const sampleArticlePath = path.resolve(repoRoot, '../shared/data/armistice-anniversary.txt');
export const hasSampleArticle = existsSync(sampleArticlePath);

export const demoProjectName = 'Demo: state-media provenance';
export const demoDocumentTitle = 'N. Korea says it tested engine for new space launcher';

/** Saves a screenshot of a key screen as a test artifact, and for the docs when asked to. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(e2eRoot, 'test-results', 'screens', `${name}.png`) });
  if (process.env['UPDATE_SCREENSHOTS']) {
    await page.screenshot({ path: path.join(repoRoot, 'docs', 'screenshots', `${name}.png`) });
  }
}

/** The sentences that take a label, in order (boilerplate rows are disabled options). */
export function annotatableRows(page: Page) {
  return page.getByRole('listbox', { name: 'Sentences' }).getByRole('option', { disabled: false });
}

export function labelButton(page: Page, name: string) {
  return page.getByRole('group', { name: /^Labels/ }).getByRole('button', { name: new RegExp(`^${name}`) });
}

export function saveStatus(page: Page) {
  return page.locator('attest-save-status').getByRole('status');
}

/** Imports pasted text into the demo project and waits for its annotate view. */
export async function importPasted(page: Page, body: string, title?: string): Promise<string> {
  await page.goto('/projects/demo');
  const form = page.getByRole('form', { name: 'Paste an article' });
  await form.getByLabel('Article text').fill(body);
  if (title) await form.getByLabel('Title').fill(title);
  await form.getByRole('button', { name: 'Import text' }).click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]+$/);
  await expect(annotatableRows(page).first()).toBeVisible();
  return documentIdOf(page);
}

export function documentIdOf(page: Page): string {
  const id = new URL(page.url()).pathname.split('/').pop();
  if (!id) throw new Error(`Not an annotate page: ${page.url()}`);
  return id;
}

/** The label of each annotatable sentence as the API reports it (null: untagged). */
export async function labelsFromApi(
  request: APIRequestContext,
  documentId: string,
): Promise<(string | null)[]> {
  const response = await request.get(`/api/documents/${documentId}`);
  expect(response.ok()).toBe(true);
  const detail = (await response.json()) as DocumentDetail;
  const labelBySentence = new Map(
    detail.annotations.map((annotation) => [annotation.sentenceId, annotation.label]),
  );
  return detail.sentences
    .filter((sentence) => sentence.kind !== 'boilerplate')
    .map((sentence) => labelBySentence.get(sentence.id) ?? null);
}

/** Checks each annotatable row's spoken label (its accessible name starts with it). */
export async function expectRowLabels(page: Page, expected: readonly (string | null)[]): Promise<void> {
  const rows = annotatableRows(page);
  for (const [index, label] of expected.entries()) {
    // An untagged row may say what Attest suggests: "Untagged, suggested Reported fact: …".
    const spoken = label ?? 'Untagged(, suggested [^:]+)?';
    await expect(rows.nth(index)).toHaveAccessibleName(new RegExp(`^${spoken}: `));
  }
}
