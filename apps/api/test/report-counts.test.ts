// The project report adds up per-document counts that triggers mark stale and a refresh
// recomputes. After a randomised run of everything that changes what a report counts (saves,
// clears, splits, merges, adjudications, imports, assignments, archive, restore, delete), its
// figures must equal what the project-wide SQL the counts replaced computes, and the stored
// counts must equal counts recomputed from scratch: on PGlite and, when configured, PostgreSQL.
import { type DocumentDetail, type ImportResult, type Sentence, suggestionVersion } from '@attest/core';
import {
  analystConfusion,
  analystProgress,
  type Executor,
  markAllReportCountsStale,
  projectGoldCounts,
  projectSourceCounts,
  refreshReportCounts,
  reportAnalystCounts,
  reportGoldCounts,
  reportPairCounts,
  reportSourceCounts,
  reportSuggestionCounts,
} from '@attest/db';
import { testEngines } from '@attest/db/testing';
import {
  referenceAnalystConfusion,
  referenceAnalystProgress,
  referenceProjectGoldCounts,
  referenceSourceCounts,
} from '@attest/db/testing/report-reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, type TestApp, type TestUser } from './helpers.ts';

const labelKeys = ['kcna_claim', 'observer_inference', 'reported_fact'];
const sources = [null, 'KCNA', 'ministry', 'Yonhap', ''];
const outlets = ['Harbor Daily', 'Peninsula Wire', undefined];
const words = ['agency', 'ministry', 'launch', 'harbour', 'figure', 'report', 'statement', 'observers'];

