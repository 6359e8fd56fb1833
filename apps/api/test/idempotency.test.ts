// Idempotency keys belong to the user who sent them and stand for one edit: another user's
// key is a key like any other, and a key reused for a different edit is refused, never
// answered as if it had been stored.
import type { Adjudication, Annotation, DocumentDetail, ImportResult } from '@attest/core';
import { adjudications, annotationEvents, annotations, labels, users } from '@attest/db';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, expectProblem, type TestApp, type TestUser } from './helpers.ts';

let testApp: TestApp;
let analystA: TestUser;
let analystB: TestUser;
let sentenceIds: string[];
let otherSentenceId: string;

async function importInto(slug: string, body: string, user: TestUser = testApp.owner): Promise<string[]> {
  const imported = (await (
    await testApp.owner.json('POST', `/api/projects/${slug}/documents`, { body })
  ).json()) as ImportResult;
  const detail = (await (
    await user.request(`/api/documents/${imported.document.id}`)
  ).json()) as DocumentDetail;
  return detail.sentences
    .filter((sentence) => sentence.kind !== 'boilerplate')
    .map((sentence) => sentence.id);
}

beforeAll(async () => {
  testApp = await createTestApp();
  await testApp.owner.json('POST', '/api/projects', { slug: 'keys', name: 'keys', annotatorsPerDocument: 2 });
  await testApp.owner.json('POST', '/api/projects', { slug: 'elsewhere', name: 'elsewhere' });
  analystA = await addMember(testApp, 'keys', 'analyst', 'Ada A');
  analystB = await addMember(testApp, 'keys', 'analyst', 'Ben B');
  sentenceIds = await importInto(
    'keys',
    'The agency said the bridge opened. Residents welcomed it. Officials met on Monday.',
    analystA,
  );
  otherSentenceId = (await importInto('elsewhere', 'The port reopened on Monday, officials said.'))[0]!;
}, 60_000);

afterAll(async () => {
  await testApp?.database.destroy();
});

function save(user: TestUser, sentenceId: string, label: string, key: string): Promise<Response> {
  return user.json('PUT', `/api/sentences/${sentenceId}/annotation`, { label }, { 'idempotency-key': key });
}

async function storedLabel(sentenceId: string, user: TestUser): Promise<string | undefined> {
  const [row] = await testApp.database.db
    .select({ key: labels.key })
    .from(annotations)
    .innerJoin(labels, eq(labels.id, annotations.labelId))
    .innerJoin(users, eq(users.id, annotations.annotatorId))
    .where(and(eq(annotations.sentenceId, sentenceId), eq(users.email, user.email)));
  return row?.key;
}

async function annotationCount(sentenceId: string): Promise<number> {
  const rows = await testApp.database.db
    .select({ id: annotations.id })
    .from(annotations)
    .where(eq(annotations.sentenceId, sentenceId));
  return rows.length;
}

describe('Idempotency-Key', () => {
  it("stores an analyst's save sent with a key a colleague already used", async () => {
    const sentenceId = sentenceIds[0]!;
    expect((await save(analystA, sentenceId, 'reported_fact', 'shared-key-0001')).status).toBe(200);
    const response = await save(analystB, sentenceId, 'kcna_claim', 'shared-key-0001');
    expect(response.status).toBe(200);
    expect(((await response.json()) as Annotation).label).toBe('kcna_claim');
    expect(await annotationCount(sentenceId)).toBe(2);
    expect(await storedLabel(sentenceId, analystB)).toBe('kcna_claim');
  });

  it('refuses the same key for another sentence or other values with 422, storing nothing', async () => {
    const [first, second] = sentenceIds.slice(1) as [string, string];
    expect((await save(analystA, first, 'reported_fact', 'reused-key-0001')).status).toBe(200);
    const retry = await save(analystA, first, 'reported_fact', 'reused-key-0001');
    expect(retry.status).toBe(200);
    const otherSentence = await expectProblem(
      await save(analystA, second, 'kcna_claim', 'reused-key-0001'),
      422,
    );
    expect(otherSentence.detail).toContain('reused-key-0001');
    expect(await annotationCount(second)).toBe(0);
    await expectProblem(await save(analystA, first, 'kcna_claim', 'reused-key-0001'), 422);
    expect(await storedLabel(first, analystA)).toBe('reported_fact');
  });

  it("deletes an owner's label in another project when the clear reuses a colleague's key", async () => {
    const keysSentence = sentenceIds[2]!;
    await analystA.json('PUT', `/api/sentences/${keysSentence}/annotation`, { label: 'reported_fact' });
    const clearHere = await analystA.request(`/api/sentences/${keysSentence}/annotation`, {
      method: 'DELETE',
      headers: { 'idempotency-key': 'clear-key-0001' },
    });
    expect(clearHere.status).toBe(204);
    await testApp.owner.json('PUT', `/api/sentences/${otherSentenceId}/annotation`, {
      label: 'reported_fact',
    });
    const ownerClear = await testApp.owner.request(`/api/sentences/${otherSentenceId}/annotation`, {
      method: 'DELETE',
      headers: { 'idempotency-key': 'clear-key-0001' },
    });
    expect(ownerClear.status).toBe(204);
    expect(await annotationCount(otherSentenceId)).toBe(0);
    // The owner's own key on another sentence is another edit: refused, and the label stays.
    await testApp.owner.json('PUT', `/api/sentences/${keysSentence}/annotation`, { label: 'kcna_claim' });
    await expectProblem(
      await testApp.owner.request(`/api/sentences/${keysSentence}/annotation`, {
        method: 'DELETE',
        headers: { 'idempotency-key': 'clear-key-0001' },
      }),
      422,
    );
    expect(await storedLabel(keysSentence, testApp.owner)).toBe('kcna_claim');
  });
});

