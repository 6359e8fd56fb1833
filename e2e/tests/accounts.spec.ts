import type { Page } from '@playwright/test';
import { addTeammate, createProject, owner, uniqueSlug } from '../support/accounts.ts';
import { seriousViolations } from '../support/axe.ts';
import {
  annotatableRows,
  demoProjectName,
  expect,
  labelButton,
  saveScreenshot,
  saveStatus,
  test,
} from './support.ts';

const article = (title: string) => `${title}

The Korean Central News Agency said the new dam was completed ahead of schedule.

Analysts said the announcement was likely timed to the party congress.
`;

/** Imports an article through the API as the caller of `page` and returns its id. */
async function importArticle(page: Page, slug: string, title: string): Promise<string> {
  const response = await page.request.post(`/api/projects/${slug}/documents`, {
    data: { body: article(title), title },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { document: { id: string } }).document.id;
}

test.describe('accounts and roles', () => {
  test('two analysts label the same document blind; a reviewer sees both', async ({ page, browser }) => {
    // Four users, each in a browser context of their own.
    test.setTimeout(90_000);
    const slug = uniqueSlug('blind');
    await createProject(page.request, { slug, name: 'Blind double annotation', annotatorsPerDocument: 2 });
    const ana = await addTeammate(browser, page.request, slug, 'analyst', 'Ana Analyst');
    const ben = await addTeammate(browser, page.request, slug, 'analyst', 'Ben Analyst');
    const reviewer = await addTeammate(browser, page.request, slug, 'reviewer', 'Rita Reviewer');
    const documentId = await importArticle(page, slug, 'Dam completed');

    for (const [analyst, label] of [
      [ana, 'KCNA claim'],
      [ben, 'Reported fact'],
    ] as const) {
      const analystPage = await analyst.context.newPage();
      await analystPage.goto(`/projects/${slug}`);
      await expect(analystPage.getByRole('cell', { name: 'To do' })).toBeVisible();
      // Analysts neither import nor change settings.
      await expect(analystPage.getByRole('heading', { name: 'Import an article' })).toHaveCount(0);
      await expect(analystPage.getByRole('link', { name: 'Settings' })).toHaveCount(0);
      await analystPage.getByRole('button', { name: 'Next document' }).click();
      await expect(analystPage).toHaveURL(new RegExp(`/documents/${documentId}$`));
      const rows = annotatableRows(analystPage);
      // Nobody else's label shows: every row starts untagged.
      await expect(rows.nth(1)).toHaveAccessibleName(/^Untagged/);
      await rows.nth(1).click();
      await labelButton(analystPage, label).click();
      await expect(saveStatus(analystPage)).toHaveText('All changes saved');
      // Typed by hand, the settings say who may change them and lead back to the project.
      await analystPage.goto(`/projects/${slug}/settings/labels`);
      await expect(analystPage.getByRole('alert')).toHaveText(
        'Only the project’s owners can change its settings; you are its analyst.',
      );
      await analystPage
        .getByRole('navigation', { name: 'Breadcrumb' })
        .getByRole('link', { name: 'Blind double annotation' })
        .click();
      await expect(analystPage).toHaveURL(new RegExp(`/projects/${slug}$`));
      await analystPage.close();
    }

    for (const [analyst, label] of [
      [ana, 'kcna_claim'],
      [ben, 'reported_fact'],
    ] as const) {
      const detail = await (await analyst.context.request.get(`/api/documents/${documentId}`)).json();
      expect(detail.annotations.map((annotation: { label: string }) => annotation.label)).toEqual([label]);
      const review = await analyst.context.request.get(`/api/documents/${documentId}/review`);
      expect(review.status()).toBe(403);
    }
    const anaPage = await ana.context.newPage();
    await anaPage.goto(`/documents/${documentId}`);
    await expect(annotatableRows(anaPage).nth(1)).toHaveAccessibleName(/^KCNA claim: /);
    await anaPage.goto(`/projects/${slug}`);
    await expect(anaPage.getByRole('cell', { name: 'In progress' })).toBeVisible();

    const reviewerPage = await reviewer.context.newPage();
    await reviewerPage.goto(`/projects/${slug}`);
    await reviewerPage.getByRole('link', { name: 'Review', exact: true }).click();
    await expect(reviewerPage.getByRole('heading', { name: 'Review: Dam completed' })).toBeVisible();
    const table = reviewerPage.getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'Ana Analyst' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Ben Analyst' })).toBeVisible();
    const dam = table.getByRole('row', { name: /new dam was completed/ });
    await expect(dam.getByRole('cell', { name: 'KCNA claim' })).toBeVisible();
    await expect(dam.getByRole('cell', { name: 'Reported fact' })).toBeVisible();
    await expect(dam.getByRole('cell', { name: 'Differs' })).toBeVisible();
    await saveScreenshot(reviewerPage, 'review');
    expect(await seriousViolations(reviewerPage)).toEqual([]);
    for (const teammate of [ana, ben, reviewer]) await teammate.context.close();
  });

  test('an invitation link makes a new analyst, who sees only the documents assigned to them', async ({
    page,
    browser,
    consoleErrors,
  }) => {
    test.setTimeout(60_000);
    const slug = uniqueSlug('invite');
    await createProject(page.request, { slug, name: 'Invitation check', annotatorsPerDocument: 1 });
    const first = await addTeammate(browser, page.request, slug, 'analyst', 'Fiona First');
    await importArticle(page, slug, 'Assigned to Fiona');

    await page.goto(`/projects/${slug}/settings/members`);
    const inviteForm = page.getByRole('form', { name: 'Invite with a link' });
    await inviteForm.getByLabel('Role').selectOption('analyst');
    await inviteForm.getByRole('button', { name: 'Create invitation link' }).click();
    const link = await page.getByLabel('Invitation link').inputValue();
    expect(link).toMatch(/\/invite\/[\w-]+$/);
    await saveScreenshot(page, 'settings-members');
    expect(await seriousViolations(page)).toEqual([]);

    const newcomer = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const newcomerPage = await newcomer.newPage();
    await newcomerPage.goto(link);
    await expect(newcomerPage.getByRole('heading', { name: 'Join Invitation check' })).toBeVisible();
    await saveScreenshot(newcomerPage, 'invite');
    expect(await seriousViolations(newcomerPage)).toEqual([]);
    const acceptForm = newcomerPage.getByRole('form', { name: 'Accept the invitation' });
    await acceptForm.getByLabel('Name').fill('Nico Newcomer');
    await acceptForm.getByLabel('E-mail').fill(`nico.${Date.now()}@attest.test`);
    await acceptForm.getByLabel('Password', { exact: true }).fill('newcomer-password');
    await acceptForm.getByLabel('Confirm password').fill('newcomer-password');
    await acceptForm.getByRole('button', { name: 'Create account and join' }).click();
    await expect(newcomerPage.getByRole('heading', { name: 'Invitation check', level: 1 })).toBeVisible();
    await expect(newcomerPage.getByText('No documents are assigned to you yet.')).toBeVisible();

    // The next article goes to the analyst with the fewest documents: the newcomer.
    await importArticle(page, slug, 'Assigned to Nico');
    await newcomerPage.reload();
    await expect(newcomerPage.getByRole('link', { name: 'Assigned to Nico' })).toBeVisible();
    await expect(newcomerPage.getByRole('link', { name: 'Assigned to Fiona' })).toHaveCount(0);
    await expect(newcomerPage.getByRole('link', { name: demoProjectName })).toHaveCount(0);
    const firstPage = await first.context.newPage();
    await firstPage.goto(`/projects/${slug}`);
    await expect(firstPage.getByRole('link', { name: 'Assigned to Fiona' })).toBeVisible();
    await expect(firstPage.getByRole('link', { name: 'Assigned to Nico' })).toHaveCount(0);

    // The link works once. (Only now may its request answer 410: accepting it must not ask again.)
    consoleErrors.allow(/status of 410/);
    await newcomerPage.goto(link);
    await expect(newcomerPage.getByRole('heading', { name: 'Invitation not valid' })).toBeVisible();
    await newcomer.close();
    await first.context.close();
  });

  test('owners edit labels (contrast checked), guidelines and members in the settings', async ({
    page,
    consoleErrors,
  }) => {
    test.setTimeout(60_000);
    // Adding an existing account with a password is refused (409) on purpose below.
    consoleErrors.allow(/status of 409/);
    const slug = uniqueSlug('settings');
    await createProject(page.request, { slug, name: 'Settings check' });
    await page.goto(`/projects/${slug}`);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Members', level: 2 })).toBeVisible();

    const addForm = page.getByRole('form', { name: 'Add with a password' });
    await addForm.getByLabel('Name').fill('Pat Partner');
    const patEmail = `pat.${Date.now()}@attest.test`;
    await addForm.getByLabel('E-mail').fill(patEmail);
    await addForm.getByLabel('Password').fill('partner-password');
    await addForm.getByLabel('Role').selectOption('reviewer');
    await addForm.getByRole('button', { name: 'Add member' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Pat Partner was added as reviewer' }),
    ).toBeVisible();
    await page.getByLabel('Role of Pat Partner').selectOption('analyst');
    await expect(page.getByRole('status').filter({ hasText: 'Pat Partner is now an analyst' })).toBeVisible();

    // An e-mail that has an account never gets a password from an owner: invite them instead.
    await addForm.getByLabel('Name').fill('Someone');
    await addForm.getByLabel('E-mail').fill(patEmail);
    await addForm.getByLabel('Password').fill('another-owners-password');
    await addForm.getByLabel('Role').selectOption('owner');
    await addForm.getByRole('button', { name: 'Add member' }).click();
    const refusal = addForm.getByRole('alert');
    await expect(refusal).toContainText('invitation link');
    await expect(refusal).not.toContainText('Pat');
    expect(await seriousViolations(page)).toEqual([]);
    await refusal.getByRole('button', { name: 'Create an invitation link for owner' }).click();
    await expect(page.getByLabel('Invitation link')).toHaveValue(/\/invite\/[\w-]+$/);
    await expect(page.getByText(/Send this link to one teammate/)).toContainText('owner');

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Labels' }).click();
    const labels = page.getByRole('form', { name: 'Labels' });
    const colour = labels.getByLabel('Colour of Reported fact', { exact: true });
    await colour.fill('#f0f0f0');
    await expect(colour).toHaveAttribute('aria-invalid', 'true');
    await expect(labels.getByText(/White text on this colour has a contrast of 1\.1:1/)).toBeVisible();
    await labels.getByRole('button', { name: 'Save labels' }).click();
    await expect(labels.getByRole('alert')).toContainText('Choose darker colours for Reported fact');
    await saveScreenshot(page, 'settings-labels');
    expect(await seriousViolations(page)).toEqual([]);
    await colour.fill('#1b5e20');
    await labels.getByRole('button', { name: 'Add a label' }).click();
    await labels.getByLabel('Name').last().fill('Official denial');
    await labels.getByLabel('Colour of Official denial', { exact: true }).fill('#6941c6');
    await labels.getByRole('button', { name: 'Save labels' }).click();
    await expect(labels.getByRole('status')).toHaveText('Labels saved.');
    const project = await (await page.request.get(`/api/projects/${slug}`)).json();
    expect(project.labels.map((label: { key: string; color: string }) => [label.key, label.color])).toEqual([
      ['kcna_claim', expect.any(String)],
      ['observer_inference', expect.any(String)],
      ['reported_fact', '#1b5e20'],
      ['official_denial', '#6941c6'],
    ]);

    await page
      .getByRole('navigation', { name: 'Settings' })
      .getByRole('link', { name: 'Guidelines' })
      .click();
    const guidelines = page.getByRole('form', { name: 'Guidelines' });
    await guidelines.getByLabel('Markdown').fill('# Our guide\n\nTag **every** sentence.');
    await expect(
      page.getByRole('region', { name: 'Preview' }).getByRole('heading', { name: 'Our guide' }),
    ).toBeVisible();
    await saveScreenshot(page, 'settings-guidelines');
    expect(await seriousViolations(page)).toEqual([]);
    await guidelines.getByRole('button', { name: 'Save guidelines' }).click();
    await expect(guidelines.getByRole('status')).toContainText('Guidelines saved');

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'General' }).click();
    await page.getByLabel('Analysts per document').fill('2');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a project created on the projects page belongs to its creator', async ({ page }) => {
    await page.goto('/');
    const form = page.getByRole('form', { name: 'New project' });
    const name = `Field notes ${Date.now().toString(36)}`;
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByRole('button', { name: 'Create project' }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Projects', exact: true }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name }) });
    await expect(card).toContainText('Owner');
  });

  test('API tokens: created with project scopes, shown once, listed, revoked', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: owner.name }).click();
    await page.getByRole('link', { name: 'API tokens' }).click();
    await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
    const form = page.getByRole('form', { name: 'Create a token' });
    await form.getByLabel('Name').fill('Nightly import');
    await form.getByLabel(demoProjectName).check();
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = page.getByRole('region', { name: 'New token' });
    await expect(secret).toContainText('it is not shown again');
    const token = (await secret.locator('code').first().textContent())?.trim() ?? '';
    expect(token).toMatch(/^attest_/);
    await saveScreenshot(page, 'tokens');
    expect(await seriousViolations(page)).toEqual([]);

    const asScript = await page.request.get('/api/projects/demo', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(asScript.status()).toBe(200);
    const row = page.getByRole('row', { name: /Nightly import/ });
    await expect(row).toContainText('demo');
    page.once('dialog', (dialog) => dialog.accept());
    await row.getByRole('button', { name: 'Revoke Nightly import' }).click();
    await expect(page.getByRole('row', { name: /Nightly import/ })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'New token' })).toHaveCount(0);
  });
});

test.describe('signing in', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a wrong password and too many attempts say why', async ({ page, consoleErrors }) => {
    consoleErrors.allow(/status of 401/, /status of 429/);
    await page.goto('/sign-in');
    const form = page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('E-mail').fill(owner.email);
    await form.getByLabel('Password').fill('not-the-password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(form.getByRole('alert')).toHaveText('The e-mail or the password is wrong.');

    await page.route('**/api/auth/sign-in/email', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Authentication failed',
          status: 429,
          detail: 'Too many attempts from this address; wait a minute before trying again.',
        }),
      }),
    );
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(form.getByRole('alert')).toHaveText(
      'Too many attempts from this address; wait a minute before trying again.',
    );
  });

  test('signing in with the keyboard alone returns to the page asked for', async ({ page }) => {
    await page.goto('/projects/demo');
    await expect(page).toHaveURL(/\/sign-in\?next=/);
    await expect(page.getByRole('heading', { name: 'Sign in to Attest' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('E-mail')).toBeFocused();
    await page.keyboard.type(owner.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(owner.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: demoProjectName, level: 1 })).toBeFocused();
    await expect(page).toHaveURL(/\/projects\/demo$/);
  });
});
