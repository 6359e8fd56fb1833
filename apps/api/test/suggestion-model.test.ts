// The project's learned suggestion model over HTTP: trained on the project's gold (on demand by
// owners and reviewers, or after new gold labels), stored versioned, and applied to the
// suggestions the editor reads, saying which version decided and why.
import {
  type DocumentDetail,
  type ImportResult,
  type SuggestionModelStatus,
  suggestionVersion,
} from '@attest/core';
import { adjudications, labels, projects, sentences, users } from '@attest/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrainAfterGoldLabels } from '../src/services/suggestion-model/index.ts';
import { addMember, createTestApp, expectProblem, type TestApp, type TestUser } from './helpers.ts';

const slug = 'learning';
let testApp: TestApp;
let reviewer: TestUser;
let analyst: TestUser;

/**
 * An invented article whose "monitored in" sentences the rules read as the ministry's report
 * (reported_fact), while this project's reviewers label them the state media's claim: what a
 * project teaches its model and no rule knows.
 */
function article(number: number): string {
  const sentencesOfArticle = Array.from({ length: 10 }, (_, index) =>
    index % 2 === 0
      ? `The ministry said the drill number ${number * 10 + index} was monitored in Seoul.`
      : `The ministry said the drill number ${number * 10 + index} was held in Seoul.`,
  );
  return `Drill report ${number}\n\n${sentencesOfArticle.join(' ')}\n`;
}