describe('Idempotency-Key on gold-label decisions', () => {
  function decide(sentenceId: string, label: string, key: string, ifMatch = '"0"'): Promise<Response> {
    return testApp.owner.json(
      'PUT',
      `/api/sentences/${sentenceId}/adjudication`,
      { label, note: 'Checked against the wire copy.' },
      { 'idempotency-key': key, 'if-match': ifMatch },
    );
  }

  async function decisionEvents(sentenceId: string): Promise<string[]> {
    const rows = await testApp.database.db
      .select({ action: annotationEvents.action })
      .from(annotationEvents)
      .where(eq(annotationEvents.sentenceId, sentenceId));
    return rows.map((row) => row.action);
  }

  it('answers a retried decision (the response was lost) as the first one, not 412, and stores it once', async () => {
    const [sentenceId] = await importInto('keys', 'The ministry confirmed the figures on Tuesday.');
    const first = await decide(sentenceId!, 'reported_fact', 'decide-key-0001');
    expect(first.status).toBe(200);
    const original = (await first.json()) as Adjudication;
    // The retry still carries If-Match "0", which the first delivery already moved past.
    const retry = await decide(sentenceId!, 'reported_fact', 'decide-key-0001');
    expect(retry.status).toBe(200);
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await retry.json()) as Adjudication).toEqual(original);
    const stored = await testApp.database.db
      .select({ version: adjudications.version })
      .from(adjudications)
      .where(eq(adjudications.sentenceId, sentenceId!));
    expect(stored).toEqual([{ version: 1 }]);
    expect(await decisionEvents(sentenceId!)).toEqual(['adjudicate']);
  });

  it('refuses the key of a decision for another label, another sentence or a save with 422', async () => {
    const [sentenceId, otherId] = await importInto(
      'keys',
      'The envoy arrived in the capital. Talks began the next morning.',
    );
    expect((await decide(sentenceId!, 'kcna_claim', 'decide-key-0002')).status).toBe(200);
    const otherLabel = await expectProblem(
      await decide(sentenceId!, 'reported_fact', 'decide-key-0002', '"1"'),
      422,
    );
    expect(otherLabel.detail).toContain('decide-key-0002');
    await expectProblem(await decide(otherId!, 'kcna_claim', 'decide-key-0002'), 422);
    await expectProblem(await save(testApp.owner, otherId!, 'kcna_claim', 'decide-key-0002'), 422);
    expect(await decisionEvents(sentenceId!)).toEqual(['adjudicate']);
    expect(await decisionEvents(otherId!)).toEqual([]);
  });

  it('applies a retried removal once', async () => {
    const [sentenceId] = await importInto('keys', 'Observers said the launch was a test.');
    expect((await decide(sentenceId!, 'observer_inference', 'decide-key-0003')).status).toBe(200);
    const remove = () =>
      testApp.owner.request(`/api/sentences/${sentenceId}/adjudication`, {
        method: 'DELETE',
        headers: { 'idempotency-key': 'remove-key-0003', 'if-match': '"1"' },
      });
    expect((await remove()).status).toBe(204);
    expect((await remove()).status).toBe(204);
    expect(await decisionEvents(sentenceId!)).toEqual(['adjudicate', 'unadjudicate']);
  });
});
