import type { Adjudication, DocumentDetail, DocumentPage, ImportResult } from '@attest/core';
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

describe('where the team stands, for reviewers', () => {
  it('counts finished analysts and undecided disputes, finds the next document to settle, and shows analysts nothing of it', async () => {
    const first = await addMember(testApp, 'demo', 'analyst', 'Ana Analyst');
    const second = await addMember(testApp, 'demo', 'analyst', 'Ben Analyst');
    const imported = (await (
      await testApp.owner.json('POST', '/api/projects/demo/documents', {
        body: 'Team headline\n\nThe ministry said exports rose. Prices fell in March. Officials met on Monday.\n',
      })
    ).json()) as ImportResult;
    const detail = (await (
      await testApp.owner.request(`/api/documents/${imported.document.id}`)
    ).json()) as DocumentDetail;
    const annotatable = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
    expect(annotatable.length).toBe(4);
    const label = (user: TestUser, id: string, key: string) =>
      user.json('PUT', `/api/sentences/${id}/annotation`, { label: key });
    // Ana labels everything; Ben labels two sentences, one of them differently.
    for (const sentence of annotatable)
      expect((await label(first, sentence.id, 'reported_fact')).status).toBe(200);
    expect((await label(second, annotatable[0]!.id, 'reported_fact')).status).toBe(200);
    expect((await label(second, annotatable[1]!.id, 'kcna_claim')).status).toBe(200);

    const reviewOf = async (user: TestUser) => {
      const page = (await (await user.request('/api/projects/demo/documents')).json()) as DocumentPage;
      return page.items.find((item) => item.id === imported.document.id)?.review;
    };
    expect(await reviewOf(reviewer)).toEqual({ analystsAssigned: 2, analystsFinished: 1, disputed: 1 });

    // A decision settles the dispute; Ben finishing makes both analysts finished.
    const decided = await reviewer.json('PUT', `/api/sentences/${annotatable[1]!.id}/adjudication`, {
      label: 'kcna_claim',
    });
    expect(decided.status).toBe(200);
    for (const sentence of annotatable.slice(2))
      expect((await label(second, sentence.id, 'kcna_claim')).status).toBe(200);
    expect(await reviewOf(testApp.owner)).toEqual({ analystsAssigned: 2, analystsFinished: 2, disputed: 2 });

    // Where a reviewer has work next: the document with the open dispute, unless it is the one
    // they are on; analysts may not ask.
    const next = async (user: TestUser, except?: string) =>
      user.request(`/api/projects/demo/next-disputed-document${except ? `?except=${except}` : ''}`);
    expect(await (await next(reviewer)).json()).toEqual({ documentId: imported.document.id });
    expect(await (await next(reviewer, imported.document.id)).json()).toEqual({ documentId: null });
    await expectProblem(await next(first), 403);
    await expectProblem(await next(reviewer, 'not-an-id'), 422);

    // Blind annotation: an analyst's list says nothing about colleagues.
    const analystPage = (await (await first.request('/api/projects/demo/documents')).json()) as DocumentPage;
    expect(analystPage.items.length).toBeGreaterThan(0);
    for (const item of analystPage.items) expect(item).not.toHaveProperty('review');
  });
});
