// Segmentation is shared by everyone on a document: who may change it, what an analyst learns
// from changing it (nothing about colleagues' labels), and that every annotation and gold label
// a split or merge changes is in the history, with who did it.
import {
  type DocumentDetail,
  type ImportResult,
  noteMaxLength,
  type Project,
  type SegmentationChange,
  shortenedNoteMarker,
} from '@attest/core';
import { adjudications, annotationEvents, annotations, documents, type Engine, sentences } from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorContext } from '../src/services/context.ts';
import { splitSentence } from '../src/services/segmentation.ts';
import { suggestionsFor, suggestionWindow } from '../src/services/suggestions.ts';
import { addMember, createTestApp, expectProblem, type TestApp, type TestUser } from './helpers.ts';

const body = `Sharing headline

The agency said the plant opened and analysts said output may fall. The ministry confirmed the date. Officials were present at the site.
`;

for (const engine of testEngines())
  describe(`shared segmentation on ${engine}`, () => {
    let testApp: TestApp;
    let reviewer: TestUser;
    let alice: TestUser;
    let bob: TestUser;
    let aliceId: string;
    let bobId: string;
    let reviewerId: string;

    beforeAll(async () => {
      testApp = await createTestApp({}, engine as Engine);
      reviewer = await addMember(testApp, 'demo', 'reviewer', 'Rita Reviewer');
      alice = await addMember(testApp, 'demo', 'analyst', 'Alice Analyst');
      bob = await addMember(testApp, 'demo', 'analyst', 'Bob Analyst');
      const idOf = async (user: TestUser) =>
        ((await (await user.request('/api/me')).json()) as { user: { id: string } }).user.id;
      [aliceId, bobId, reviewerId] = await Promise.all([idOf(alice), idOf(bob), idOf(reviewer)]);
    }, 60_000);
    afterAll(async () => {
      await testApp?.database.destroy();
    });

    /** A fresh document assigned to both analysts; its sentences that take a label. */
    async function freshDocument() {
      const unique = `${body}Run ${Math.random().toString(36).slice(2)}.\n`;
      const imported = (await (
        await testApp.owner.json('POST', '/api/projects/demo/documents', { body: unique })
      ).json()) as ImportResult;
      const detail = (await (
        await testApp.owner.request(`/api/documents/${imported.document.id}`)
      ).json()) as DocumentDetail;
      const [first, second, third] = detail.sentences.filter((sentence) => sentence.kind === 'sentence');
      return { detail, body: unique, first: first!, second: second!, third: third! };
    }

    async function setAnalystsMaySegment(isAllowed: boolean): Promise<void> {
      const response = await testApp.owner.json('PATCH', '/api/projects/demo', {
        analystsMaySegment: isAllowed,
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as Project).analystsMaySegment).toBe(isAllowed);
    }

    async function label(user: TestUser, sentenceId: string, labelKey: string, note?: string) {
      const response = await user.json('PUT', `/api/sentences/${sentenceId}/annotation`, {
        label: labelKey,
        ...(note === undefined ? {} : { note }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
    }

    async function eventsOf(sentenceIds: readonly string[]) {
      return testApp.database.db
        .select()
        .from(annotationEvents)
        .where(inArray(annotationEvents.sentenceId, [...sentenceIds]))
        .orderBy(asc(annotationEvents.id));
    }

    describe('who may change segmentation', () => {
      it('lets owners and reviewers, not analysts, by default, and says how to change it', async () => {
        const { first, detail: ownersView } = await freshDocument();
        const project = (await (await alice.request('/api/projects/demo')).json()) as Project;
        expect(project.analystsMaySegment).toBe(false);
        const detail = (await (
          await alice.request(`/api/documents/${ownersView.document.id}`)
        ).json()) as DocumentDetail;
        expect(detail.maySegment).toBe(false);
        expect(ownersView.maySegment).toBe(true);
        const refused = await expectProblem(
          await alice.json('POST', `/api/sentences/${first.id}/split`, { at: first.start + 4 }),
          403,
        );
        expect(refused.detail).toContain('owners and reviewers');
        await expectProblem(
          await alice.request(`/api/sentences/${first.id}/merge-next`, { method: 'POST' }),
          403,
        );
        const stored = await testApp.database.db
          .select({ start: sentences.start, end: sentences.end })
          .from(sentences)
          .where(eq(sentences.id, first.id));
        expect(stored).toEqual([{ start: first.start, end: first.end }]);
        expect(
          (await reviewer.json('POST', `/api/sentences/${first.id}/split`, { at: first.start + 4 })).status,
        ).toBe(200);
      });

      it('lets analysts once an owner allows it; only owners change the setting', async () => {
        await expectProblem(
          await reviewer.json('PATCH', '/api/projects/demo', { analystsMaySegment: true }),
          403,
        );
        await setAnalystsMaySegment(true);
        try {
          const { detail, first } = await freshDocument();
          const asAlice = (await (
            await alice.request(`/api/documents/${detail.document.id}`)
          ).json()) as DocumentDetail;
          expect(asAlice.maySegment).toBe(true);
          expect(asAlice.role).toBe('analyst');
          const split = await alice.json('POST', `/api/sentences/${first.id}/split`, { at: first.start + 4 });
          expect(split.status).toBe(200);
        } finally {
          await setAnalystsMaySegment(false);
        }
      });
    });

    describe('an analyst changing segmentation (allowed)', () => {
      beforeAll(() => setAnalystsMaySegment(true));
      afterAll(() => setAnalystsMaySegment(false));

      it('answers a merge the same whether or not a colleague labelled there', async () => {
        const answers: SegmentationChange[] = [];
        for (const colleagueLabels of [false, true]) {
          const { first } = await freshDocument();
          if (colleagueLabels) await label(alice, first.id, 'kcna_claim');
          const response = await bob.request(`/api/sentences/${first.id}/merge-next`, { method: 'POST' });
          expect(response.status, await response.clone().text()).toBe(200);
          answers.push((await response.json()) as SegmentationChange);
        }
        const [without, withLabels] = answers;
        expect(withLabels!.notice).toBe(without!.notice);
        expect(withLabels!.annotations).toEqual(without!.annotations);
      });

      it('asks the same question before a change whether or not a colleague labelled there', async () => {
        const questions: unknown[] = [];
        for (const colleagueLabels of [false, true]) {
          const { first } = await freshDocument();
          if (colleagueLabels) await label(alice, first.id, 'kcna_claim');
          for (const action of ['split', 'merge']) {
            const response = await bob.request(
              `/api/sentences/${first.id}/segmentation-impact?action=${action}`,
            );
            expect(response.status).toBe(200);
            questions.push(await response.json());
          }
        }
        expect(questions.slice(2)).toEqual(questions.slice(0, 2));
        expect((questions[1] as { question: string }).question).toContain('changes them for everyone');
      });

      it("records the colleague's cleared label in the history, with who merged", async () => {
        const { first, second } = await freshDocument();
        await label(alice, first.id, 'kcna_claim');
        await label(alice, second.id, 'reported_fact');
        const response = await bob.request(`/api/sentences/${first.id}/merge-next`, { method: 'POST' });
        expect(response.status).toBe(200);
        const events = (await eventsOf([first.id])).filter((event) => event.action === 'merge');
        expect(
          events.map((event) => [event.annotatorId, event.actorId, event.before?.label, event.after]),
        ).toEqual([
          [aliceId, bobId, 'kcna_claim', null],
          [aliceId, bobId, 'reported_fact', null],
        ]);
        // Alice sees, in her own history, that a teammate merged; the entries are hers, and
        // the teammate stays unnamed to her.
        type HistoryItem = {
          action: string;
          actorId: string | null;
          annotatorName: string | null;
          actorName: string | null;
        };
        const history = (await (await alice.request(`/api/sentences/${first.id}/history`)).json()) as {
          items: HistoryItem[];
        };
        const merges = (items: HistoryItem[]) => items.filter((item) => item.action === 'merge');
        expect(merges(history.items).map((item) => item.actorId)).toEqual([bobId, bobId]);
        expect(JSON.stringify(history.items)).not.toContain('Bob Analyst');
        expect(merges(history.items).map((item) => [item.annotatorName, item.actorName])).toEqual([
          [null, null],
          [null, null],
        ]);
        // A reviewer, who sees everyone's labels, reads whose label it was and who merged.
        const reviewed = (await (await reviewer.request(`/api/sentences/${first.id}/history`)).json()) as {
          items: HistoryItem[];
        };
        expect(merges(reviewed.items).map((item) => [item.annotatorName, item.actorName])).toEqual([
          ['Alice Analyst', 'Bob Analyst'],
          ['Alice Analyst', 'Bob Analyst'],
        ]);
        expect(reviewed.items.find((item) => item.action === 'set')).toMatchObject({
          annotatorName: 'Alice Analyst',
          actorName: null,
        });
      });

      it("records every change a split makes to a colleague's annotation", async () => {
        const { first, body: text } = await freshDocument();
        const at = text.indexOf(' and analysts said');
        const hedge = { start: text.indexOf('may fall'), end: text.indexOf('may fall') + 3, kind: 'hedge' };
        const labelled = await alice.json('PUT', `/api/sentences/${first.id}/annotation`, {
          label: 'kcna_claim',
          cues: [hedge],
        });
        expect(labelled.status).toBe(200);
        const response = await bob.json('POST', `/api/sentences/${first.id}/split`, { at });
        expect(response.status).toBe(200);
        const rows = await testApp.database.db
          .select({
            sentenceId: annotations.sentenceId,
            version: annotations.version,
            cues: annotations.cues,
          })
          .from(annotations)
          .where(eq(annotations.annotatorId, aliceId));
        const right = rows.find((row) => row.sentenceId !== first.id && row.cues.length === 1);
        expect(right?.cues).toEqual([hedge]);
        const events = await eventsOf([first.id, right!.sentenceId]);
        const splits = events.filter((event) => event.action === 'split');
        expect(splits).toHaveLength(2);
        for (const event of splits) {
          expect(event.annotatorId).toBe(aliceId);
          expect(event.actorId).toBe(bobId);
        }
        // Every version the annotation now has is the one its last history entry says.
        const leftRow = rows.find((row) => row.sentenceId === first.id)!;
        expect(splits.find((event) => event.sentenceId === first.id)?.after?.version).toBe(leftRow.version);
      });

      it('keeps merged notes within the note limit, however often split and merged', async () => {
        const { first, second } = await freshDocument();
        await label(alice, first.id, 'kcna_claim', 'a'.repeat(noteMaxLength));
        await label(alice, second.id, 'kcna_claim', 'b'.repeat(noteMaxLength));
        let note = '';
        for (let cycle = 0; cycle < 8; cycle++) {
          const merged = await alice.request(`/api/sentences/${first.id}/merge-next`, { method: 'POST' });
          expect(merged.status).toBe(200);
          const change = (await merged.json()) as SegmentationChange;
          note = change.annotations.find((annotation) => annotation.sentenceId === first.id)?.note ?? '';
          expect(note.length).toBeLessThanOrEqual(noteMaxLength);
          const current = change.sentences.find((sentence) => sentence.id === first.id)!;
          const split = await alice.json('POST', `/api/sentences/${first.id}/split`, {
            at: current.start + current.text.indexOf(' The ministry'),
          });
          expect(split.status, await split.clone().text()).toBe(200);
        }
        expect(note.endsWith(shortenedNoteMarker)).toBe(true);
        const stored = await testApp.database.db
          .select({ note: annotations.note })
          .from(annotations)
          .where(eq(annotations.annotatorId, aliceId));
        for (const row of stored) expect(row.note?.length ?? 0).toBeLessThanOrEqual(noteMaxLength);
      });
    });

    describe('an owner or reviewer changing segmentation', () => {
      it("asks before changing other people's labels, changing nothing until confirmed", async () => {
        const { first, second } = await freshDocument();
        const impact = (action: string) =>
          reviewer
            .request(`/api/sentences/${first.id}/segmentation-impact?action=${action}`)
            .then((r) => r.json());
        expect(await impact('merge')).toEqual({ question: null });
        await label(alice, first.id, 'kcna_claim');
        await label(bob, second.id, 'reported_fact');
        expect(await impact('split')).toEqual({
          question: 'This split changes the labels of 1 other person; the history will record who made it.',
        });
        expect(((await impact('merge')) as { question: string }).question).toContain('2 other people');
        const asked = await expectProblem(
          await reviewer.request(`/api/sentences/${first.id}/merge-next`, { method: 'POST' }),
          409,
        );
        expect(asked.type).toContain('segmentation-needs-confirmation');
        expect(asked.detail).toContain('2 other people');
        expect(
          await testApp.database.db
            .select({ id: sentences.id })
            .from(sentences)
            .where(eq(sentences.id, second.id)),
        ).toHaveLength(1);
        const confirmed = await reviewer.json('POST', `/api/sentences/${first.id}/merge-next`, {
          confirm: true,
        });
        expect(confirmed.status).toBe(200);
      });

      it('records what a split and a merge do to the gold label, with who did it', async () => {
        const { first, second, body: text } = await freshDocument();
        const gold = await reviewer.json('PUT', `/api/sentences/${first.id}/adjudication`, {
          label: 'kcna_claim',
        });
        expect(gold.status).toBe(200);
        const asked = await expectProblem(
          await testApp.owner.json('POST', `/api/sentences/${first.id}/split`, {
            at: text.indexOf(' and analysts said'),
          }),
          409,
        );
        expect(asked.detail).toContain('the gold label');
        const split = await testApp.owner.json('POST', `/api/sentences/${first.id}/split`, {
          at: text.indexOf(' and analysts said'),
          confirm: true,
        });
        expect(split.status).toBe(200);
        const parts = ((await split.json()) as SegmentationChange).sentences;
        const rightHalf = parts[parts.findIndex((sentence) => sentence.id === first.id) + 1]!;
        const ownerId = ((await (await testApp.owner.request('/api/me')).json()) as { user: { id: string } })
          .user.id;
        const copied = await eventsOf([rightHalf.id]);
        expect(
          copied.map((event) => [event.action, event.annotatorId, event.actorId, event.after?.label]),
        ).toEqual([['split-gold', reviewerId, ownerId, 'kcna_claim']]);
        const golds = await testApp.database.db
          .select({ sentenceId: adjudications.sentenceId })
          .from(adjudications)
          .where(inArray(adjudications.sentenceId, [first.id, rightHalf.id]));
        expect(golds).toHaveLength(2);

        // The right half keeps its gold; the next sentence has none: the merged gold goes.
        await testApp.owner.json('POST', `/api/sentences/${rightHalf.id}/merge-next`, { confirm: true });
        const removed = (await eventsOf([rightHalf.id])).filter((event) => event.action === 'merge-gold');
        expect(
          removed.map((event) => [event.annotatorId, event.actorId, event.before?.label, event.after]),
        ).toEqual([[reviewerId, ownerId, 'kcna_claim', null]]);
        expect(second.id).not.toBe(rightHalf.id);
      });
    });

    describe('what a split costs', () => {
      /** A document of `count` short sentences; its sentence ids in order. */
      async function longDocument(count: number) {
        const text = Array.from({ length: count }, (_, index) => `Kim said item ${index} ${engine}.`).join(
          ' ',
        );
        const imported = (await (
          await testApp.owner.json('POST', '/api/projects/demo/documents', { body: text })
        ).json()) as ImportResult;
        // Its suggestions, which the import leaves to the filler.
        await testApp.suggestionFiller.drain();
        return testApp.database.db
          .select({
            id: sentences.id,
            documentId: sentences.documentId,
            start: sentences.start,
            suggestion: sentences.suggestion,
          })
          .from(sentences)
          .where(eq(sentences.documentId, imported.document.id))
          .orderBy(asc(sentences.position));
      }

      it('rewrites the suggestions near the change only, and keeps positions dense', async () => {
        const parts = await longDocument(3 * suggestionWindow);
        const far = parts.at(-1)!;
        // A mark no suggestion computation would make: it stays unless the split rewrites it.
        const marked = { ...far.suggestion!, rule: 'left-alone' };
        await testApp.database.db
          .update(sentences)
          .set({ suggestion: marked })
          .where(eq(sentences.id, far.id));
        const response = await testApp.owner.json('POST', `/api/sentences/${parts[1]!.id}/split`, {
          at: parts[1]!.start + 4,
        });
        expect(response.status).toBe(200);
        const change = (await response.json()) as SegmentationChange;
        expect(change.sentences.find((sentence) => sentence.position === 2)?.suggestion).not.toBeNull();
        const documentId = far.documentId;
        const [stored] = await testApp.database.db
          .select({ suggestion: sentences.suggestion })
          .from(sentences)
          .where(eq(sentences.id, far.id));
        expect(stored?.suggestion?.rule).toBe('left-alone');
        // Near the change, the suggestions are the ones the whole document gives.
        const [document] = await testApp.database.db
          .select({ body: documents.body })
          .from(documents)
          .where(eq(documents.id, documentId));
        const everySentence = await testApp.database.db
          .select()
          .from(sentences)
          .where(eq(sentences.documentId, documentId))
          .orderBy(asc(sentences.position));
        expect(everySentence.map((sentence) => sentence.position)).toEqual(
          everySentence.map((_, index) => index),
        );
        const whole = suggestionsFor(document!.body, everySentence);
        for (let position = 1; position <= suggestionWindow; position++) {
          expect(everySentence[position]?.suggestion).toEqual(whole[position]);
        }
      });

      it('answers with what changed, however long the document', async () => {
        const parts = await longDocument(2_000);
        const wholeDocument = await (
          await testApp.owner.request(`/api/documents/${parts[0]!.documentId}?withBody=false`)
        ).text();
        const split = await testApp.owner.json('POST', `/api/sentences/${parts[1]!.id}/split`, {
          at: parts[1]!.start + 4,
        });
        expect(split.status).toBe(200);
        const splitText = await split.text();
        const splitChange = JSON.parse(splitText) as SegmentationChange;
        // The two halves and the suggestions after them that changed: a window, not 2,001 sentences.
        expect(splitChange.sentences.length).toBeGreaterThanOrEqual(2);
        expect(splitChange.sentences.length).toBeLessThanOrEqual(suggestionWindow + 2);
        expect(splitChange.shift).toEqual({ afterPosition: 1, by: 1 });
        expect(splitText.length).toBeLessThan(wholeDocument.length / 20);

        const merge = await testApp.owner.json('POST', `/api/sentences/${parts[1]!.id}/merge-next`, {});
        expect(merge.status).toBe(200);
        const mergeText = await merge.text();
        const mergeChange = JSON.parse(mergeText) as SegmentationChange;
        expect(mergeChange.removedSentenceIds).toHaveLength(1);
        expect(mergeChange.sentences.length).toBeLessThanOrEqual(suggestionWindow + 1);
        expect(mergeText.length).toBeLessThan(wholeDocument.length / 20);
      });

      // PGlite has one connection: a save there waits for any transaction, by design.
      if (engine === 'postgres')
        it('lets a save on another sentence through while a split holds its locks', async () => {
          const parts = await longDocument(200);
          const ownerId = (
            (await (await testApp.owner.request('/api/me')).json()) as { user: { id: string } }
          ).user.id;
          await testApp.database.db.transaction(async (transaction) => {
            // The split's own statements, in a transaction kept open: its locks stay held.
            await splitSentence(
              { ...operatorContext(transaction), userId: ownerId, isOperator: false },
              { sentenceId: parts[0]!.id, at: parts[0]!.start + 4 },
            );
            const save = testApp.owner.json('PUT', `/api/sentences/${parts[150]!.id}/annotation`, {
              label: 'kcna_claim',
            });
            const waited = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5_000));
            const outcome = await Promise.race([save.then((response) => response.status), waited]);
            expect(outcome).toBe(200);
          });
        });
    });
  });
