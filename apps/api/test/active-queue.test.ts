// The active queue over HTTP (issue 21): with the project's option on and a model that decides,
// a member's next document is the one where the model and the rules disagree on an unlabelled
// sentence, then where the model is least sure; without the option or the model, the oldest
// unfinished one. The order reads the caller's own labels only.
import type { DocumentDetail, DocumentQueue, ImportResult, Project, SuggestionModel } from '@attest/core';
import { insertSuggestionModel, projects } from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, expectProblem, type TestApp, type TestUser } from './helpers.ts';

const slug = 'queue';

/**
 * A model written by hand, so each sentence's margin is known: every sentence leans hard to
 * reported_fact (what the rules say of these plain statements) unless it holds "murky" (a near
 * toss-up with kcna_claim) or "harbour" (sure of kcna_claim: the model and the rules disagree).
 */
function handMadeModel(goldSentences: number): SuggestionModel {
  return {
    format: 1,
    labels: ['kcna_claim', 'observer_inference', 'reported_fact'],
    goldSentences,
    features: ['word=harbour', 'word=murky'],
    weights: [6, 0, -6, 2.9, 0, -2.9],
    bias: [-3, -3, 3],
  };
}

/** Invented articles, imported oldest first: the calm one, the murky one, the harbour one. */
const articles = {
  calm: 'First report\n\nThe weather stayed calm on Monday. The market opened at nine as usual.\n',
  murky: 'Second report\n\nThe weather stayed calm on Tuesday. The murky picture of the talks remained.\n',
  harbour: 'Third report\n\nThe weather stayed calm on Wednesday. The harbour works began early.\n',
};

