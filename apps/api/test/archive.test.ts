// Archive, restore and delete: what leaves the lists, queues, reports and exports, what the
// database keeps or loses, and the audit entry that says who did it.
import type { DocumentDetail, DocumentPage, ImportResult, ProjectSummary } from '@attest/core';
import {
  adjudications,
  annotationEvents,
  annotations,
  auditEvents,
  documents,
  projects,
  sentences,
} from '@attest/db';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, expectProblem, type TestApp, type TestUser } from './helpers.ts';

let testApp: TestApp;
let analyst: TestUser;
let documentIds: string[];

async function importArticle(slug: string, n: number): Promise<string> {
  const body = `Archive fixture ${n}\n\nThe ministry said the plant opened on day ${n}. Officials were present.\n`;
  const imported = (await (
    await testApp.owner.json('POST', `/api/projects/${slug}/documents`, { body })
  ).json()) as ImportResult;
  return imported.document.id;
}

async function labelEverything(user: TestUser, documentId: string): Promise<void> {
  const detail = (await (await user.request(`/api/documents/${documentId}`)).json()) as DocumentDetail;
  for (const sentence of detail.sentences.filter((item) => item.kind !== 'boilerplate')) {
    const saved = await user.json('PUT', `/api/sentences/${sentence.id}/annotation`, {
      label: 'reported_fact',
    });
    expect(saved.status).toBe(200);
  }
}

async function exportedDocumentIds(slug: string): Promise<Set<string>> {
  const response = await testApp.owner.request(`/api/projects/${slug}/export?format=jsonl&scope=annotations`);
  expect(response.status).toBe(200);
  const lines = (await response.text()).trim().split('\n').filter(Boolean);
  return new Set(lines.map((line) => (JSON.parse(line) as { document_id: string }).document_id));
}

async function listed(user: TestUser, slug: string, query = ''): Promise<string[]> {
  const page = (await (await user.request(`/api/projects/${slug}/documents${query}`)).json()) as DocumentPage;
  return page.items.map((item) => item.id);
}

beforeAll(async () => {
  testApp = await createTestApp();
  await testApp.owner.json('POST', '/api/projects', {
    slug: 'shelf',
    name: 'Shelf',
    annotatorsPerDocument: 1,
  });
  analyst = await addMember(testApp, 'shelf', 'analyst', 'Ada Analyst');
  documentIds = [await importArticle('shelf', 1), await importArticle('shelf', 2)];
  for (const id of documentIds) await labelEverything(analyst, id);
}, 60_000);

afterAll(async () => {
  await testApp?.database.destroy();
});

describe('archiving a document', () => {
  it('hides it from lists, the queue, reports and exports, keeps it, and restores it', async () => {
    const [archivedId, keptId] = documentIds as [string, string];
    const archived = await testApp.owner.request(`/api/documents/${archivedId}/archive`, { method: 'POST' });
    expect(archived.status).toBe(200);
    expect(((await archived.json()) as { archivedAt: string | null }).archivedAt).not.toBeNull();

    expect(await listed(testApp.owner, 'shelf')).toEqual([keptId]);
    expect(await listed(testApp.owner, 'shelf', '?archived=true')).toEqual([archivedId]);
    expect(await listed(analyst, 'shelf')).toEqual([keptId]);
    await expectProblem(await analyst.request('/api/projects/shelf/documents?archived=true'), 403);
    expect(await exportedDocumentIds('shelf')).toEqual(new Set([keptId]));
    const project = (await (await testApp.owner.request('/api/projects/shelf')).json()) as ProjectSummary;
    expect(project.documentCount).toBe(1);
    // Its labels are kept.
    const [kept] = await testApp.database.db
      .select({ total: count() })
      .from(annotations)
      .innerJoin(sentences, eq(sentences.id, annotations.sentenceId))
      .where(eq(sentences.documentId, archivedId));
    expect(kept!.total).toBeGreaterThan(0);
    await expectProblem(
      await testApp.owner.request(`/api/documents/${archivedId}/archive`, { method: 'POST' }),
      409,
    );

    const restored = await testApp.owner.request(`/api/documents/${archivedId}/restore`, { method: 'POST' });
    expect(restored.status).toBe(200);
    expect((await listed(testApp.owner, 'shelf')).sort()).toEqual([...documentIds].sort());
    expect(await exportedDocumentIds('shelf')).toEqual(new Set(documentIds));

    const audit = (await (await testApp.owner.request('/api/projects/shelf/audit')).json()) as {
      items: { action: string; targetName: string; actorName: string }[];
    };
    expect(audit.items.map((item) => item.action)).toEqual(['restore', 'archive']);
    expect(audit.items[0]).toMatchObject({
      targetName: 'Archive fixture 1',
      actorName: 'Olivia Owner <owner@example.org>',
    });
  });

  it('skips archived documents in an analyst’s next document', async () => {
    const fresh = await importArticle('shelf', 3);
    const next = async () =>
      (
        (await (await analyst.request('/api/projects/shelf/next-document')).json()) as {
          documentId: string | null;
        }
      ).documentId;
    expect(await next()).toBe(fresh);
    expect((await testApp.owner.request(`/api/documents/${fresh}/archive`, { method: 'POST' })).status).toBe(
      200,
    );
    expect(await next()).toBeNull();
    documentIds.push(fresh);
  });

  it('is for owners only', async () => {
    const problem = await expectProblem(
      await analyst.request(`/api/documents/${documentIds[0]}/archive`, { method: 'POST' }),
      403,
    );
    expect(problem.detail).toContain('Only owners');
  });
});

