// How many exports run at once: per account and overall, refused with 429 and Retry-After,
// and each place given back when its download ends.
import { testEngines } from '@attest/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addMember,
  createBulkProject,
  createTestApp,
  expectProblem,
  type TestApp,
  type TestUser,
} from './helpers.ts';

for (const engine of testEngines())
  describe(`export limits on ${engine}`, () => {
    let testApp: TestApp;
    let reviewer: TestUser;
    let otherReviewer: TestUser;

    beforeAll(async () => {
      testApp = await createTestApp({ exportLimits: { concurrent: 2, perUser: 1 } }, engine);
      // 2,000 short sentences: more pages and chunks than the response's buffers hold, so an
      // unread download stays open.
      await createBulkProject(testApp, 'many', {
        documents: 20,
        sentencesPerDocument: 100,
        sentenceText: 'The ministry said the figures were checked twice, officials added.',
      });
      reviewer = await addMember(testApp, 'many', 'reviewer', 'Rita Reviewer');
      otherReviewer = await addMember(testApp, 'many', 'reviewer', 'Otto Reviewer');
    }, 60_000);

    afterAll(async () => {
      await testApp?.database.destroy();
    });

    const exportOf = (user: TestUser) => user.request('/api/projects/many/export?format=jsonl');

    it('refuses a second export of one account and a third overall with 429 and Retry-After', async () => {
      const first = await exportOf(testApp.owner);
      expect(first.status).toBe(200);
      const firstReader = first.body!.getReader();
      await firstReader.read();

      const sameAccount = await exportOf(testApp.owner);
      const perAccount = await expectProblem(sameAccount, 429);
      expect(sameAccount.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(perAccount.detail).toContain('one account');

      const second = await exportOf(reviewer);
      expect(second.status).toBe(200);
      const overall = await exportOf(otherReviewer);
      expect((await expectProblem(overall, 429)).detail).toContain('at once');

      // Each download that ends, read to the end or abandoned, gives its place back.
      expect((await second.text()).trimEnd().split('\n')).toHaveLength(2_000);
      await firstReader.cancel();
      const active = async () =>
        ((await (await testApp.anonymous.request('/readyz')).json()) as { exports: { active: number } })
          .exports.active;
      await expect.poll(active, { timeout: 5_000, interval: 50 }).toBe(0);
      const again = await exportOf(otherReviewer);
      expect(again.status).toBe(200);
      expect((await again.text()).trimEnd().split('\n')).toHaveLength(2_000);
      expect((await exportOf(testApp.owner)).status).toBe(200);
    });
  });
