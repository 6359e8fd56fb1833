import { defaultLabels } from '@attest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/client.ts';
import {
  countProjectDocuments,
  createProject,
  deleteAnnotation,
  ensureLocalAnalyst,
  findAnnotation,
  findDocumentSummary,
  findLabel,
  findProjectBySlug,
  findSentence,
  insertAnnotation,
  insertDocumentWithSentences,
  listAnnotationsForDocument,
  listDocuments,
  listProjects,
  listSentences,
  updateAnnotation,
} from '../src/queries/index.ts';
import { openTestDatabase, type TestDatabase, testEngines } from './test-database.ts';

for (const engine of testEngines()) {
  describe(`queries on ${engine}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(engine);
    });
    afterAll(async () => {
      await database?.destroy();
    });

    async function seedProject(slug: string) {
      const project = await createProject(database.db, {
        slug,
        name: `Project ${slug}`,
        guidelines: '# Guide',
        labels: [...defaultLabels],
      });
      if (!project) throw new Error('project not created');
      return project;
    }

    it('creates a project with its labels in order, and refuses a taken slug', async () => {
      const project = await seedProject('labels-order');
      expect(
        await createProject(database.db, { slug: 'labels-order', name: 'x', guidelines: '', labels: [] }),
      ).toBe(undefined);
      const found = await findProjectBySlug(database.db, { slug: 'labels-order' });
      expect(found?.id).toBe(project.id);
      expect(await countProjectDocuments(database.db, { projectId: project.id })).toBe(0);
      expect((await listProjects(database.db)).map((row) => row.slug)).toContain('labels-order');
      expect(
        (await findLabel(database.db, { projectId: project.id, key: 'observer_inference' }))?.position,
      ).toBe(1);
    });

    it('creates the local analyst once', async () => {
      const first = await ensureLocalAnalyst(database.db);
      const second = await ensureLocalAnalyst(database.db);
      expect(second.id).toBe(first.id);
    });

    it('stores a document with its sentences and ignores the same body twice', async () => {
      const project = await seedProject('dedupe');
      const analyst = await ensureLocalAnalyst(database.db);
      const document = {
        projectId: project.id,
        title: 'Test',
        body: 'One. Two.',
        bodySha256: 'abc',
        createdBy: analyst.id,
      };
      const rows = [
        { position: 0, start: 0, end: 4, kind: 'sentence' as const, text: 'One.' },
        { position: 1, start: 5, end: 9, kind: 'sentence' as const, text: 'Two.' },
      ];
      const created = await insertDocumentWithSentences(database.db, { document, sentences: rows });
      expect(created).toBeDefined();
      expect(await insertDocumentWithSentences(database.db, { document, sentences: rows })).toBeUndefined();
      const sentences = await listSentences(database.db, { projectId: project.id, documentId: created!.id });
      expect(sentences.map((sentence) => sentence.text)).toEqual(['One.', 'Two.']);
      const page = await listDocuments(database.db, {
        projectId: project.id,
        annotatorId: analyst.id,
        limit: 10,
      });
      expect(page).toHaveLength(1);
      expect(page[0]).toMatchObject({
        sentenceCount: 2,
        annotatableCount: 2,
        annotatedCount: 0,
        projectSlug: 'dedupe',
      });
    });

    it('versions annotations and refuses writes over a stale version', async () => {
      const project = await seedProject('versions');
      const analyst = await ensureLocalAnalyst(database.db);
      const created = await insertDocumentWithSentences(database.db, {
        document: { projectId: project.id, title: 'T', body: 'Only one.', bodySha256: 'v1' },
        sentences: [{ position: 0, start: 0, end: 9, kind: 'sentence', text: 'Only one.' }],
      });
      const [sentence] = await listSentences(database.db, { projectId: project.id, documentId: created!.id });
      const claim = await findLabel(database.db, { projectId: project.id, key: 'kcna_claim' });
      const fact = await findLabel(database.db, { projectId: project.id, key: 'reported_fact' });
      const values = {
        sentenceId: sentence!.id,
        annotatorId: analyst.id,
        labelId: claim!.id,
        source: 'KCNA',
        chain: ['Yonhap', 'KCNA'],
        cues: [{ start: 0, end: 4, kind: 'source' as const }],
        note: null,
      };
      expect((await insertAnnotation(database.db, values))?.version).toBe(1);
      expect(await insertAnnotation(database.db, values)).toBeUndefined();
      expect(
        (
          await updateAnnotation(database.db, {
            ...values,
            projectId: project.id,
            labelId: fact!.id,
            expectedVersion: 1,
          })
        )?.version,
      ).toBe(2);
      expect(
        await updateAnnotation(database.db, { ...values, projectId: project.id, expectedVersion: 1 }),
      ).toBeUndefined();

      const stored = await findAnnotation(database.db, {
        projectId: project.id,
        sentenceId: sentence!.id,
        annotatorId: analyst.id,
      });
      expect(stored).toMatchObject({ labelKey: 'reported_fact', version: 2, chain: ['Yonhap', 'KCNA'] });
      expect(
        await listAnnotationsForDocument(database.db, {
          projectId: project.id,
          documentId: created!.id,
          annotatorId: analyst.id,
        }),
      ).toHaveLength(1);

      expect(
        await deleteAnnotation(database.db, {
          projectId: project.id,
          sentenceId: sentence!.id,
          annotatorId: analyst.id,
          expectedVersion: 1,
        }),
      ).toBe(false);
      expect(
        await deleteAnnotation(database.db, {
          projectId: project.id,
          sentenceId: sentence!.id,
          annotatorId: analyst.id,
          expectedVersion: 2,
        }),
      ).toBe(true);
      expect(
        await findAnnotation(database.db, {
          projectId: project.id,
          sentenceId: sentence!.id,
          annotatorId: analyst.id,
        }),
      ).toBeUndefined();
    });

    it('finds nothing of a document or sentence asked for in another project', async () => {
      const project = await seedProject('scope-home');
      const other = await seedProject('scope-other');
      const analyst = await ensureLocalAnalyst(database.db);
      const created = await insertDocumentWithSentences(database.db, {
        document: { projectId: project.id, title: 'T', body: 'Just one here.', bodySha256: 'scope' },
        sentences: [{ position: 0, start: 0, end: 14, kind: 'sentence', text: 'Just one here.' }],
      });
      const documentId = created!.id;
      const [sentence] = await listSentences(database.db, { projectId: project.id, documentId });
      const label = await findLabel(database.db, { projectId: project.id, key: 'kcna_claim' });
      const values = {
        sentenceId: sentence!.id,
        annotatorId: analyst.id,
        labelId: label!.id,
        source: null,
        chain: [],
        cues: [],
        note: null,
      };
      await insertAnnotation(database.db, values);
      const elsewhere = { projectId: other.id };
      expect(await listSentences(database.db, { ...elsewhere, documentId })).toEqual([]);
      expect(await findSentence(database.db, { ...elsewhere, sentenceId: sentence!.id })).toBeUndefined();
      expect(
        await findDocumentSummary(database.db, { ...elsewhere, documentId, annotatorId: analyst.id }),
      ).toBeUndefined();
      expect(
        await findAnnotation(database.db, {
          ...elsewhere,
          sentenceId: sentence!.id,
          annotatorId: analyst.id,
        }),
      ).toBeUndefined();
      expect(
        await listAnnotationsForDocument(database.db, { ...elsewhere, documentId, annotatorId: analyst.id }),
      ).toEqual([]);
      expect(
        await updateAnnotation(database.db, { ...values, ...elsewhere, expectedVersion: 1 }),
      ).toBeUndefined();
      expect(
        await deleteAnnotation(database.db, {
          ...elsewhere,
          sentenceId: sentence!.id,
          annotatorId: analyst.id,
          expectedVersion: 1,
        }),
      ).toBe(false);
      // The same queries in the document's own project find it.
      expect(
        await findSentence(database.db, { projectId: project.id, sentenceId: sentence!.id }),
      ).toBeDefined();
      expect(
        await findAnnotation(database.db, {
          projectId: project.id,
          sentenceId: sentence!.id,
          annotatorId: analyst.id,
        }),
      ).toMatchObject({ version: 1 });
    });

    if (engine === 'pglite') {
      it('keeps what was written after the embedded database is closed and reopened', async () => {
        const copy = await openTestDatabase('pglite');
        const dataDir = copy.connection.dataDir!;
        try {
          await createProject(copy.db, { slug: 'survives-restart', name: 'R', guidelines: '', labels: [] });
          await copy.close();
          const reopened = await openDatabase({ dataDir });
          expect((await findProjectBySlug(reopened.db, { slug: 'survives-restart' }))?.slug).toBe(
            'survives-restart',
          );
          await reopened.close();
        } finally {
          await copy.destroy();
        }
      });
    }
  });
}
