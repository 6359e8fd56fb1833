// A link to a document opened by someone signed out: the editor asks for the session before its
// code has run, and for the document only once someone is signed in.
import { owner } from '../support/accounts.ts';
import { annotatableRows, expect, test } from './support.ts';

test('a document link opened signed out asks to sign in first, then shows the document', async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  const response = await page.request.post('/api/projects/demo/documents', {
    data: {
      title: `Harbour report ${stamp}`,
      body: `The harbour authority said ${stamp} containers arrived on Monday. Officials expected more on Friday. The port reopened at noon.`,
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const documentId = ((await response.json()) as { document: { id: string } }).document.id;

  const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const visitor = await signedOut.newPage();
  // The console check fails the test on any failed request logged while signed out (a 401).
  await visitor.goto(`/documents/${documentId}`);
  await expect(visitor).toHaveURL(/\/sign-in\?next=/);
  const form = visitor.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('E-mail').fill(owner.email);
  await form.getByLabel('Password').fill(owner.password);
  await form.getByRole('button', { name: 'Sign in' }).click();

  // The document is asked for afresh once signed in, not taken from the signed-out visit.
  await expect(visitor).toHaveURL(new RegExp(`/documents/${documentId}$`));
  const rows = annotatableRows(visitor);
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(`${stamp} containers arrived`);
  await expect(visitor.getByRole('listbox', { name: 'Sentences' })).toBeFocused();
  await signedOut.close();
});
