// Saves sent at the same time go out together, one statement for many: each must still be
// checked and written exactly as if it had been sent alone.
import { randomUUID } from 'node:crypto';
import { defaultLabels } from '@attest/core';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProject,
  insertDocumentWithSentences,
  listSentences,
  type SaveAtOnceRequest,
  saveAnnotationAtOnce,
  upsertMember,
} from '../src/queries/index.ts';
import { annotationEvents, annotations } from '../src/schema/annotations.ts';
import { users } from '../src/schema/users.ts';
import { openTestDatabase, type TestDatabase, testEngines } from './test-database.ts';

for (const engine of testEngines()) {
  describe(`saves sent together on ${engine}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(engine);
    });
    afterAll(async () => {
      await database?.destroy();
    });

    /** A project with `reviewers` members (who need no assignment) and one document of `count` sentences. */
    async function seed(slug: string, reviewers: number, count: number) {
      const project = await createProject(database.db, {
        slug,
        name: slug,
        guidelines: '',
        labels: [...defaultLabels],
      });
      const userIds: string[] = [];
      for (let index = 0; index < reviewers; index++) {
        const [user] = await database.db
          .insert(users)
          .values({ name: `Reviewer ${index}`, email: `${slug}-${index}@example.test` })
          .returning();
        await upsertMember(database.db, { projectId: project!.id, userId: user!.id, role: 'reviewer' });
        userIds.push(user!.id);
      }
      const texts = Array.from({ length: count }, (_, index) => `Sentence number ${index}.`);
      const created = await insertDocumentWithSentences(database.db, {
        document: { projectId: project!.id, title: slug, body: texts.join(' '), bodySha256: slug },
        sentences: texts.map((text, position) => ({
          position,
          start: position * 20,
          end: position * 20 + text.length,
          kind: 'sentence' as const,
          text,
        })),
      });
      const sentenceIds = (
        await listSentences(database.db, { projectId: project!.id, documentId: created!.id })
      ).map((sentence) => sentence.id);
      return { userIds, sentenceIds };
    }

    function save(request: Partial<SaveAtOnceRequest> & { sentenceId: string; userId: string }) {
      return saveAnnotationAtOnce(database.saveDb, {
        labelKey: 'reported_fact',
        expectedVersion: undefined,
        source: null,
        chain: [],
        cues: [],
        note: null,
        suggestion: null,
        ...request,
      });
    }

    it('checks and writes each save of a batch as if it had been sent alone', async () => {
      const { userIds, sentenceIds } = await seed('batch-mixed', 4, 4);
      const pairs = userIds.flatMap((userId) => sentenceIds.map((sentenceId) => ({ userId, sentenceId })));
      // All sent before any answer: the first go out alone, the rest queue and go out together.
      const results = await Promise.all([
        ...pairs.map(({ userId, sentenceId }, index) =>
          save({ userId, sentenceId, source: `Source ${index}`, clientOpId: `op-${index}` }),
        ),
        save({ userId: userIds[0]!, sentenceId: randomUUID() }),
        save({ userId: userIds[1]!, sentenceId: sentenceIds[0]!, labelKey: 'no_such_label' }),
      ]);
      const [missingSentence, unknownLabel] = results.slice(pairs.length);
      expect(missingSentence).toEqual({ target: undefined, written: undefined });
      // Refused in SQL and read for the service's own checks: it answers them.
      expect(unknownLabel?.written).toBeUndefined();
      expect(unknownLabel?.target?.label).toBeNull();

      for (const [index, result] of results.slice(0, pairs.length).entries()) {
        expect(result.written).toMatchObject({
          sentenceId: pairs[index]!.sentenceId,
          annotatorId: pairs[index]!.userId,
          version: 1,
        });
        expect(result.written?.source).toBe(`Source ${index}`);
      }
      const stored = await database.db
        .select()
        .from(annotations)
        .where(inArray(annotations.annotatorId, userIds));
      expect(stored).toHaveLength(pairs.length);
      for (const [index, { userId, sentenceId }] of pairs.entries()) {
        const row = stored.find(
          (annotation) => annotation.annotatorId === userId && annotation.sentenceId === sentenceId,
        );
        expect(row?.source).toBe(`Source ${index}`);
      }
      const events = await database.db
        .select()
        .from(annotationEvents)
        .where(inArray(annotationEvents.annotatorId, userIds));
      expect(events.map((event) => event.clientOpId).sort()).toEqual(
        pairs.map((_, index) => `op-${index}`).sort(),
      );
      for (const event of events) expect(event.after).toMatchObject({ label: 'reported_fact', version: 1 });
      // The history's time is its statement's: fewer distinct times than saves shows they were batched.
      const statementTimes = new Set(events.map((event) => event.createdAt.getTime()));
      expect(statementTimes.size).toBeLessThan(pairs.length);
    });

    it('checks and writes a save sent alone, through its own statement, as one of a batch', async () => {
      const { userIds, sentenceIds } = await seed('lone-save', 1, 1);
      const [userId, sentenceId] = [userIds[0]!, sentenceIds[0]!];
      const cues = [{ start: 0, end: 8, kind: 'source' as const }];
      // Awaited one by one: nothing queues, so each goes out alone.
      const first = await save({
        userId,
        sentenceId,
        labelKey: 'kcna_claim',
        expectedVersion: 0,
        source: 'KCNA',
        chain: ['KCNA', 'Yonhap'],
        cues,
        note: 'first',
        clientOpId: 'lone-1',
      });
      expect(first.written).toMatchObject({ version: 1, source: 'KCNA', chain: ['KCNA', 'Yonhap'], cues });
      const stale = await save({ userId, sentenceId, expectedVersion: 0, clientOpId: 'lone-2' });
      expect(stale.written).toBeUndefined();
      expect(stale.target?.current).toMatchObject({
        version: 1,
        labelKey: 'kcna_claim',
        cues,
        note: 'first',
      });
      const unknown = await save({ userId, sentenceId, labelKey: 'no_such_label', clientOpId: 'lone-3' });
      expect(unknown.written).toBeUndefined();
      expect(unknown.target?.label).toBeNull();
      const second = await save({ userId, sentenceId, expectedVersion: 1, clientOpId: 'lone-4' });
      expect(second.written).toMatchObject({ version: 2, source: null, chain: [], cues: [] });

      const [stored] = await database.db
        .select()
        .from(annotations)
        .where(eq(annotations.annotatorId, userId));
      expect(stored).toMatchObject({ version: 2, source: null, chain: [], cues: [], note: null });
      const events = await database.db
        .select()
        .from(annotationEvents)
        .where(eq(annotationEvents.annotatorId, userId))
        .orderBy(annotationEvents.createdAt);
      expect(events.map((event) => event.clientOpId)).toEqual(['lone-1', 'lone-4']);
      expect(events[0]?.after).toEqual({
        label: 'kcna_claim',
        source: 'KCNA',
        chain: ['KCNA', 'Yonhap'],
        cues,
        note: 'first',
        version: 1,
      });
      expect(events[1]?.before).toMatchObject({ label: 'kcna_claim', version: 1 });
    });

    it('applies two saves of one row sent together one after the other, and the If-Match of each', async () => {
      const { userIds, sentenceIds } = await seed('batch-same-row', 2, 2);
      const [userId] = userIds;
      const [first, second] = sentenceIds;
      // Two writes over whatever is stored: both apply, the later last.
      const [a, b] = await Promise.all([
        save({ userId: userId!, sentenceId: first!, labelKey: 'kcna_claim' }),
        save({ userId: userId!, sentenceId: first!, labelKey: 'observer_inference' }),
      ]);
      expect([a.written?.version, b.written?.version]).toEqual([1, 2]);
      // Two first saves (If-Match: none yet): one wins, the other sees the winner and writes nothing.
      const [c, d] = await Promise.all([
        save({ userId: userId!, sentenceId: second!, expectedVersion: 0 }),
        save({ userId: userId!, sentenceId: second!, expectedVersion: 0, labelKey: 'kcna_claim' }),
      ]);
      expect(c.written?.version).toBe(1);
      expect(d.written).toBeUndefined();
      expect(d.target?.current?.version).toBe(1);
      const rows = await database.db
        .select({
          sentenceId: annotations.sentenceId,
          version: annotations.version,
          labelId: annotations.labelId,
        })
        .from(annotations)
        .where(eq(annotations.annotatorId, userId!));
      expect(rows.map((row) => [row.sentenceId, row.version]).sort()).toEqual(
        [
          [first, 2],
          [second, 1],
        ].sort(),
      );
      expect(rows.find((row) => row.sentenceId === first)?.labelId).toBe(b.written?.labelId);
    });

    it('applies a key once when its retry is sent while the first delivery is out', async () => {
      const { userIds, sentenceIds } = await seed('batch-same-key', 1, 1);
      const request = { userId: userIds[0]!, sentenceId: sentenceIds[0]!, clientOpId: 'one-edit' };
      const [first, retry] = await Promise.all([save(request), save(request)]);
      expect(first.written?.version).toBe(1);
      expect(retry.written).toBeUndefined();
      expect(retry.target?.appliedOperation).toMatchObject({ sentenceId: sentenceIds[0], action: 'set' });
      const events = await database.db
        .select()
        .from(annotationEvents)
        .where(
          and(eq(annotationEvents.annotatorId, userIds[0]!), eq(annotationEvents.clientOpId, 'one-edit')),
        );
      expect(events).toHaveLength(1);
    });

    it('answers every save of a batch PostgreSQL refused on its own', async () => {
      const { userIds, sentenceIds } = await seed('batch-refused', 3, 1);
      const settled = await Promise.allSettled([
        // Three out alone, then the three below together: the malformed id refuses the statement.
        ...userIds.map((userId) => save({ userId, sentenceId: sentenceIds[0]!, labelKey: 'kcna_claim' })),
        save({ userId: userIds[0]!, sentenceId: sentenceIds[0]!, labelKey: 'observer_inference' }),
        save({ userId: userIds[1]!, sentenceId: 'not a uuid' }),
        save({ userId: userIds[2]!, sentenceId: sentenceIds[0]!, labelKey: 'observer_inference' }),
      ]);
      expect(settled.map((result) => result.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const versions = await database.db
        .select({ annotatorId: annotations.annotatorId, version: annotations.version })
        .from(annotations)
        .where(inArray(annotations.annotatorId, userIds));
      expect(Object.fromEntries(versions.map((row) => [row.annotatorId, row.version]))).toEqual({
        [userIds[0]!]: 2,
        [userIds[1]!]: 1,
        [userIds[2]!]: 2,
      });
    });
  });
}
