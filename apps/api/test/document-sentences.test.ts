// A long document in parts: the first sentences with the document, the rest page by page.
import type { DocumentDetail, ImportResult, SentencePage } from '@attest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, jsonRequest, type TestApp } from './helpers.ts';

let testApp: TestApp;
let documentId: string;
let everySentence: DocumentDetail['sentences'];

beforeAll(async () => {
  testApp = await createTestApp();
  const body = Array.from(
    { length: 12 },
    (_, index) => `The ministry said output ${index + 1} rose by ${index + 2} percent on Tuesday.`,
  ).join(' ');
  const response = await testApp.owner.request(
    '/api/projects/demo/documents',
    jsonRequest('POST', { body, title: 'Twelve sentences' }),
  );
  expect(response.status).toBe(201);
  documentId = ((await response.json()) as ImportResult).document.id;
  const whole = await testApp.owner.request(`/api/documents/${documentId}`);
  everySentence = ((await whole.json()) as DocumentDetail).sentences;
});
afterAll(async () => {
  await testApp?.database.destroy();
});

async function sentencePage(query: string): Promise<SentencePage> {
  const response = await testApp.owner.request(`/api/documents/${documentId}/sentences?${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as SentencePage;
}

describe('a document in parts', () => {
  it('sends only the first sentences when asked, and says how many there are', async () => {
    expect(everySentence.length).toBeGreaterThanOrEqual(10);
    const response = await testApp.owner.request(`/api/documents/${documentId}?sentenceLimit=4`);
    expect(response.status).toBe(200);
    const detail = (await response.json()) as DocumentDetail;
    expect(detail.sentences).toEqual(everySentence.slice(0, 4));
    expect(detail.document.sentenceCount).toBe(everySentence.length);
  });

  it('leaves the document text out when asked, and only then', async () => {
    const without = await testApp.owner.request(
      `/api/documents/${documentId}?withBody=false&sentenceLimit=2`,
    );
    expect(without.status).toBe(200);
    const detail = (await without.json()) as DocumentDetail;
    expect(detail.document.body).toBeUndefined();
    expect(detail.sentences).toEqual(everySentence.slice(0, 2));
    const withText = await testApp.owner.request(`/api/documents/${documentId}?withBody=true`);
    expect(((await withText.json()) as DocumentDetail).document.body).toContain('output 12 rose');
  });

  it('pages through the rest in order, ending with a null nextOffset', async () => {
    const collected = [];
    let offset: number | null = 4;
    while (offset !== null) {
      const page: SentencePage = await sentencePage(`offset=${offset}&limit=3`);
      collected.push(...page.items);
      offset = page.nextOffset;
    }
    expect(collected).toEqual(everySentence.slice(4));
    const last = await sentencePage(`offset=${everySentence.length - 1}&limit=3`);
    expect(last.items.map((sentence) => sentence.id)).toEqual([everySentence.at(-1)!.id]);
    expect(last.nextOffset).toBeNull();
    expect(await sentencePage(`offset=${everySentence.length}`)).toEqual({ items: [], nextOffset: null });
  });

  it('refuses a limit or offset out of range, or an unknown parameter, with problem+json', async () => {
    for (const path of [
      `/api/documents/${documentId}?sentenceLimit=0`,
      `/api/documents/${documentId}?sentenceLimit=2001`,
      `/api/documents/${documentId}?sentenceLimit=ten`,
      `/api/documents/${documentId}?sentences=4`,
      `/api/documents/${documentId}?withBody=no`,
      `/api/documents/${documentId}/sentences?offset=-1`,
      `/api/documents/${documentId}/sentences?limit=0`,
      `/api/documents/${documentId}/sentences?limit=2001`,
      `/api/documents/${documentId}/sentences?page=2`,
    ]) {
      await expectProblem(await testApp.owner.request(path), 422);
    }
  });

  it('answers 404 for an unknown document and 401 without a session', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await expectProblem(await testApp.owner.request(`/api/documents/${unknown}/sentences`), 404);
    await expectProblem(await testApp.anonymous.request(`/api/documents/${documentId}/sentences`), 401);
  });
});