async function importArticle(number: number): Promise<string> {
  const response = await testApp.owner.json('POST', `/api/projects/${slug}/documents`, {
    body: article(number),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as ImportResult).document.id;
}

async function status(user: TestUser = testApp.owner): Promise<SuggestionModelStatus> {
  const response = await user.request(`/api/projects/${slug}/suggestion-model`);
  expect(response.status).toBe(200);
  return (await response.json()) as SuggestionModelStatus;
}

/** The project's gold, written directly: 200 adjudications through HTTP would only slow the test. */
async function adjudicateDirectly(documentId: string) {
  const db = testApp.database.db;
  const [project] = await db.select().from(projects).where(eq(projects.slug, slug));
  const [owner] = await db.select().from(users).where(eq(users.email, 'owner@example.org'));
  const labelRows = await db.select().from(labels).where(eq(labels.projectId, project!.id));
  const labelId = (key: string) => labelRows.find((label) => label.key === key)!.id;
  const rows = await db
    .select()
    .from(sentences)
    .where(and(eq(sentences.documentId, documentId), eq(sentences.kind, 'sentence')));
  await db.insert(adjudications).values(
    rows.map((sentence) => ({
      sentenceId: sentence.id,
      labelId: labelId(sentence.text.includes('monitored in') ? 'kcna_claim' : 'reported_fact'),
      note: null,
      decidedBy: owner!.id,
      version: 1,
    })),
  );
}

beforeAll(async () => {
  testApp = await createTestApp();
  expect((await testApp.owner.json('POST', '/api/projects', { slug, name: 'Learning' })).status).toBe(201);
  reviewer = await addMember(testApp, slug, 'reviewer', 'Rhea Reviewer');
  analyst = await addMember(testApp, slug, 'analyst', 'Ana Analyst');
});
afterAll(async () => {
  await testApp?.database.destroy();
});

describe('the suggestion model', () => {
  it('has no model before any training, and says nothing can be learned without gold', async () => {
    expect(await status(analyst)).toMatchObject({
      goldSentences: 0,
      minGoldSentences: 200,
      model: null,
      acceptedByDecider: [],
    });
    const problem = await expectProblem(
      await testApp.owner.request(`/api/projects/${slug}/suggestion-model/train`, { method: 'POST' }),
      409,
    );
    expect(problem.detail).toMatch(/no gold labels/);
  });

  it('is trained by owners and reviewers only', async () => {
    const problem = await expectProblem(
      await analyst.request(`/api/projects/${slug}/suggestion-model/train`, { method: 'POST' }),
      403,
    );
    expect(problem.detail).toMatch(/train the suggestion model/);
  });

  it('learns from 200 gold sentences, then decides where the rules had no cue for the project', async () => {
    for (let number = 0; number < 20; number++) await adjudicateDirectly(await importArticle(number));
    const unlabelledId = await importArticle(99);
    const before = (await (
      await testApp.owner.request(`/api/documents/${unlabelledId}`)
    ).json()) as DocumentDetail;
    const monitored = before.sentences.find((sentence) => sentence.text.includes('monitored in'))!;
    expect(monitored.suggestion).toMatchObject({ label: 'reported_fact' });
    expect(monitored.suggestion?.learned).toBeUndefined();

    const trained = await reviewer.request(`/api/projects/${slug}/suggestion-model/train`, {
      method: 'POST',
    });
    expect(trained.status).toBe(201);
    expect((await trained.json()) as SuggestionModelStatus).toMatchObject({
      goldSentences: 200,
      model: { version: 1, goldSentences: 200, decides: true },
    });

    const after = (await (await analyst.request(`/api/documents/${unlabelledId}`)).json()) as DocumentDetail;
    const decided = after.sentences.find((sentence) => sentence.id === monitored.id)!;
    expect(decided.suggestion).toMatchObject({ label: 'kcna_claim', rule: 'model-v1' });
    expect(decided.suggestion?.learned).toMatchObject({
      modelVersion: 1,
      goldSentences: 200,
      decided: true,
      ruleLabel: 'reported_fact',
    });
    expect(decided.suggestion?.learned?.for.map((pull) => pull.description)).toEqual(
      expect.arrayContaining([expect.stringMatching(/monitored/)]),
    );

    // A later page of the same document reads the same model and the sentence before it.
    const page = (await (
      await analyst.request(`/api/documents/${unlabelledId}/sentences?offset=${decided.position}&limit=2`)
    ).json()) as { items: DocumentDetail['sentences'] };
    expect(page.items[0]).toEqual(decided);

    // Accepting it counts for the model in the report, by the version recorded with the label.
    const saved = await analyst.json('PUT', `/api/sentences/${decided.id}/annotation`, {
      label: 'kcna_claim',
      source: null,
      chain: [],
      cues: [],
      note: null,
      suggestion: { relation: 'accepted', version: suggestionVersion(decided.suggestion!) },
    });
    expect(saved.status, await saved.clone().text()).toBe(200);
    expect((await status(analyst)).acceptedByDecider).toEqual([
      { week: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), decider: 'model', accepted: 1, shown: 1 },
    ]);
  });

  it(`retrains on its own after ${retrainAfterGoldLabels} new gold labels`, async () => {
    const documentIds = [await importArticle(200), await importArticle(201), await importArticle(202)];
    let adjudicated = 0;
    for (const documentId of documentIds) {
      const detail = (await (
        await reviewer.request(`/api/documents/${documentId}`)
      ).json()) as DocumentDetail;
      for (const sentence of detail.sentences.filter((row) => row.kind === 'sentence')) {
        if (adjudicated === retrainAfterGoldLabels) break;
        const response = await reviewer.json('PUT', `/api/sentences/${sentence.id}/adjudication`, {
          label: sentence.text.includes('monitored in') ? 'kcna_claim' : 'reported_fact',
        });
        expect(response.status).toBe(200);
        adjudicated++;
      }
    }
    await expect
      .poll(async () => (await status()).model?.version, { timeout: 20_000, interval: 200 })
      .toBe(2);
    expect((await status()).model?.goldSentences).toBe(200 + retrainAfterGoldLabels);
  }, 60_000);

  it('answers a split with the suggestions the document shows, the model applied', async () => {
    const documentId = await importArticle(300);
    const detail = (await (
      await testApp.owner.request(`/api/documents/${documentId}`)
    ).json()) as DocumentDetail;
    const sentence = detail.sentences.find((row) => row.text.includes('held in'))!;
    const at = sentence.start + sentence.text.indexOf(' was held');
    const response = await testApp.owner.json('POST', `/api/sentences/${sentence.id}/split`, { at });
    expect(response.status, await response.clone().text()).toBe(200);
    const change = (await response.json()) as { sentences: DocumentDetail['sentences'] };
    const after = (await (
      await testApp.owner.request(`/api/documents/${documentId}`)
    ).json()) as DocumentDetail;
    expect(change.sentences.length).toBeGreaterThan(0);
    for (const changed of change.sentences) {
      expect(changed).toEqual(after.sentences.find((row) => row.id === changed.id));
      expect(changed.suggestion?.learned?.modelVersion).toBeGreaterThan(0);
    }
  });
});