for (const engine of testEngines())
  describe(`the active queue on ${engine}`, () => {
    let testApp: TestApp;
    let analyst: TestUser;
    let colleague: TestUser;
    const documentIds: Record<keyof typeof articles, string> = { calm: '', murky: '', harbour: '' };

    async function projectId(): Promise<string> {
      const [project] = await testApp.database.db.select().from(projects).where(eq(projects.slug, slug));
      return project!.id;
    }

    /** Stores the hand-made model as the project's next version, as a training would. */
    async function storeModel(goldSentences: number): Promise<void> {
      await insertSuggestionModel(testApp.database.db, {
        projectId: await projectId(),
        model: handMadeModel(goldSentences),
        trainingMilliseconds: 1,
        trainedBy: null,
      });
    }

    async function nextDocument(user: TestUser): Promise<string | null> {
      const response = await user.request(`/api/projects/${slug}/next-document`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { documentId: string | null }).documentId;
    }

    async function queue(user: TestUser): Promise<DocumentQueue> {
      const response = await user.request(`/api/projects/${slug}/queue`);
      expect(response.status).toBe(200);
      return (await response.json()) as DocumentQueue;
    }

    async function setActiveQueue(isOn: boolean): Promise<Project> {
      const response = await testApp.owner.json('PATCH', `/api/projects/${slug}`, { activeQueue: isOn });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as Project;
    }

    async function label(user: TestUser, documentId: string, text: string): Promise<void> {
      const detail = (await (await user.request(`/api/documents/${documentId}`)).json()) as DocumentDetail;
      const sentence = detail.sentences.find((row) => row.text.includes(text))!;
      const response = await user.json('PUT', `/api/sentences/${sentence.id}/annotation`, {
        label: 'reported_fact',
        source: null,
        chain: [],
        cues: [],
        note: null,
      });
      expect(response.status, await response.clone().text()).toBe(200);
    }

    beforeAll(async () => {
      testApp = await createTestApp({}, engine);
      expect((await testApp.owner.json('POST', '/api/projects', { slug, name: 'Queue' })).status).toBe(201);
      analyst = await addMember(testApp, slug, 'analyst', 'Quinn Analyst');
      colleague = await addMember(testApp, slug, 'analyst', 'Cole League');
      for (const name of ['calm', 'murky', 'harbour'] as const) {
        const response = await testApp.owner.json('POST', `/api/projects/${slug}/documents`, {
          body: articles[name],
        });
        expect(response.status).toBe(201);
        documentIds[name] = ((await response.json()) as ImportResult).document.id;
      }
    }, 60_000);
    afterAll(async () => {
      await testApp?.database.destroy();
    });

    it('is off by default, and then the oldest unfinished document comes next', async () => {
      const project = (await (await analyst.request(`/api/projects/${slug}`)).json()) as Project;
      expect(project.activeQueue).toBe(false);
      expect(await nextDocument(analyst)).toBe(documentIds.calm);
    });

    it('is set by owners only, with a boolean', async () => {
      const refused = await expectProblem(
        await analyst.json('PATCH', `/api/projects/${slug}`, { activeQueue: true }),
        403,
      );
      expect(refused.detail).toMatch(/change its settings/);
      const invalid = await expectProblem(
        await testApp.owner.json('PATCH', `/api/projects/${slug}`, { activeQueue: 'yes' }),
        422,
      );
      expect(JSON.stringify(invalid)).toMatch(/activeQueue/);
      expect((await setActiveQueue(true)).activeQueue).toBe(true);
    });

    it('keeps the usual order while the project has no model, or one that learned from too little gold', async () => {
      expect(await nextDocument(analyst)).toBe(documentIds.calm);
      await storeModel(150);
      expect(await nextDocument(analyst)).toBe(documentIds.calm);
      expect(await queue(analyst)).toEqual({
        ordersByModel: false,
        modelVersion: null,
        windowDocuments: 50,
        items: [],
      });
    });

    it('offers first where the model and the rules disagree, then where the model is least sure', async () => {
      await storeModel(200);
      expect(await nextDocument(analyst)).toBe(documentIds.harbour);
      const ordered = await queue(analyst);
      expect(ordered).toMatchObject({ ordersByModel: true, modelVersion: 2 });
      expect(ordered.items.map((item) => [item.document.id, item.disagreements])).toEqual([
        [documentIds.harbour, 1],
        [documentIds.murky, 0],
        [documentIds.calm, 0],
      ]);
      expect(ordered.items[1]?.firstMargin).toBeLessThan(0.2);
      expect(ordered.items[2]?.firstMargin).toBeGreaterThan(0.9);

      // The editor gets what its `n` orders by: the option, and each sentence's margin.
      const detail = (await (
        await analyst.request(`/api/documents/${documentIds.murky}`)
      ).json()) as DocumentDetail;
      expect(detail.activeQueue).toBe(true);
      const murky = detail.sentences.find((row) => row.text.includes('murky'))!;
      const calm = detail.sentences.find((row) => row.text.includes('calm'))!;
      expect(murky.suggestion?.learned).toMatchObject({ label: 'reported_fact', ruleLabel: 'reported_fact' });
      expect(murky.suggestion?.learned?.margin).toBeLessThan(0.2);
      expect(calm.suggestion?.learned?.margin).toBeGreaterThan(0.9);

      // Labelling the disputed sentence leaves the harbour article only sure ones: the murky one is next.
      await label(analyst, documentIds.harbour, 'harbour works');
      expect(await nextDocument(analyst)).toBe(documentIds.murky);
    });

    it("never reads a colleague's labels: their work does not move anyone else's queue", async () => {
      await label(colleague, documentIds.murky, 'murky picture');
      await label(colleague, documentIds.harbour, 'harbour works');
      expect(await nextDocument(analyst)).toBe(documentIds.murky);
      // The other two are equally sure of every sentence left: they keep the oldest-first order.
      expect((await queue(analyst)).items.map((item) => item.document.id)).toEqual([
        documentIds.murky,
        documentIds.calm,
        documentIds.harbour,
      ]);
      // The colleague's own queue follows their own labels: the harbour and murky doubts are settled.
      expect(await nextDocument(colleague)).toBe(documentIds.calm);
    });

    it('falls back to the usual order when the option is turned off again', async () => {
      await setActiveQueue(false);
      expect(await nextDocument(analyst)).toBe(documentIds.calm);
      const detail = (await (
        await analyst.request(`/api/documents/${documentIds.calm}`)
      ).json()) as DocumentDetail;
      expect(detail.activeQueue).toBe(false);
    });
  });
