// An import's suggestions are added after it answers: its sentences are stored without them, and
// then, from the background filler or from the first request that reads, re-segments, links or
// exports the document, get exactly what one suggest() with attributions gives, added once.
import { readFileSync } from 'node:fs';
import { type DocumentDetail, type ImportResult, type Suggestion, suggest } from '@attest/core';
import { sentences, suggestionQueue } from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SuggestionFiller } from '../src/services/suggestion-filler.ts';
import { createTestApp, type TestApp } from './helpers.ts';

const body = readFileSync(
  new URL('../../../packages/core/test/fixtures/claims/engine-wire-one.txt', import.meta.url),
  'utf8',
);

/** Kinds only the attribution layer adds. */
const isContentCue = (cue: Suggestion['cues'][number]) => cue.kind === 'content';

for (const engine of testEngines())
  describe(`suggestions after the import on ${engine}`, () => {
    /** Its background filler is started but never woken: imports wait for a reader. */
    let withoutFiller: TestApp;
    let withFiller: TestApp;

    beforeAll(async () => {
      withoutFiller = await createTestApp({ suggestionFiller: undefined }, engine);
      withFiller = await createTestApp({}, engine);
      for (const testApp of [withoutFiller, withFiller]) {
        const response = await testApp.owner.json('POST', '/api/projects', {
          name: 'Suggestions',
          slug: 'spans',
        });
        expect(response.status).toBe(201);
      }
    });

    afterAll(async () => {
      await withoutFiller?.database.destroy();
      await withFiller?.database.destroy();
    });

    async function importInto(testApp: TestApp, text: string): Promise<string> {
      const response = await testApp.owner.json('POST', '/api/projects/spans/documents', { body: text });
      expect(response.status).toBe(201);
      return ((await response.json()) as ImportResult).document.id;
    }

    const storedOf = (testApp: TestApp, documentId: string) =>
      testApp.database.db
        .select()
        .from(sentences)
        .where(eq(sentences.documentId, documentId))
        .orderBy(asc(sentences.position));

    const isWaiting = async (testApp: TestApp, documentId: string) =>
      (
        await testApp.database.db
          .select()
          .from(suggestionQueue)
          .where(eq(suggestionQueue.documentId, documentId))
      ).length > 0;

    /** What one suggest() with attributions gives for the stored sentences. */
    const expectedFor = (text: string, stored: Awaited<ReturnType<typeof storedOf>>) =>
      suggest(text, stored, { attributions: true });

    it('stores the sentences without suggestions, then adds them when the editor opens the document', async () => {
      const documentId = await importInto(withoutFiller, body);
      const before = await storedOf(withoutFiller, documentId);
      expect(await isWaiting(withoutFiller, documentId)).toBe(true);
      expect(before.length).toBeGreaterThan(3);
      expect(before.filter((sentence) => sentence.suggestion !== null)).toEqual([]);

      const response = await withoutFiller.owner.request(`/api/documents/${documentId}`);
      expect(response.status).toBe(200);
      const detail = (await response.json()) as DocumentDetail;
      const expected = expectedFor(body, before);
      const contentCues = expected.flatMap((suggestion) => suggestion.cues).filter(isContentCue);
      expect(contentCues.length).toBeGreaterThan(0);
      expect(detail.sentences.map((sentence) => sentence.suggestion)).toEqual(expected);
      expect((await storedOf(withoutFiller, documentId)).map((sentence) => sentence.suggestion)).toEqual(
        expected,
      );
      expect(await isWaiting(withoutFiller, documentId)).toBe(false);
    });

    it('adds them once when a waiting document is split first', async () => {
      const text = `${body}\n\nThe agency said the plant would open within weeks and officials said it was ready.`;
      const documentId = await importInto(withoutFiller, text);
      const last = (await storedOf(withoutFiller, documentId)).at(-1)!;
      const at = text.indexOf(' and officials', last.start);
      const split = await withoutFiller.owner.json('POST', `/api/sentences/${last.id}/split`, { at });
      expect(split.status).toBe(200);
      expect(await isWaiting(withoutFiller, documentId)).toBe(false);
      const after = await storedOf(withoutFiller, documentId);
      expect(after).toHaveLength(last.position + 2);
      // The article is shorter than the split's window: every sentence was suggested from all of it.
      expect(after.map((sentence) => sentence.suggestion)).toEqual(expectedFor(text, after));
    });

    it('sets a document whose suggestions fail aside and adds the others’', async () => {
      const documentIds = [];
      for (const copy of [1, 2, 3])
        documentIds.push(
          await importInto(withoutFiller, `${body}\n\nFaulty batch copy ${copy}, the editor said.`),
        );
      const [first, faulty, last] = documentIds as [string, string, string];
      // A fault no request can cause: the database refuses to write this document's sentences.
      await withoutFiller.database.db.execute(
        sql.raw(`create function refuse_faulty_document() returns trigger language plpgsql as $$
          begin raise exception 'simulated fault'; end $$`),
      );
      await withoutFiller.database.db.execute(
        sql.raw(`create trigger refuse_faulty_document before update on sentences for each row
          when (old.document_id = '${faulty}') execute function refuse_faulty_document()`),
      );
      const warnings: string[] = [];
      const filler = new SuggestionFiller(withoutFiller.database.db, {
        warn: (message) => warnings.push(message),
      });
      try {
        await filler.drain();
        await filler.stop();
      } finally {
        await withoutFiller.database.db.execute(sql.raw('drop trigger refuse_faulty_document on sentences'));
        await withoutFiller.database.db.execute(sql.raw('drop function refuse_faulty_document()'));
      }
      expect([await isWaiting(withoutFiller, first), await isWaiting(withoutFiller, last)]).toEqual([
        false,
        false,
      ]);
      expect(await isWaiting(withoutFiller, faulty)).toBe(true);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(faulty);
    });

    it('adds them before the claim linker reads the attribution of a waiting document', async () => {
      const documentId = await importInto(withoutFiller, `${body}\n\nLinked copy, the editor said.`);
      expect(await isWaiting(withoutFiller, documentId)).toBe(true);
      await withoutFiller.claimLinker.drain();
      expect(await isWaiting(withoutFiller, documentId)).toBe(false);
      const stored = await storedOf(withoutFiller, documentId);
      expect(stored.map((sentence) => sentence.suggestion)).toEqual(
        expectedFor(`${body}\n\nLinked copy, the editor said.`, stored),
      );
    });

    it('adds the project’s waiting ones before an export reads them', async () => {
      const text = `${body}\n\nExported copy, the editor said.`;
      const documentId = await importInto(withoutFiller, text);
      expect(await isWaiting(withoutFiller, documentId)).toBe(true);
      const response = await withoutFiller.owner.request('/api/projects/spans/export?format=jsonl');
      expect(response.status).toBe(200);
      const rows = (await response.text())
        .trim()
        .split('\n')
        .map(
          (line) => JSON.parse(line) as { document_id: string; suggested_label: string | null; kind: string },
        );
      const rowsOfDocument = rows.filter((row) => row.document_id === documentId);
      const stored = await storedOf(withoutFiller, documentId);
      expect(rowsOfDocument.map((row) => row.suggested_label)).toEqual(
        expectedFor(text, stored).map((suggestion) => suggestion?.label ?? null),
      );
      expect(
        rowsOfDocument.filter((row) => row.kind !== 'boilerplate' && row.suggested_label === null),
      ).toEqual([]);
      expect(await isWaiting(withoutFiller, documentId)).toBe(false);
    });

    /** Waits for the background filler, well within its one-minute sweep: an import must wake it. */
    async function untilAdded(documentId: string): Promise<void> {
      const deadline = Date.now() + 20_000;
      while ((await isWaiting(withFiller, documentId)) && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await isWaiting(withFiller, documentId)).toBe(false);
    }

    it('adds them in the background after an import answers', async () => {
      const text = `${body}\n\nA second copy, said the editor.`;
      const documentId = await importInto(withFiller, text);
      await untilAdded(documentId);
      const stored = await storedOf(withFiller, documentId);
      expect(stored.map((sentence) => sentence.suggestion)).toEqual(expectedFor(text, stored));
    });

    it('adds them in the background after a bulk import of JSON lines answers', async () => {
      const texts = [1, 2, 3].map((copy) => `${body}\n\nCopy ${copy} of the story, the editor said.`);
      const response = await withFiller.owner.request('/api/projects/spans/imports', {
        method: 'POST',
        body: texts.map((text, index) => JSON.stringify({ title: `Copy ${index}`, body: text })).join('\n'),
        headers: { 'content-type': 'application/x-ndjson' },
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { imported: number }).imported).toBe(3);
      const documents = await withFiller.database.db
        .select({ id: sentences.documentId })
        .from(sentences)
        .where(eq(sentences.text, 'Copy 2 of the story, the editor said.'));
      expect(documents).toHaveLength(1);
      await untilAdded(documents[0]!.id);
      const stored = await storedOf(withFiller, documents[0]!.id);
      expect(stored.map((sentence) => sentence.suggestion)).toEqual(expectedFor(texts[1]!, stored));
    });
  });
