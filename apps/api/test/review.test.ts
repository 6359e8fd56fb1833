import type { Adjudication, DocumentDetail, ImportResult } from '@attest/core';
import { annotationEvents } from '@attest/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, expectProblem, type TestApp, type TestUser } from './helpers.ts';

let testApp: TestApp;
let reviewer: TestUser;
let sentenceId: string;
let documentId: string;

beforeAll(async () => {
  testApp = await createTestApp();
  reviewer = await addMember(testApp, 'demo', 'reviewer', 'Rhea Reviewer');
  const imported = (await (
    await testApp.owner.json('POST', '/api/projects/demo/documents', {
      body: 'Review headline\n\nThe agency said the harvest was a record. Analysts doubted it.\n',
    })
  ).json()) as ImportResult;
  documentId = imported.document.id;
  const detail = (await (
    await testApp.owner.request(`/api/documents/${documentId}`)
  ).json()) as DocumentDetail;
  sentenceId = detail.sentences.find((sentence) => sentence.kind === 'sentence')!.id;
});
afterAll(async () => {
  await testApp?.database.destroy();
});

describe('adjudication', () => {
  it('settles a gold label with a version, refuses a stale one, and records both in the history', async () => {
    const first = await reviewer.json(
      'PUT',
      `/api/sentences/${sentenceId}/adjudication`,
      { label: 'kcna_claim', note: 'The agency is KCNA.' },
      { 'if-match': '"0"' },
    );
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe('"1"');
    const stale = await testApp.owner.json(
      'PUT',
      `/api/sentences/${sentenceId}/adjudication`,
      { label: 'reported_fact' },
      { 'if-match': '"0"' },
    );
    const problem = await expectProblem(stale, 412);
    expect(problem.current).toMatchObject({ label: 'kcna_claim', version: 1 });
    const second = (await (
      await testApp.owner.json(
        'PUT',
        `/api/sentences/${sentenceId}/adjudication`,
        { label: 'reported_fact' },
        { 'if-match': '"1"' },
      )
    ).json()) as Adjudication;
    expect(second.version).toBe(2);

    const review = (await (await reviewer.request(`/api/documents/${documentId}/review`)).json()) as {
      adjudications: (Adjudication & { deciderName: string })[];
    };
    expect(review.adjudications).toEqual([
      expect.objectContaining({ label: 'reported_fact', version: 2, deciderName: 'Olivia Owner' }),
    ]);

    const events = await testApp.database.db
      .select({ action: annotationEvents.action })
      .from(annotationEvents)
      .where(eq(annotationEvents.sentenceId, sentenceId));
    expect(events.map((event) => event.action)).toEqual(['adjudicate', 'adjudicate']);
    expect(
      (
        await reviewer.request(`/api/sentences/${sentenceId}/adjudication`, {
          method: 'DELETE',
          headers: { 'if-match': '"2"' },
        })
      ).status,
    ).toBe(204);
  });

  it('refuses an unknown label', async () => {
    await expectProblem(
      await reviewer.json('PUT', `/api/sentences/${sentenceId}/adjudication`, { label: 'gossip' }),
      422,
    );
  });
});
