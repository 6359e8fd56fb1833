// Text PostgreSQL cannot store as typed (a NUL, a lone UTF-16 surrogate) is refused with 422
// naming the field, or the line of an import, and nothing else is lost with it.
import type { DocumentDetail, ImportResult, Problem } from '@attest/core';
import { documents } from '@attest/db';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../src/services/import-dataset.ts';
import { createTestApp, expectProblem, jsonRequest, type TestApp } from './helpers.ts';

let testApp: TestApp;
let sentenceId: string;

/** A lone high surrogate: JSON.stringify sends it escaped, as \ud800. */
const lone = '\uD800';

beforeAll(async () => {
  testApp = await createTestApp();
  await testApp.owner.json('POST', '/api/projects', { slug: 'text', name: 'text' });
  const imported = (await (
    await testApp.owner.json('POST', '/api/projects/text/documents', {
      body: 'The ministry said so. It added more.',
    })
  ).json()) as ImportResult;
  const detail = (await (
    await testApp.owner.request(`/api/documents/${imported.document.id}`)
  ).json()) as DocumentDetail;
  sentenceId = detail.sentences[0]!.id;
}, 60_000);

afterAll(async () => {
  await testApp?.database.destroy();
});

async function documentCount(): Promise<number> {
  const [row] = await testApp.database.db.select({ total: count() }).from(documents);
  return row?.total ?? 0;
}

function expectField(problem: Problem, path: string, what: RegExp): void {
  expect(problem.errors?.[0]?.path).toBe(path);
  expect(problem.errors?.[0]?.message).toMatch(what);
  expect(problem.detail).toContain(path);
}

describe('text that cannot be stored as typed', () => {
  it('refuses a lone surrogate in a note with 422 naming the field, not a 500', async () => {
    const problem = await expectProblem(
      await testApp.owner.json('PUT', `/api/sentences/${sentenceId}/annotation`, {
        label: 'reported_fact',
        note: `half an emoji ${lone}`,
      }),
      422,
    );
    expectField(problem, 'note', /lone UTF-16 surrogate \(U\+D800\) at offset 14/);
    const detail = (await (await testApp.owner.request(`/api/sentences/${sentenceId}/history`)).json()) as {
      items: unknown[];
    };
    expect(detail.items).toEqual([]);
  });

  it('refuses a lone surrogate in a title, a body and guidelines instead of storing U+FFFD', async () => {
    const before = await documentCount();
    for (const [field, body] of [
      ['title', { title: `Bad ${lone}`, body: 'The ministry said so.' }],
      ['body', { body: `The ministry said ${lone} so.` }],
    ] as const) {
      const problem = await expectProblem(
        await testApp.owner.json('POST', '/api/projects/text/documents', body),
        422,
      );
      expectField(problem, field, /lone UTF-16 surrogate/);
    }
    expect(await documentCount()).toBe(before);
    const guidelines = await expectProblem(
      await testApp.owner.json('PATCH', '/api/projects/text', { guidelines: `Tag ${lone} carefully.` }),
      422,
    );
    expectField(guidelines, 'guidelines', /lone UTF-16 surrogate/);
    const project = (await (await testApp.owner.request('/api/projects/text')).json()) as {
      guidelines: string;
    };
    expect(project.guidelines).not.toContain('\uFFFD');
  });

  it('keeps a well-formed emoji, escaped or not', async () => {
    const response = await testApp.owner.request(
      '/api/projects/text/documents',
      jsonRequest(
        'POST',
        '{"title": "Launch \\ud83d\\ude80", "body": "The launch 🚀 failed, officials said."}',
      ),
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as ImportResult).document.title).toBe('Launch 🚀');
  });

  it('refuses a NUL in a multipart title with 422 naming the field, not a 500', async () => {
    const before = await documentCount();
    const form = new FormData();
    form.set('file', new File(['The agency said the dam held.'], 'dam.txt', { type: 'text/plain' }));
    form.set('title', 'Dam\u0000report');
    const problem = await expectProblem(
      await testApp.owner.request('/api/projects/text/documents', { method: 'POST', body: form }),
      422,
    );
    expect(JSON.stringify(problem)).toContain('title');
    expect(JSON.stringify(problem)).toContain('NUL');
    expect(await documentCount()).toBe(before);
  });

  it('reports a JSON-lines row with a NUL or a lone surrogate by line and imports the others', async () => {
    const rows = Array.from({ length: 6 }, (_, index) =>
      JSON.stringify({ title: `Row ${index}`, body: `The council said road ${index} reopened.` }),
    );
    rows[2] = JSON.stringify({ title: 'Bad\u0000row', body: 'The council said the bridge reopened.' });
    rows[4] = JSON.stringify({ title: 'Other', body: `The council said ${lone} the port reopened.` });
    const before = await documentCount();
    const response = await testApp.owner.request('/api/projects/text/imports', {
      method: 'POST',
      body: rows.join('\n'),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ImportReport;
    expect(report.imported).toBe(4);
    expect(report.errors.map((error) => [error.line, error.message.split(':')[0]])).toEqual([
      [3, 'title'],
      [5, 'body'],
    ]);
    expect(await documentCount()).toBe(before + 4);
  });
});
