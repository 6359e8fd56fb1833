// A project whose model has something to learn, for the end-to-end tests of issue 21: invented
// articles whose "was monitored in Seoul" sentences the rules read as the ministry's report,
// while this project's reviewers label them the state media's claim.
import type { DocumentDetail } from '@attest/core';
import { type APIRequestContext, expect } from '@playwright/test';

function drillArticle(number: number): string {
  const sentences = Array.from({ length: 10 }, (_, index) =>
    index % 2 === 0
      ? `The ministry said the drill number ${number * 10 + index} was monitored in Seoul.`
      : `The ministry said the drill number ${number * 10 + index} was held in Seoul.`,
  );
  return `Drill report ${number}\n\n${sentences.join(' ')}\n`;
}

/** Imports drill article `number` and answers it as the editor reads it. */
export async function importDrillArticle(
  request: APIRequestContext,
  slug: string,
  number: number,
): Promise<DocumentDetail> {
  const imported = await request.post(`/api/projects/${slug}/documents`, {
    data: { body: drillArticle(number) },
  });
  expect(imported.status(), await imported.text()).toBe(201);
  const { document } = (await imported.json()) as { document: { id: string } };
  return (await (await request.get(`/api/documents/${document.id}`)).json()) as DocumentDetail;
}

/** Settles a gold label on every sentence of a drill article, as the project's reviewers label it. */
export async function adjudicateDrillArticle(request: APIRequestContext, detail: DocumentDetail) {
  for (const sentence of detail.sentences.filter((row) => row.kind === 'sentence')) {
    const label = sentence.text.includes('monitored in') ? 'kcna_claim' : 'reported_fact';
    const response = await request.put(`/api/sentences/${sentence.id}/adjudication`, { data: { label } });
    expect(response.status(), await response.text()).toBe(200);
  }
}
