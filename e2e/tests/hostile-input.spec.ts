// Article text is data, never markup: script tags and event handlers in a title or a sentence
// show as the characters they are, and nothing runs.
import { annotatableRows, expect, importPasted, saveStatus, test } from './support.ts';

const title = `<script>alert(1)</script> Hostile <img src=x onerror=alert(1)> title ${Date.now()}`;
const body = `${title}

The agency said <img src=x onerror=alert(1)> was only a picture.

Observers said <script>alert(1)</script> and <svg onload=alert(1)> appeared on the site.

A link <a href="javascript:alert(1)">click me</a> and <iframe srcdoc="<script>alert(1)</script>"></iframe> were posted.
`;

test('hostile markup in an article shows as text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await importPasted(page, body, title);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  const rows = annotatableRows(page);
  await expect(
    rows.filter({ hasText: 'The agency said <img src=x onerror=alert(1)> was only a picture.' }),
  ).toHaveCount(1);
  await expect(rows.filter({ hasText: '<script>alert(1)</script> and <svg onload=alert(1)>' })).toHaveCount(
    1,
  );

  await rows.nth(1).click();
  await page.keyboard.press('1');
  await page.keyboard.press('j');
  await page.keyboard.press('2');
  await expect(saveStatus(page)).toHaveText('All changes saved');
  await page.keyboard.press('h');
  await expect(page.getByRole('list', { name: 'Changes, newest first' })).toBeVisible();
  await page.keyboard.press('Escape');

  const injected = await page.evaluate(() => {
    const found: string[] = [];
    const visit = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*')) {
        const tag = element.tagName.toLowerCase();
        const isInjected =
          (tag === 'script' && (element.textContent ?? '').includes('alert')) ||
          tag === 'iframe' ||
          (tag === 'img' && element.getAttribute('src') === 'x') ||
          element.hasAttribute('onerror') ||
          element.hasAttribute('onload') ||
          (element.getAttribute('href') ?? '').startsWith('javascript:');
        if (isInjected) found.push(element.outerHTML);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document);
    return found;
  });
  expect(injected).toEqual([]);
  expect(dialogs).toEqual([]);
});