describe('deleting a document', () => {
  it('names what goes, removes exactly that, and records who deleted it', async () => {
    const documentId = documentIds[1]!;
    const detail = (await (
      await testApp.owner.request(`/api/documents/${documentId}`)
    ).json()) as DocumentDetail;
    const first = detail.sentences.find((sentence) => sentence.kind !== 'boilerplate')!;
    expect(
      (await testApp.owner.json('PUT', `/api/sentences/${first.id}/adjudication`, { label: 'kcna_claim' }))
        .status,
    ).toBe(200);
    const preview = (await (await testApp.owner.request(`/api/documents/${documentId}/deletion`)).json()) as {
      title: string;
      annotations: number;
      adjudications: number;
      historyEntries: number;
    };
    const { db } = testApp.database;
    const [stored] = await db
      .select({ total: count() })
      .from(annotations)
      .innerJoin(sentences, eq(sentences.id, annotations.sentenceId))
      .where(eq(sentences.documentId, documentId));
    const [history] = await db
      .select({ total: count() })
      .from(annotationEvents)
      .where(eq(annotationEvents.documentId, documentId));
    expect(preview).toEqual({
      title: 'Archive fixture 2',
      annotations: stored!.total,
      adjudications: 1,
      historyEntries: history!.total,
    });

    const deleted = await testApp.owner.request(`/api/documents/${documentId}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({
      annotations: preview.annotations,
      adjudications: 1,
      historyEntries: preview.historyEntries,
    });
    expect(await db.select().from(documents).where(eq(documents.id, documentId))).toEqual([]);
    expect(await db.select().from(sentences).where(eq(sentences.documentId, documentId))).toEqual([]);
    expect(
      await db.select().from(annotationEvents).where(eq(annotationEvents.documentId, documentId)),
    ).toEqual([]);
    expect(await db.select().from(adjudications).where(eq(adjudications.sentenceId, first.id))).toEqual([]);
    expect((await exportedDocumentIds('shelf')).has(documentId)).toBe(false);
    await expectProblem(await testApp.owner.request(`/api/documents/${documentId}`), 404);

    const [entry] = await db.select().from(auditEvents).where(eq(auditEvents.targetId, documentId));
    expect(entry).toMatchObject({
      action: 'delete',
      targetKind: 'document',
      targetName: 'Archive fixture 2',
      counts: { annotations: preview.annotations, adjudications: 1, historyEntries: preview.historyEntries },
    });
  });
});

describe('archiving and deleting a project', () => {
  it('hides an archived project from the list until it is restored', async () => {
    expect((await testApp.owner.request('/api/projects/shelf/archive', { method: 'POST' })).status).toBe(200);
    const slugs = async (query = '') =>
      (
        (await (await testApp.owner.request(`/api/projects${query}`)).json()) as { items: ProjectSummary[] }
      ).items.map((project) => project.slug);
    expect(await slugs()).not.toContain('shelf');
    expect(await slugs('?archived=true')).toEqual(['shelf']);
    expect((await testApp.owner.request('/api/projects/shelf')).status).toBe(200);
    expect((await testApp.owner.request('/api/projects/shelf/restore', { method: 'POST' })).status).toBe(200);
    expect(await slugs()).toContain('shelf');
  });

  it('deletes a project with everything in it, archived documents included, and keeps the audit entry', async () => {
    const [project] = await testApp.database.db.select().from(projects).where(eq(projects.slug, 'shelf'));
    const preview = (await (await testApp.owner.request('/api/projects/shelf/deletion')).json()) as {
      name: string;
      documents: number;
      annotations: number;
    };
    expect(preview.name).toBe('Shelf');
    expect(preview.documents).toBe(2);
    expect(preview.annotations).toBeGreaterThan(0);
    await expectProblem(await analyst.request('/api/projects/shelf', { method: 'DELETE' }), 403);
    const deleted = await testApp.owner.request('/api/projects/shelf', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    const { db } = testApp.database;
    expect(await db.select().from(projects).where(eq(projects.slug, 'shelf'))).toEqual([]);
    expect(await db.select().from(documents).where(eq(documents.projectId, project!.id))).toEqual([]);
    await expectProblem(await testApp.owner.request('/api/projects/shelf'), 404);
    const entries = await db.select().from(auditEvents).where(eq(auditEvents.projectId, project!.id));
    expect(
      entries.find((entry) => entry.targetKind === 'project' && entry.action === 'delete'),
    ).toMatchObject({
      targetName: 'Shelf',
      counts: expect.objectContaining({ documents: 2 }),
    });
  });
});
