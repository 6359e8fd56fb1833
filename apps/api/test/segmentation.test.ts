import {
  type Annotation,
  applySegmentationChange,
  type DocumentDetail,
  type ImportResult,
  type SegmentationChange,
} from '@attest/core';
import { annotationEvents } from '@attest/db';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, jsonRequest, type TestApp } from './helpers.ts';

const body = `Split and merge test

The agency said the plant opened and analysts said output may fall. The ministry confirmed the date.

Officials were present.
`;

let testApp: TestApp;
let detail: DocumentDetail;
beforeAll(async () => {
  testApp = await createTestApp();
  const response = await testApp.owner.request('/api/projects/demo/documents', jsonRequest('POST', { body }));
  const { document } = (await response.json()) as ImportResult;
  detail = (await (await testApp.owner.request(`/api/documents/${document.id}`)).json()) as DocumentDetail;
});
afterAll(async () => {
  await testApp?.database.destroy();
});

function sentenceText(start: string): DocumentDetail['sentences'][number] {
  const sentence = detail.sentences.find((candidate) => candidate.text.startsWith(start));
  if (!sentence) throw new Error(`No sentence starts with ${start}`);
  return sentence;
}

async function label(
  sentenceId: string,
  labelKey: string,
  cues: Annotation['cues'] = [],
): Promise<Annotation> {
  const response = await testApp.owner.request(
    `/api/sentences/${sentenceId}/annotation`,
    jsonRequest('PUT', { label: labelKey, cues }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Annotation;
}

/**
 * Applies a split's or merge's answer to the document as the editor holds it, checks that this is
 * exactly what the server now holds (sentences and the caller's annotations), and keeps it.
 */
async function applyAnswer(response: Response): Promise<SegmentationChange> {
  expect(response.status).toBe(200);
  const change = (await response.json()) as SegmentationChange;
  const changedIds = new Set([...change.sentences.map((part) => part.id), ...change.removedSentenceIds]);
  const patched = {
    sentences: applySegmentationChange(detail.sentences, change),
    annotations: [
      ...detail.annotations.filter((annotation) => !changedIds.has(annotation.sentenceId)),
      ...change.annotations,
    ].sort(bySentenceId),
  };
  const current = (await (
    await testApp.owner.request(`/api/documents/${detail.document.id}`)
  ).json()) as DocumentDetail;
  expect(patched).toEqual({
    sentences: current.sentences,
    annotations: [...current.annotations].sort(bySentenceId),
  });
  detail = current;
  return change;
}

function bySentenceId(a: Annotation, b: Annotation): number {
  return a.sentenceId.localeCompare(b.sentenceId);
}

async function post(path: string, payload?: unknown): Promise<Response> {
  return testApp.owner.request(
    path,
    payload === undefined ? { method: 'POST' } : jsonRequest('POST', payload),
  );
}

describe('splitting a sentence', () => {
  it('copies the label to both halves, keeps cues with their half and records the history', async () => {
    const sentence = sentenceText('The agency said');
    const at = body.indexOf(' and analysts said');
    const agencyCue = { start: sentence.start, end: sentence.start + 10, kind: 'source' as const };
    const hedgeCue = {
      start: body.indexOf('may fall'),
      end: body.indexOf('may fall') + 3,
      kind: 'hedge' as const,
    };
    await label(sentence.id, 'kcna_claim', [agencyCue, hedgeCue]);

    const change = await applyAnswer(await post(`/api/sentences/${sentence.id}/split`, { at }));
    expect(change.shift).toEqual({ afterPosition: sentence.position, by: 1 });
    expect(change.removedSentenceIds).toEqual([]);
    const texts = detail.sentences.map((part) => part.text);
    expect(texts).toContain('The agency said the plant opened');
    expect(texts).toContain('and analysts said output may fall.');
    expect(detail.sentences.map((part) => part.position)).toEqual(detail.sentences.map((_, index) => index));
    for (const part of detail.sentences) expect(body.slice(part.start, part.end)).toBe(part.text);

    const left = sentenceText('The agency said');
    const right = sentenceText('and analysts said');
    const byId = new Map(detail.annotations.map((annotation) => [annotation.sentenceId, annotation]));
    expect(byId.get(left.id)).toMatchObject({ label: 'kcna_claim', cues: [agencyCue] });
    expect(byId.get(right.id)).toMatchObject({ label: 'kcna_claim', cues: [hedgeCue] });
    expect(right.suggestion).not.toBeNull();

    const events = await testApp.database.db
      .select({ action: annotationEvents.action, sentenceId: annotationEvents.sentenceId })
      .from(annotationEvents)
      .orderBy(asc(annotationEvents.id));
    expect(events.filter((event) => event.action === 'split').map((event) => event.sentenceId)).toEqual([
      left.id,
      right.id,
    ]);
  });

  it('refuses offsets outside the sentence, inside a character or not a number, changing nothing', async () => {
    const sentence = sentenceText('Officials were present');
    const sentencesBefore = detail.sentences.map((part) => part.text);
    for (const at of [sentence.start, sentence.end, sentence.end + 5]) {
      const problem = await expectProblem(await post(`/api/sentences/${sentence.id}/split`, { at }), 422);
      expect(problem.detail).toContain('inside the sentence');
    }
    await expectProblem(await post(`/api/sentences/${sentence.id}/split`, { at: '12' }), 422);
    await expectProblem(
      await post('/api/sentences/00000000-0000-4000-8000-000000000000/split', { at: 3 }),
      404,
    );
    const current = (await (
      await testApp.owner.request(`/api/documents/${detail.document.id}`)
    ).json()) as DocumentDetail;
    expect(current.sentences.map((part) => part.text)).toEqual(sentencesBefore);
  });

  it('refuses to split a surrogate pair', async () => {
    const emojiBody = 'Rocket 🚀 news came in. Nothing else.';
    const imported = (await (
      await testApp.owner.request('/api/projects/demo/documents', jsonRequest('POST', { body: emojiBody }))
    ).json()) as ImportResult;
    const emojiDetail = (await (
      await testApp.owner.request(`/api/documents/${imported.document.id}`)
    ).json()) as DocumentDetail;
    const first = emojiDetail.sentences[0]!;
    const insidePair = emojiBody.indexOf('🚀') + 1;
    const problem = await expectProblem(
      await post(`/api/sentences/${first.id}/split`, { at: insidePair }),
      422,
    );
    expect(problem.detail).toContain('inside a character');
  });
});

describe('merging sentences', () => {
  it('keeps a label both parts share, with the cues of both', async () => {
    const left = sentenceText('The agency said');
    const right = sentenceText('and analysts said');
    const result = await applyAnswer(await post(`/api/sentences/${left.id}/merge-next`));
    expect(result.notice).toBeNull();
    expect(result.removedSentenceIds).toEqual([right.id]);
    expect(result.shift).toEqual({ afterPosition: right.position, by: -1 });
    const merged = sentenceText('The agency said');
    expect(merged.text).toBe('The agency said the plant opened and analysts said output may fall.');
    expect(detail.sentences.some((part) => part.id === right.id)).toBe(false);
    const annotation = detail.annotations.find((candidate) => candidate.sentenceId === merged.id);
    expect(annotation?.label).toBe('kcna_claim');
    expect(annotation?.cues).toHaveLength(2);
    expect(detail.sentences.map((part) => part.position)).toEqual(detail.sentences.map((_, index) => index));
  });

  it('clears differing labels and says so', async () => {
    const first = sentenceText('The agency said');
    const second = sentenceText('The ministry confirmed');
    await label(second.id, 'reported_fact');
    const result = await applyAnswer(await post(`/api/sentences/${first.id}/merge-next`));
    expect(result.notice).toContain('different labels');
    expect(detail.annotations.find((annotation) => annotation.sentenceId === first.id)).toBeUndefined();
    const events = await testApp.database.db
      .select({
        action: annotationEvents.action,
        before: annotationEvents.before,
        after: annotationEvents.after,
      })
      .from(annotationEvents)
      .where(eq(annotationEvents.action, 'merge'));
    expect(
      events
        .filter((event) => event.after === null)
        .map((event) => event.before?.label)
        .sort(),
    ).toEqual(['kcna_claim', 'reported_fact']);
  });

  it('refuses to merge the last sentence', async () => {
    const last = detail.sentences.at(-1)!;
    const problem = await expectProblem(await post(`/api/sentences/${last.id}/merge-next`), 422);
    expect(problem.detail).toContain('last sentence');
  });
});
