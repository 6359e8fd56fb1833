// Runs before every spec: creates the first account on the fresh server (it owns the demo
// project) and keeps its signed-in browser state for the specs.
import { expect, test as setup } from '@playwright/test';
import { owner, ownerStorageState } from '../support/accounts.ts';

setup('create the first account', async ({ request }) => {
  const state = await request.get('/api/setup');
  expect(await state.json()).toEqual({ needsSetup: true });
  const created = await request.post('/api/setup', { data: owner });
  expect(created.status(), await created.text()).toBe(201);
  await request.storageState({ path: ownerStorageState });
});
