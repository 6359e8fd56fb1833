// Runs before every spec, on the fresh server: the first-run page creates the owner account
// (it owns the demo project), who signs out and back in; the signed-in state is kept for the specs.
import { owner, ownerStorageState } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import { demoProjectName, expect, saveScreenshot, test as setup } from './support.ts';

setup('first run, sign out, sign in', async ({ page }) => {
  // The page's code arrives after the session check has sent the browser to /setup, as on a
  // slow network: the first-run page must show, not the page the address first asked for.
  await page.route(/\/assets\/attest-documents-page-[^/]*\.js$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.goto('/projects/demo');
  await expect(page).toHaveURL(/\/setup$/);
  const form = page.getByRole('form', { name: 'Create the first account' });
  await form.getByLabel('Name').fill(owner.name);
  await form.getByLabel('E-mail').fill(owner.email);
  await form.getByLabel('Password', { exact: true }).fill(owner.password);
  await form.getByLabel('Confirm password').fill('not the same password');
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect(form.getByRole('alert')).toHaveText('The two passwords differ.');
  await form.getByLabel('Confirm password').fill(owner.password);
  await saveScreenshot(page, 'first-run');
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Create account' }).click();

  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: demoProjectName })).toBeVisible();
  // A page chunk may still be held back by the handler above: let it through before moving on.
  await page.unrouteAll({ behavior: 'wait' });

  await page.getByRole('button', { name: owner.name }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // Signed out on the server too, not only in this tab.
  expect((await page.request.get('/api/me')).status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Sign in to Attest' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await saveScreenshot(page, 'sign-in');

  const signIn = page.getByRole('form', { name: 'Sign in' });
  await signIn.getByLabel('E-mail').fill(owner.email);
  await signIn.getByLabel('Password').fill(owner.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  await page.context().storageState({ path: ownerStorageState });
});
