// Changing a project's settings: the answer is the project as stored, and a PATCH that changes
// nothing (an empty merge patch) leaves it as it was rather than failing.
import type { Project } from '@attest/core';
import { type Engine, projects } from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, type TestApp } from './helpers.ts';

for (const engine of testEngines())
  describe(`project changes on ${engine}`, () => {
    let testApp: TestApp;
    beforeAll(async () => {
      testApp = await createTestApp({}, engine as Engine);
    }, 60_000);
    afterAll(async () => {
      await testApp?.database.destroy();
    });

    async function stored(slug: string) {
      const [row] = await testApp.database.db.select().from(projects).where(eq(projects.slug, slug));
      return row!;
    }

    it('answers an empty change with the project as it is, and changes nothing', async () => {
      const before = await stored('demo');
      const shown = (await (await testApp.owner.request('/api/projects/demo')).json()) as Project;
      const response = await testApp.owner.json('PATCH', '/api/projects/demo', {});
      expect(response.status, await response.clone().text()).toBe(200);
      expect(await response.json()).toEqual(shown);
      const after = await stored('demo');
      expect(after.updatedAt).toEqual(before.updatedAt);
      expect(after.guidelinesVersion).toBe(before.guidelinesVersion);
    });

    it('answers a change with what was stored, the guideline version moved on', async () => {
      const before = await stored('demo');
      const response = await testApp.owner.json('PATCH', '/api/projects/demo', {
        name: 'Renamed demo',
        guidelines: 'Label what the sentence attributes.',
      });
      expect(response.status, await response.clone().text()).toBe(200);
      const answered = (await response.json()) as Project;
      const after = await stored('demo');
      expect(after.name).toBe('Renamed demo');
      expect(after.guidelinesVersion).toBe(before.guidelinesVersion + 1);
      expect(answered).toMatchObject({
        name: 'Renamed demo',
        guidelines: 'Label what the sentence attributes.',
        guidelinesVersion: after.guidelinesVersion,
        role: 'owner',
      });
      expect(answered.labels.length).toBeGreaterThan(0);
      expect(answered.documentCount).toBeGreaterThan(0);
    });

    it('creates a project with its analysts per document in the answer and in the database', async () => {
      const response = await testApp.owner.json('POST', '/api/projects', {
        slug: 'double-coded',
        name: 'Double coded',
        annotatorsPerDocument: 2,
      });
      expect(response.status, await response.clone().text()).toBe(201);
      expect(await response.json()).toMatchObject({
        slug: 'double-coded',
        annotatorsPerDocument: 2,
        role: 'owner',
      });
      expect((await stored('double-coded')).annotatorsPerDocument).toBe(2);
    });

    it('still refuses a change it cannot store', async () => {
      await expectProblem(
        await testApp.owner.json('PATCH', '/api/projects/demo', { annotatorsPerDocument: 0 }),
        422,
      );
    });
  });