/** A small seeded generator (mulberry32), so a failing run can be repeated from its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    below: (count: number) => Math.floor(next() * count),
    pick<Item>(items: readonly Item[]): Item {
      return items[Math.floor(next() * items.length)]!;
    },
    chance: (probability: number) => next() < probability,
  };
}

/** Rows in a stable order: both sides are sets, whatever order SQL returned them in. */
function sorted(rows: readonly object[]): object[] {
  return [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

for (const engine of testEngines()) {
  describe(`project report counts on ${engine}`, () => {
    let testApp: TestApp;
    let projectId: string;
    let analysts: TestUser[];
    let reviewer: TestUser;
    let db: Executor;
    const seed = Number(process.env['REPORT_COUNTS_SEED'] ?? Date.now() % 1_000_000);
    const random = generator(seed);
    let documentNumber = 0;
    const live: string[] = [];
    const archived: string[] = [];

    beforeAll(async () => {
      testApp = await createTestApp({}, engine);
      db = testApp.database.db;
      const created = await testApp.owner.json('POST', '/api/projects', {
        slug: 'counts',
        name: 'Counts',
        annotatorsPerDocument: 2,
      });
      projectId = ((await created.json()) as { id: string }).id;
      analysts = [
        await addMember(testApp, 'counts', 'analyst', 'Ann A'),
        await addMember(testApp, 'counts', 'analyst', 'Bo B'),
        await addMember(testApp, 'counts', 'analyst', 'Cy C'),
      ];
      reviewer = await addMember(testApp, 'counts', 'reviewer', 'Rex R');
      for (let index = 0; index < 4; index++) await importDocument();
    }, 120_000);

    afterAll(async () => {
      await testApp?.database.destroy();
    });

    function articleBody(): string {
      documentNumber++;
      const sentenceCount = 3 + random.below(4);
      const sentences = Array.from(
        { length: sentenceCount },
        (_, index) =>
          `The ${random.pick(words)} said the ${random.pick(words)} rose ${documentNumber * 10 + index} times.`,
      );
      // Now and then a "Source:" line, which segmentation makes boilerplate.
      if (random.chance(0.5)) sentences.push(`Source: ${random.pick(['KCNA', 'Yonhap'])}`);
      return `Article ${documentNumber}\n\n${sentences.join(' ')}\n`;
    }

    async function importDocument(): Promise<void> {
      const publishedAt = `2026-0${1 + random.below(3)}-1${random.below(3)}T08:00:00Z`;
      if (random.chance(0.5)) {
        const response = await testApp.owner.json('POST', '/api/projects/counts/documents', {
          body: articleBody(),
          outlet: random.pick(outlets),
          publishedAt,
        });
        expect(response.status, `seed ${seed}`).toBe(201);
        live.push(((await response.json()) as ImportResult).document.id);
        return;
      }
      // The bulk import: JSON lines, several articles in one request.
      const lines = [articleBody(), articleBody()].map((body) =>
        JSON.stringify({
          title: body.split('\n')[0],
          body,
          outlet: random.pick(outlets),
          published_at: publishedAt,
        }),
      );
      const response = await testApp.owner.request('/api/projects/counts/imports', {
        method: 'POST',
        body: lines.join('\n'),
        headers: { 'content-type': 'application/x-ndjson' },
      });
      expect(response.status, `seed ${seed}`).toBe(200);
      const page = (await (
        await testApp.owner.request('/api/projects/counts/documents?limit=100')
      ).json()) as {
        items: { id: string }[];
      };
      for (const { id } of page.items) if (!live.includes(id) && !archived.includes(id)) live.push(id);
    }

    async function someSentence(): Promise<(Sentence & { documentId: string }) | undefined> {
      if (live.length === 0) return undefined;
      const documentId = random.pick(live);
      const detail = (await (
        await testApp.owner.request(`/api/documents/${documentId}`)
      ).json()) as DocumentDetail;
      return detail.sentences.length ? { ...random.pick(detail.sentences), documentId } : undefined;
    }

    /** One random change; every answer is a success or a refusal, never a server error. */
    async function change(): Promise<string> {
      const sentence = await someSentence();
      const roll = random.below(100);
      let action: string;
      let status: number;
      if (!sentence || roll < 6) {
        action = 'import';
        await importDocument();
        status = 200;
      } else if (roll < 50) {
        action = 'save';
        const user = random.chance(0.9) ? random.pick(analysts) : testApp.owner;
        const label = random.pick(labelKeys);
        const suggested = sentence.suggestion?.label;
        const suggestion = random.chance(0.2)
          ? undefined
          : suggested
            ? {
                relation: suggested === label ? random.pick(['accepted', 'same_label']) : 'other_label',
                version: suggestionVersion(sentence.suggestion!),
              }
            : { relation: 'no_suggestion', version: null };
        status = (
          await user.json('PUT', `/api/sentences/${sentence.id}/annotation`, {
            label,
            source: random.pick(sources),
            suggestion,
          })
        ).status;
      } else if (roll < 60) {
        action = 'clear';
        status = (
          await random
            .pick(analysts)
            .request(`/api/sentences/${sentence.id}/annotation`, { method: 'DELETE' })
        ).status;
      } else if (roll < 72) {
        action = 'adjudicate';
        const user = random.chance(0.5) ? reviewer : random.pick(analysts);
        status = (
          await user.json('PUT', `/api/sentences/${sentence.id}/adjudication`, {
            label: random.pick(labelKeys),
          })
        ).status;
      } else if (roll < 76) {
        action = 'clear adjudication';
        status = (await reviewer.request(`/api/sentences/${sentence.id}/adjudication`, { method: 'DELETE' }))
          .status;
      } else if (roll < 82) {
        action = 'split';
        const space = sentence.text.indexOf(' ', 1 + random.below(Math.max(1, sentence.text.length - 2)));
        status = (
          await testApp.owner.json('POST', `/api/sentences/${sentence.id}/split`, {
            at: sentence.start + (space > 0 ? space : 1),
          })
        ).status;
      } else if (roll < 88) {
        action = 'merge';
        status = (await testApp.owner.request(`/api/sentences/${sentence.id}/merge-next`, { method: 'POST' }))
          .status;
      } else if (roll < 93) {
        action = 'archive';
        const documentId = sentence.documentId;
        status = (await testApp.owner.request(`/api/documents/${documentId}/archive`, { method: 'POST' }))
          .status;
        if (status === 200) {
          live.splice(live.indexOf(documentId), 1);
          archived.push(documentId);
        }
      } else if (roll < 97) {
        action = 'restore';
        const documentId = archived.pop();
        status = documentId
          ? (await testApp.owner.request(`/api/documents/${documentId}/restore`, { method: 'POST' })).status
          : 200;
        if (documentId && status === 200) live.push(documentId);
      } else {
        action = 'delete';
        const documentId = sentence.documentId;
        status = (await testApp.owner.request(`/api/documents/${documentId}`, { method: 'DELETE' })).status;
        if (status === 200) live.splice(live.indexOf(documentId), 1);
      }
      expect(status, `${action} (seed ${seed})`).toBeLessThan(500);
      return action;
    }

    async function expectReportAsBefore(): Promise<void> {
      await refreshReportCounts(db);
      const [gold, referenceGold] = await Promise.all([
        projectGoldCounts(db, { projectId }),
        referenceProjectGoldCounts(db, projectId),
      ]);
      for (const key of ['byDocument', 'byPublished', 'byOutlet', 'suggestionPairs'] as const)
        expect(sorted(gold[key]), `${key} (seed ${seed})`).toEqual(sorted(referenceGold[key]));
      expect(await projectSourceCounts(db, { projectId }), `sources (seed ${seed})`).toEqual(
        await referenceSourceCounts(db, { projectId }),
      );
      expect(sorted(await analystConfusion(db, { projectId })), `confusion (seed ${seed})`).toEqual(
        sorted(await referenceAnalystConfusion(db, projectId)),
      );
      expect(await analystProgress(db, { projectId }), `analysts (seed ${seed})`).toEqual(
        await referenceAnalystProgress(db, projectId),
      );
    }

    async function storedCounts() {
      return {
        gold: sorted(await db.select().from(reportGoldCounts)),
        suggestions: sorted(await db.select().from(reportSuggestionCounts)),
        sources: sorted(await db.select().from(reportSourceCounts)),
        pairs: sorted(await db.select().from(reportPairCounts)),
        analysts: sorted(await db.select().from(reportAnalystCounts)),
      };
    }

    it('adds up to the figures of the project-wide SQL after every round of random changes', async () => {
      const actions = new Map<string, number>();
      for (let round = 0; round < 8; round++) {
        for (let step = 0; step < 15; step++) {
          const action = await change();
          actions.set(action, (actions.get(action) ?? 0) + 1);
        }
        // A report now and then, so later rounds build on counts refreshed in between.
        if (random.chance(0.5))
          expect((await testApp.owner.request('/api/projects/counts/report')).status).toBe(200);
        await expectReportAsBefore();
      }
      // The run did exercise the changes it is about.
      for (const action of ['save', 'clear', 'adjudicate', 'split', 'merge', 'import'])
        expect(actions.get(action) ?? 0, `${action} (seed ${seed})`).toBeGreaterThan(0);
    }, 300_000);

    it('holds what counting everything again from scratch gives', async () => {
      // An analyst leaves: their assignments go, and with them the labels the figures count.
      const { items: members } = (await (
        await testApp.owner.request('/api/projects/counts/members')
      ).json()) as {
        items: { userId: string; role: string }[];
      };
      const leaving = members.find((member) => member.role === 'analyst');
      expect(
        (await testApp.owner.request(`/api/projects/counts/members/${leaving!.userId}`, { method: 'DELETE' }))
          .status,
      ).toBeLessThan(300);
      for (let step = 0; step < 10; step++) await change();
      await refreshReportCounts(db);
      const incremental = await storedCounts();
      await markAllReportCountsStale(db);
      expect(await refreshReportCounts(db)).toBeGreaterThan(0);
      expect(incremental, `seed ${seed}`).toEqual(await storedCounts());
      await expectReportAsBefore();
    }, 120_000);
  });
}
