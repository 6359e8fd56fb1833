import type { Page } from '@playwright/test';
import { seriousViolations } from '../support/axe.ts';
import { annotatableRows, expect, test } from './support.ts';

const sentenceCount = 1_500;

/** An invented article of `sentenceCount` short sentences, each numbered so it is unique. */
function longArticle(): string {
  const sentences = Array.from(
    { length: sentenceCount },
    (_, index) => `The ministry said figure ${index + 1} rose by ${(index % 9) + 1} points on Tuesday.`,
  );
  const paragraphs: string[] = [];
  for (let start = 0; start < sentences.length; start += 5) {
    paragraphs.push(sentences.slice(start, start + 5).join(' '));
  }
  return paragraphs.join('\n\n');
}

async function importLongArticle(page: Page): Promise<string> {
  const title = `A long wire report ${Date.now()}`;
  const response = await page.request.post('/api/projects/demo/documents', {
    data: { body: longArticle(), title },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { document: { id: string } }).document.id;
}

test('a long document keeps only the rows near the viewport, and says how long it is', async ({ page }) => {
  const documentId = await importLongArticle(page);
  await page.goto(`/documents/${documentId}`);
  const listbox = page.getByRole('listbox', { name: 'Sentences' });
  await expect(listbox).toBeFocused();
  const rows = annotatableRows(page);
  await expect(rows.first()).toHaveAttribute('aria-selected', 'true');
  await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  await expect(rows.first()).toHaveAttribute('aria-setsize', String(sentenceCount));
  expect(await rows.count()).toBeLessThan(200);
  // The first sentences show at once; the rest arrive in pages behind them, with progress.
  await expect(listbox).toHaveAttribute('aria-busy', 'false');
  await expect(page.getByRole('status').filter({ hasText: 'Loading sentences' })).toHaveCount(0);

  // End jumps to the last sentence: it is rendered, selected, on screen, and can be tagged.
  await page.keyboard.press('End');
  const selected = listbox.getByRole('option', { selected: true });
  await expect(selected).toHaveAttribute('aria-posinset', String(sentenceCount));
  await expect(selected).toBeInViewport();
  await expect(selected).toContainText(`figure ${sentenceCount} rose`);
  await expect(listbox).toBeFocused();
  await page.keyboard.press('2');
  await expect(selected).toHaveAccessibleName(/^Observer inference: /);
  await page.keyboard.press('k');
  await expect(selected).toHaveAttribute('aria-posinset', String(sentenceCount - 1));
  await expect(selected).toBeInViewport();
  expect(await rows.count()).toBeLessThan(200);
  expect(await seriousViolations(page)).toEqual([]);

  // Scrolling the page itself (wheel, scroll bar) brings the rows of wherever it lands.
  const positionsOnScreen = () =>
    listbox.getByRole('option').evaluateAll((options) =>
      options
        .filter((option) => {
          const box = option.getBoundingClientRect();
          return box.bottom > 0 && box.top < window.innerHeight;
        })
        .map((option) => Number(option.getAttribute('aria-posinset'))),
    );
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
  // The sentences are alike, so the middle of the page holds the middle of the document.
  await expect
    .poll(async () => (await positionsOnScreen()).some((position) => position > 600 && position < 900))
    .toBe(true);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(async () => (await positionsOnScreen()).includes(sentenceCount)).toBe(true);
  expect(await rows.count()).toBeLessThan(200);

  // Home goes back to the top; the label given at the end is still there after the jump back.
  await page.keyboard.press('Home');
  await expect(selected).toHaveAttribute('aria-posinset', '1');
  await expect(selected).toBeInViewport();
  await page.keyboard.press('End');
  await expect(selected).toHaveAccessibleName(/^Observer inference: /);
});
