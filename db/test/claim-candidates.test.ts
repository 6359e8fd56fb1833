import { claimText, defaultLabels } from '@attest/core';
import { eq, inArray, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimCandidateReach,
  claimCandidatesPerSentence,
  claimMembersCompared,
  createProject,
  findClaimCandidates,
  findClaimMembers,
  findLinkableSentences,
  insertClaim,
  insertClaimLinks,
  insertDocumentWithSentences,
  recountClaimKeys,
  refreshClaimStatistics,
  writeClaimTexts,
} from '../src/queries/index.ts';
import { claims, documents } from '../src/schema/index.ts';
import { rowsOf } from '../src/sql/rows.ts';
import { openTestDatabase, type TestDatabase, testEngines } from './test-database.ts';

for (const engine of testEngines()) {
  describe(`claim candidates on ${engine}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await openTestDatabase(engine);
    });
    afterAll(async () => {
      await database?.destroy();
    });

    async function seedProject(slug: string): Promise<string> {
      const project = await createProject(database.db, {
        slug,
        name: slug,
        guidelines: '# Guide',
        labels: [...defaultLabels],
      });
      if (!project) throw new Error('project not created');
      return project.id;
    }

    async function addDocument(
      projectId: string,
      title: string,
      texts: readonly string[],
      publishedAt: Date | null = null,
    ): Promise<string> {
      let start = 0;
      const rows = texts.map((text, position) => {
        const row = { position, start, end: start + text.length, kind: 'sentence' as const, text };
        start += text.length + 1;
        return row;
      });
      const created = await insertDocumentWithSentences(database.db, {
        document: {
          projectId,
          title,
          body: texts.join(' '),
          bodySha256: `${projectId}:${title}`,
          publishedAt,
        },
        sentences: rows,
      });
      if (!created) throw new Error('document not created');
      return created.id;
    }

    /** The claim texts of the document's sentences, as the linker has them. */
    async function claimTextsOf(projectId: string, documentId: string) {
      const sentences = await findLinkableSentences(database.db, { projectId, documentId });
      return sentences.map((sentence) => ({ id: sentence.id, claimText: claimText(sentence.text) }));
    }

    /** Writes the document's claim texts and keys, as the linker does once it is linked. */
    async function writeKeysOf(projectId: string, documentId: string): Promise<void> {
      await writeClaimTexts(database.db, { projectId, rows: await claimTextsOf(projectId, documentId) });
    }

    async function keyCounts(projectId: string): Promise<Map<string, number>> {
      const rows = await rowsOf<{ key: string; sentences: number }>(
        database.db,
        sql`select key::text as key, sentences from claim_key_counts where project_id = ${projectId}`,
      );
      return new Map(rows.map((row) => [row.key, Number(row.sentences)]));
    }

    const launch = 'The harbour authority opened the Merrow ferry terminal on Friday.';

    it("reads a claim's best-matched members, at most the number compared, and only in the project asked about", async () => {
      const projectId = await seedProject('members');
      const elsewhere = await seedProject('members-elsewhere');
      const claimId = await insertClaim(database.db, { projectId });
      const otherClaimId = await insertClaim(database.db, { projectId: elsewhere });
      const links = [];
      for (let index = 0; index < claimMembersCompared + 5; index += 1) {
        const documentId = await addDocument(projectId, `member ${index}`, [`${launch} Report ${index}.`]);
        const [sentence] = await findLinkableSentences(database.db, { projectId, documentId });
        links.push({
          claimId,
          sentenceId: sentence!.id,
          documentId,
          score: index / 100,
          attribution: 'none' as const,
          evidence: {
            matchedWords: [],
            numbers: { agreeing: [], conflicting: [] },
            entities: { agreeing: [], conflicting: [] },
            matchedSentenceId: null,
          },
        });
      }
      await insertClaimLinks(database.db, { links });

      const members = await findClaimMembers(database.db, { projectId, claimIds: [claimId] });
      const best = [...links].sort((left, right) => right.score - left.score).slice(0, claimMembersCompared);
      expect(members.map((member) => member.sentence_id).sort()).toEqual(
        best.map((link) => link.sentenceId).sort(),
      );
      // A claim of another project is not read, asked for by this one.
      expect(await findClaimMembers(database.db, { projectId, claimIds: [otherClaimId] })).toEqual([]);
      expect(await findClaimMembers(database.db, { projectId: elsewhere, claimIds: [claimId] })).toEqual([]);
      // The statistics test below counts every claim there is.
      await database.db.delete(claims).where(inArray(claims.id, [claimId, otherClaimId]));
    });

    it("counts a project's claim keys apart from another project's, once per sentence, exactly again after a re-count", async () => {
      const first = await seedProject('keys-first');
      const second = await seedProject('keys-second');
      await writeKeysOf(first, await addDocument(first, 'one', [launch]));
      await writeKeysOf(second, await addDocument(second, 'one', [launch]));
      const firstCounts = await keyCounts(first);
      const secondCounts = await keyCounts(second);
      // One key per word of the claim text, counted once; the same words are other keys elsewhere.
      expect(firstCounts.size).toBe(new Set(claimText(launch).split(' ')).size);
      expect([...firstCounts.values()].every((count) => count === 1)).toBe(true);
      expect([...firstCounts.keys()].some((key) => secondCounts.has(key))).toBe(false);

      const again = await addDocument(first, 'two', [launch]);
      await writeKeysOf(first, again);
      // Written twice, a sentence is counted once.
      await writeKeysOf(first, again);
      expect([...(await keyCounts(first)).values()].every((count) => count === 2)).toBe(true);

      await database.db.delete(documents).where(eq(documents.id, again));
      // A deleted sentence stays counted until a re-count (the counts only choose what to look up).
      expect([...(await keyCounts(first)).values()].every((count) => count === 2)).toBe(true);
      await recountClaimKeys(database.db, { projectId: first });
      expect(await keyCounts(first)).toEqual(firstCounts);
      expect(await keyCounts(second)).toEqual(secondCounts);
    });

    it("keeps a sentence's most similar candidates from the project's other documents inside the time window", async () => {
      const projectId = await seedProject('keys-window');
      const otherProjectId = await seedProject('keys-window-other');
      const day = (date: string) => new Date(`${date}T09:00:00Z`);
      const lesser = Array.from(
        { length: 5 },
        (_, index) => `${launch} Crews worked through the winter storms to finish pier ${index + 7}.`,
      );
      const near = await addDocument(
        projectId,
        'near',
        [...Array.from({ length: claimCandidatesPerSentence - 1 }, () => launch), ...lesser],
        day('2031-03-12'),
      );
      const undated = await addDocument(projectId, 'undated', [launch]);
      const far = await addDocument(projectId, 'far', [launch], day('2031-05-20'));
      const elsewhere = await addDocument(otherProjectId, 'elsewhere', [launch], day('2031-03-10'));
      for (const documentId of [near, undated, far]) await writeKeysOf(projectId, documentId);
      await writeKeysOf(otherProjectId, elsewhere);

      const incoming = await addDocument(projectId, 'incoming', [launch, launch], day('2031-03-10'));
      const [first, second] = await claimTextsOf(projectId, incoming);
      // The document's own claim texts are written already: its second sentence is no candidate.
      await writeKeysOf(projectId, incoming);
      const candidates = await findClaimCandidates(database.db, {
        projectId,
        documentId: incoming,
        sentences: [first!],
      });

      const sentenceIdsOf = async (documentId: string) =>
        (await findLinkableSentences(database.db, { projectId, documentId })).map((sentence) => sentence.id);
      const nearIds = await sentenceIdsOf(near);
      // The exact copies in the window, dated or not: the near document's less similar sentences
      // fall past the number kept, the far document's copy outside the window.
      expect(candidates.map((row) => row.candidate_id).sort()).toEqual(
        [...nearIds.slice(0, claimCandidatesPerSentence - 1), ...(await sentenceIdsOf(undated))].sort(),
      );
      expect(candidates.every((row) => row.sentence_id === first!.id)).toBe(true);
      expect(candidates.map((row) => row.candidate_id)).not.toContain(second!.id);
      expect(new Set(candidates.map((row) => row.candidate_document_id))).toEqual(new Set([near, undated]));
    });

    it('finds a sentence by its rarer words and passes over words too common to look up', async () => {
      const projectId = await seedProject('keys-reach');
      // One more sentence than the reach carries "ministry" and "statement".
      const common = await addDocument(
        projectId,
        'common',
        Array.from({ length: claimCandidateReach + 1 }, () => 'The ministry issued a statement.'),
      );
      const rare = await addDocument(projectId, 'rare', [
        'Officials approved the Valdoria pipeline contract.',
      ]);
      await writeKeysOf(projectId, common);
      await writeKeysOf(projectId, rare);

      const incoming = await addDocument(projectId, 'incoming', [
        'The ministry issued a statement.',
        'The ministry said officials approved the Valdoria pipeline contract.',
      ]);
      const [onlyCommon, withRare] = await claimTextsOf(projectId, incoming);
      const candidates = await findClaimCandidates(database.db, {
        projectId,
        documentId: incoming,
        sentences: [onlyCommon!, withRare!],
      });
      const [rareSentence] = await findLinkableSentences(database.db, { projectId, documentId: rare });
      // The exact copy among the common sentences is not found: its words are looked up by no one.
      expect(candidates.filter((row) => row.sentence_id === onlyCommon!.id)).toEqual([]);
      expect(
        candidates.filter((row) => row.sentence_id === withRare!.id).map((row) => row.candidate_id),
      ).toEqual([rareSentence!.id]);
    });

    it("refreshes the claim tables' statistics inside a transaction, counting its own rows, and leaves its lock wait as it was", async () => {
      const projectId = await seedProject('statistics');
      await writeKeysOf(projectId, await addDocument(projectId, 'one', [launch]));
      const seen = await database.db.transaction(async (transaction) => {
        await transaction.execute(sql`set local lock_timeout = '7s'`);
        await transaction.execute(
          sql`insert into claims (project_id) select ${projectId} from generate_series(1, 500)`,
        );
        const isRefreshed = await refreshClaimStatistics(transaction);
        const [row] = await rowsOf<{ tuples: number; timeout: string }>(
          transaction,
          sql`select reltuples::int as tuples, current_setting('lock_timeout') as timeout from pg_class where relname = 'claims'`,
        );
        return { isRefreshed, ...row };
      });
      expect(seen).toEqual({ isRefreshed: true, tuples: 500, timeout: '7s' });
    });

    if (engine === 'postgres')
      it('skips the refresh, and keeps the transaction usable, while another transaction holds the tables', async () => {
        const other = postgres(database.connection.databaseUrl ?? '', { max: 1, onnotice: () => {} });
        try {
          const released = other.begin(async (holder) => {
            await holder`lock table claim_links in share update exclusive mode`;
            await new Promise((resolve) => setTimeout(resolve, 1500));
          });
          await new Promise((resolve) => setTimeout(resolve, 300));
          const outcome = await database.db.transaction(async (transaction) => {
            const isRefreshed = await refreshClaimStatistics(transaction);
            const [row] = await rowsOf<{ one: number }>(transaction, sql`select 1 as one`);
            return { isRefreshed, one: row?.one };
          });
          expect(outcome).toEqual({ isRefreshed: false, one: 1 });
          await released;
        } finally {
          await other.end();
        }
      });
  });
}
