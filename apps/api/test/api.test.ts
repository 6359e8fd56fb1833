import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Annotation, DocumentDetail, ImportResult, Project, ProjectSummary } from '@attest/core';
import { annotationEvents, documents } from '@attest/db';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectProblem, jsonRequest, type TestApp } from './helpers.ts';

const sharedData = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const referencePath = `${sharedData}armistice-anniversary.txt`;
const hasReferenceArticle = existsSync(referencePath);
if (!hasReferenceArticle)
  console.warn(`${referencePath} is absent: the reference-article import test does not run.`);

const article = `(LEAD) Test ministry reports harvest figures

SEOUL, Oct. 2 (Test Wire) -- The ministry said Tuesday the rice harvest rose 4.1 percent from a year earlier.

State media said the harvest was "unprecedented." Analysts said the figure may be inflated.

Source: Test Wire
`;

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => {
  await testApp?.database.destroy();
});

async function importArticle(
  body: string,
  title?: string,
): Promise<{ status: number; result: ImportResult }> {
  const response = await testApp.owner.request(
    '/api/projects/demo/documents',
    jsonRequest('POST', { body, title }),
  );
  return { status: response.status, result: (await response.json()) as ImportResult };
}

async function documentDetail(id: string): Promise<DocumentDetail> {
  const response = await testApp.owner.request(`/api/documents/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as DocumentDetail;
}

async function documentRowCount(): Promise<number> {
  const [row] = await testApp.database.db.select({ total: count() }).from(documents);
  return row?.total ?? 0;
}

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await (await testApp.owner.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await testApp.owner.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok', exports: { active: 0, limit: 4 } });
  });
});

describe('projects', () => {
  it('lists the demo project created on first start, with its sample article', async () => {
    const body = (await (await testApp.owner.request('/api/projects')).json()) as { items: ProjectSummary[] };
    const demo = body.items.find((project) => project.slug === 'demo');
    expect(demo?.documentCount).toBeGreaterThanOrEqual(1);
  });

  it('returns a project with its three labels and the default guidelines', async () => {
    const project = (await (await testApp.owner.request('/api/projects/demo')).json()) as Project;
    expect(project.labels.map((label) => label.key)).toEqual([
      'kcna_claim',
      'observer_inference',
      'reported_fact',
    ]);
    expect(project.guidelines).toContain('# Provenance annotation guidelines');
  });

  it('answers 404 problem+json for an unknown project', async () => {
    const problem = await expectProblem(await testApp.owner.request('/api/projects/no-such-project'), 404);
    expect(problem.detail).toContain('no-such-project');
  });
});

describe('importing documents', () => {
  it('splits pasted text into sentences and stores them in order', async () => {
    const { status, result } = await importArticle(article);
    expect(status).toBe(201);
    expect(result.created).toBe(true);
    expect(result.document.title).toBe('(LEAD) Test ministry reports harvest figures');
    const detail = await documentDetail(result.document.id);
    expect(detail.sentences.map((sentence) => sentence.kind)).toEqual([
      'headline',
      'sentence',
      'sentence',
      'sentence',
      'boilerplate',
    ]);
    for (const sentence of detail.sentences) {
      expect(article.slice(sentence.start, sentence.end)).toBe(sentence.text);
    }
    expect(detail.document.body).toBe(article);
  });

  it('treats the same text imported again as a no-op', async () => {
    const before = await documentRowCount();
    const { status, result } = await importArticle(article, 'Another title');
    expect(status).toBe(200);
    expect(result.created).toBe(false);
    expect(await documentRowCount()).toBe(before);
  });

  it('keeps emoji, RTL text and CRLF byte for byte', async () => {
    const body = 'Seoul said 🚀 launches rose.\r\nمرحبا بالعالم said the envoy.\r\n\r\nThe end came.';
    const { result } = await importArticle(body);
    expect((await documentDetail(result.document.id)).document.body).toBe(body);
  });

  it('imports an uploaded .txt file, titled by its headline', async () => {
    const form = new FormData();
    form.set(
      'file',
      new File(['Upload headline here\n\nThe file was read. It had two sentences.'], 'upload.txt'),
    );
    const response = await testApp.owner.request('/api/projects/demo/documents', {
      method: 'POST',
      body: form,
    });
    expect(response.status).toBe(201);
    const result = (await response.json()) as ImportResult;
    expect(result.document.title).toBe('Upload headline here');
    expect(result.document.sentenceCount).toBe(3);
  });

  it('refuses a file that is not UTF-8, and one that is not text, writing nothing', async () => {
    const before = await documentRowCount();
    const latin1 = new FormData();
    latin1.set('file', new File([new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x2e])], 'cafe.txt'));
    const badBytes = await expectProblem(
      await testApp.owner.request('/api/projects/demo/documents', { method: 'POST', body: latin1 }),
      422,
    );
    expect(badBytes.detail).toContain('UTF-8');
    const pdf = new FormData();
    pdf.set('file', new File(['%PDF-1.7'], 'report.pdf'));
    const notText = await expectProblem(
      await testApp.owner.request('/api/projects/demo/documents', { method: 'POST', body: pdf }),
      415,
    );
    expect(notText.detail).toContain('.txt');
    expect(await documentRowCount()).toBe(before);
  });

  it('refuses empty text, NUL bytes, unknown fields and malformed JSON with problem+json', async () => {
    const before = await documentRowCount();
    const empty = await expectProblem(
      await testApp.owner.request('/api/projects/demo/documents', jsonRequest('POST', { body: '  \n ' })),
      422,
    );
    expect(empty.detail).toContain('empty');
    const nul = await expectProblem(
      await testApp.owner.request('/api/projects/demo/documents', jsonRequest('POST', { body: 'A\u0000B.' })),
      422,
    );
    expect(nul.detail).toContain('NUL');
    const unknownField = await expectProblem(
      await testApp.owner.request(
        '/api/projects/demo/documents',
        jsonRequest('POST', { body: 'Fine.', id: 'x' }),
      ),
      422,
    );
    expect(unknownField.errors?.length).toBeGreaterThan(0);
    const malformed = await expectProblem(
      await testApp.owner.request(
        '/api/projects/demo/documents',
        jsonRequest('POST', '{"body": "unterminated'),
      ),
      400,
    );
    expect(malformed.detail).toMatch(/JSON/);
    expect(await documentRowCount()).toBe(before);
  });

  it('refuses JSON that is not UTF-8, and NUL characters in any field, writing nothing', async () => {
    const before = await documentRowCount();
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('{"body": "Caf'),
      0xe9,
      ...new TextEncoder().encode('."}'),
    ]);
    const notUtf8 = await expectProblem(
      await testApp.owner.request('/api/projects/demo/documents', {
        method: 'POST',
        body: latin1,
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
    expect(notUtf8.detail).toContain('UTF-8');
    const nulTitle = await expectProblem(
      await testApp.owner.request(
        '/api/projects/demo/documents',
        jsonRequest('POST', { body: 'A fine article.', title: 'Bad\u0000title' }),
      ),
      422,
    );
    expect(nulTitle.errors).toEqual([
      {
        path: 'title',
        message: 'Contains a NUL character (U+0000) at offset 3; remove it and send the text again.',
      },
    ]);
    expect(await documentRowCount()).toBe(before);
  });

  it('answers 413 for a body over the limit, declared or chunked', async () => {
    const small = await createTestAppWithLimit(1024);
    try {
      const oversized = JSON.stringify({ body: 'x. '.repeat(2000) });
      await expectProblem(
        await small.owner.request('/api/projects/demo/documents', jsonRequest('POST', oversized)),
        413,
      );
      const chunked = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(oversized));
          controller.close();
        },
      });
      const response = await small.owner.request('/api/projects/demo/documents', {
        method: 'POST',
        body: chunked,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      } as RequestInit);
      await expectProblem(response, 413);
    } finally {
      await small.database.destroy();
    }
  });

  it('pages through documents with a cursor', async () => {
    const first = (await (await testApp.owner.request('/api/projects/demo/documents?limit=1')).json()) as {
      items: { id: string }[];
      nextCursor: string | null;
    };
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (
      await testApp.owner.request(`/api/projects/demo/documents?limit=1&cursor=${first.nextCursor}`)
    ).json()) as { items: { id: string }[] };
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    await expectProblem(await testApp.owner.request('/api/projects/demo/documents?limit=1000'), 422);
    await expectProblem(await testApp.owner.request('/api/projects/demo/documents?cursor=garbage'), 422);
    // Cursors made by hand with times JavaScript reads but PostgreSQL refuses: 422, never a 500.
    const id = first.items[0]!.id;
    for (const time of [
      '0000-01-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-13-01T00:00:00Z',
    ]) {
      const crafted = Buffer.from(`${time}|${id}`).toString('base64url');
      await expectProblem(await testApp.owner.request(`/api/projects/demo/documents?cursor=${crafted}`), 422);
    }
    const good = Buffer.from(`2026-01-01T00:00:00.123456Z|${id}`).toString('base64url');
    expect((await testApp.owner.request(`/api/projects/demo/documents?cursor=${good}`)).status).toBe(200);
  });

  it.skipIf(!hasReferenceArticle)(
    'imports the reference article into as many segments as the gold file',
    async () => {
      const body = readFileSync(referencePath, 'utf8');
      const gold = JSON.parse(
        readFileSync(`${sharedData}armistice-anniversary.gold.json`, 'utf8'),
      ) as unknown[];
      const { result } = await importArticle(body);
      expect(result.document.sentenceCount).toBe(gold.length);
    },
  );
});

describe('annotations', () => {
  let detail: DocumentDetail;
  let sentenceId: string;
  beforeAll(async () => {
    const { result } = await importArticle(`Annotation test headline\n\n${article}`);
    detail = await documentDetail(result.document.id);
    sentenceId = detail.sentences.find((sentence) => sentence.kind === 'sentence')!.id;
  });

  function put(body: unknown, headers: Record<string, string> = {}) {
    return testApp.owner.request(
      `/api/sentences/${sentenceId}/annotation`,
      jsonRequest('PUT', body, headers),
    );
  }

  it('creates, versions and clears an annotation, recording each change', async () => {
    const sentence = detail.sentences.find((candidate) => candidate.id === sentenceId)!;
    const created = await put(
      {
        label: 'reported_fact',
        source: 'ministry',
        cues: [{ start: sentence.start, end: sentence.start + 3, kind: 'source' }],
      },
      { 'if-match': '"0"' },
    );
    expect(created.status).toBe(200);
    expect(created.headers.get('etag')).toBe('"1"');
    const updated = (await (
      await put({ label: 'kcna_claim', source: 'KCNA' }, { 'if-match': '"1"' })
    ).json()) as Annotation;
    expect(updated).toMatchObject({ label: 'kcna_claim', source: 'KCNA', version: 2 });

    const reloaded = await documentDetail(detail.document.id);
    expect(reloaded.annotations).toEqual([
      expect.objectContaining({ sentenceId, label: 'kcna_claim', version: 2 }),
    ]);
    expect(reloaded.document.annotatedCount).toBe(1);

    const cleared = await testApp.owner.request(`/api/sentences/${sentenceId}/annotation`, {
      method: 'DELETE',
      headers: { 'if-match': '"2"' },
    });
    expect(cleared.status).toBe(204);
    expect((await documentDetail(detail.document.id)).annotations).toEqual([]);

    const events = await testApp.database.db
      .select()
      .from(annotationEvents)
      .where(eq(annotationEvents.sentenceId, sentenceId));
    expect(events.map((event) => event.action)).toEqual(['set', 'set', 'clear']);
  });

  it('answers 412 with the current annotation to a stale If-Match, changing nothing', async () => {
    const first = (await (await put({ label: 'reported_fact' })).json()) as Annotation;
    const problem = await expectProblem(
      await put({ label: 'kcna_claim' }, { 'if-match': `"${first.version - 1}"` }),
      412,
    );
    expect(problem.current).toMatchObject({ label: 'reported_fact', version: first.version });
    const reloaded = await documentDetail(detail.document.id);
    expect(reloaded.annotations.find((annotation) => annotation.sentenceId === sentenceId)?.label).toBe(
      'reported_fact',
    );
  });

  it('applies a retried save with the same idempotency key once', async () => {
    const headers = { 'idempotency-key': 'op-retry-0001' };
    const first = (await (await put({ label: 'observer_inference' }, headers)).json()) as Annotation;
    const retry = (await (await put({ label: 'observer_inference' }, headers)).json()) as Annotation;
    expect(retry.version).toBe(first.version);
    const [row] = await testApp.database.db
      .select({ total: count() })
      .from(annotationEvents)
      .where(eq(annotationEvents.clientOpId, 'op-retry-0001'));
    expect(row?.total).toBe(1);
  });

  it('refuses an unknown label, cues outside the sentence and boilerplate, writing nothing', async () => {
    const before = await documentDetail(detail.document.id);
    const unknown = await expectProblem(await put({ label: 'rumour' }), 422);
    expect(unknown.detail).toContain('kcna_claim');
    await expectProblem(
      await put({ label: 'kcna_claim', cues: [{ start: 0, end: 1, kind: 'source' }] }),
      422,
    );
    const boilerplate = detail.sentences.find((sentence) => sentence.kind === 'boilerplate')!;
    await expectProblem(
      await testApp.owner.request(
        `/api/sentences/${boilerplate.id}/annotation`,
        jsonRequest('PUT', { label: 'kcna_claim' }),
      ),
      422,
    );
    await expectProblem(await put({ label: 'kcna_claim', color: 'red' }), 422);
    expect((await documentDetail(detail.document.id)).annotations).toEqual(before.annotations);
  });

  it('answers 404 for an unknown sentence and 422 for a malformed id', async () => {
    await expectProblem(
      await testApp.owner.request(
        '/api/sentences/00000000-0000-4000-8000-000000000000/annotation',
        jsonRequest('PUT', { label: 'kcna_claim' }),
      ),
      404,
    );
    await expectProblem(
      await testApp.owner.request(
        '/api/sentences/not-an-id/annotation',
        jsonRequest('PUT', { label: 'kcna_claim' }),
      ),
      422,
    );
  });
});

describe('documentation and errors', () => {
  it('serves the OpenAPI document and a browsable reference', async () => {
    const openapi = (await (await testApp.owner.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/api/projects',
        '/api/projects/{slug}/documents',
        '/api/sentences/{id}/annotation',
      ]),
    );
    const docs = await testApp.owner.request('/api/docs');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('Attest API reference');
  });

  it('answers unknown API paths with 404 problem+json', async () => {
    await expectProblem(await testApp.owner.request('/api/nothing-here'), 404);
  });
});

async function createTestAppWithLimit(bodyLimitBytes: number) {
  const { createTestApp: create } = await import('./helpers.ts');
  return create({ bodyLimitBytes });
}
