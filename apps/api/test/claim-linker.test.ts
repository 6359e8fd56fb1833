// The background claim linker: an import answers before linking and says what waits, a document
// left waiting by a stopped process is linked by the next one, and two linkers (two processes
// on PostgreSQL) over one database, or a linker and a re-link, never link a document twice.
import { readFileSync } from 'node:fs';
import type { Claim, ImportResult } from '@attest/core';
import {
  claimLinkQueue,
  claimLinks,
  claims,
  type Database,
  openDatabase,
  projects,
  sentences,
} from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSettleMilliseconds } from '../src/lib/import-activity.ts';
import { ClaimLinker } from '../src/services/claim-linker.ts';
import { relinkProject } from '../src/services/claim-linking.ts';
import { createTestApp, type TestApp, waitForClaimLinking } from './helpers.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../packages/core/test/fixtures/claims/${name}.txt`, import.meta.url), 'utf8');
const articles = [
  { body: fixture('engine-wire-one'), outlet: 'Wire One', publishedAt: '2031-03-02' },
  { body: fixture('engine-daily-two'), outlet: 'Daily Two', publishedAt: '2031-03-03' },
  { body: fixture('engine-herald-three'), outlet: 'Herald Three', publishedAt: '2031-03-04' },
];

/** A project's claims as sets of sentence texts, comparable across projects. */
const shapeOf = (claims: readonly Claim[]) =>
  claims.map((claim) => claim.occurrences.map((occurrence) => occurrence.text).sort()).sort();

for (const engine of testEngines())
  describe(`the background claim linker on ${engine}`, () => {
    let testApp: TestApp;
    const extraDatabases: { close(): Promise<void> }[] = [];

    /** Another process's view of the database: a pool of its own on PostgreSQL; PGlite has one process. */
    async function anotherProcessDb(): Promise<Database> {
      const { databaseUrl } = testApp.database.connection;
      if (!databaseUrl) return testApp.database.db;
      const handle = await openDatabase({ databaseUrl, migrate: false });
      extraDatabases.push(handle);
      return handle.db;
    }

    async function createProject(slug: string): Promise<void> {
      const response = await testApp.owner.json('POST', '/api/projects', { name: slug, slug });
      expect(response.status).toBe(201);
    }

    async function importArticles(slug: string): Promise<ImportResult[]> {
      const results: ImportResult[] = [];
      for (const article of articles) {
        const response = await testApp.owner.json('POST', `/api/projects/${slug}/documents`, article);
        expect(response.status).toBe(201);
        results.push((await response.json()) as ImportResult);
      }
      return results;
    }

    async function claimsOf(slug: string) {
      const response = await testApp.owner.request(`/api/projects/${slug}/claims`);
      expect(response.status).toBe(200);
      return (await response.json()) as { claims: Claim[]; linking: { waitingDocuments: number } };
    }

    beforeAll(async () => {
      testApp = await createTestApp({}, engine);
      await createProject('reference');
      await importArticles('reference');
      await waitForClaimLinking(testApp.owner, 'reference');
      // From here on this app's process links nothing: as if it had died after answering.
      await testApp.claimLinker.stop();
    }, 120_000);
    afterAll(async () => {
      for (const database of extraDatabases) await database.close();
      await testApp?.database.destroy();
    });

    it('links in the background what a single process imported', async () => {
      const { claims, linking } = await claimsOf('reference');
      expect(linking.waitingDocuments).toBe(0);
      const burnTime = claims.find((claim) => claim.occurrences.some((o) => o.text.includes('320 seconds')));
      expect(burnTime?.documentCount).toBe(3);
      expect(burnTime?.attributionDropped).toBe(true);
    });

    it('answers an import before linking, says what waits, and a restarted process links it', async () => {
      await createProject('restart');
      const results = await importArticles('restart');
      expect(results.map((result) => result.linking.waitingDocuments)).toEqual([1, 2, 3]);
      const waiting = await claimsOf('restart');
      expect(waiting.linking.waitingDocuments).toBe(3);
      expect(waiting.claims).toEqual([]);
      const documentClaims = await testApp.owner.request(`/api/documents/${results[0]!.document.id}/claims`);
      expect(await documentClaims.json()).toEqual({ claims: [], linking: { waitingDocuments: 3 } });

      const restarted = new ClaimLinker(await anotherProcessDb()).start();
      try {
        await waitForClaimLinking(testApp.owner, 'restart');
      } finally {
        await restarted.stop();
      }
      const linked = await claimsOf('restart');
      expect(linked.linking.waitingDocuments).toBe(0);
      expect(shapeOf(linked.claims)).toEqual(shapeOf((await claimsOf('reference')).claims));
    }, 60_000);

    it('never links a document twice with two linkers over one database', async () => {
      await createProject('twice');
      const imported = await importArticles('twice');
      const failures: string[] = [];
      const linked: string[] = [];
      const options = {
        warn: (message: string) => failures.push(message),
        onLinked: (documentId: string) => linked.push(documentId),
      };
      const linkers = [
        new ClaimLinker(await anotherProcessDb(), options),
        new ClaimLinker(await anotherProcessDb(), options),
      ];
      // Both drain at once, each waking again while the other holds the project.
      await Promise.all(linkers.flatMap((linker) => [linker.drain(), linker.drain()]));
      await Promise.all(linkers.map((linker) => linker.drain()));
      await Promise.all(linkers.map((linker) => linker.stop()));
      expect(failures).toEqual([]);
      // Each document linked once, by one linker or the other, in import order.
      expect(linked).toEqual(imported.map((result) => result.document.id));
      const twice = await claimsOf('twice');
      expect(twice.linking.waitingDocuments).toBe(0);
      expect(shapeOf(twice.claims)).toEqual(shapeOf((await claimsOf('reference')).claims));
      // A document linked twice at once leaves claims without links behind.
      const [project] = await testApp.database.db.select().from(projects).where(eq(projects.slug, 'twice'));
      const claimRows = await testApp.database.db
        .select()
        .from(claims)
        .where(eq(claims.projectId, project!.id));
      expect(claimRows.map((row) => row.id).sort()).toEqual(twice.claims.map((claim) => claim.id).sort());
    }, 60_000);

    it('starts no document while this process imports, and links once imports pause', async () => {
      await createProject('yield');
      await importArticles('yield');
      const linked: string[] = [];
      const linker = new ClaimLinker(await anotherProcessDb(), { onLinked: (id) => linked.push(id) });
      let endImport = () => {};
      const importRunning = linker.whileImporting(
        () => new Promise<void>((resolve) => (endImport = () => resolve())),
      );
      linker.wake();
      // Well past the settle time: an import still running holds every document back.
      await new Promise((resolve) => setTimeout(resolve, importSettleMilliseconds * 3));
      expect(linked).toEqual([]);
      expect((await claimsOf('yield')).linking.waitingDocuments).toBe(3);
      const importEnded = performance.now();
      endImport();
      await importRunning;
      while (linked.length < 3 && performance.now() - importEnded < 30_000)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await linker.stop();
      expect(linked).toHaveLength(3);
      expect((await claimsOf('yield')).linking.waitingDocuments).toBe(0);
    }, 60_000);

    it('links a document anyway after the longest yield when imports never pause', async () => {
      await createProject('steady');
      await importArticles('steady');
      const linked: string[] = [];
      const linker = new ClaimLinker(await anotherProcessDb(), {
        onLinked: (id) => linked.push(id),
        longestImportYieldMilliseconds: 300,
      });
      let endImport = () => {};
      const importRunning = linker.whileImporting(
        () => new Promise<void>((resolve) => (endImport = () => resolve())),
      );
      const started = performance.now();
      linker.wake();
      while (linked.length < 3 && performance.now() - started < 30_000)
        await new Promise((resolve) => setTimeout(resolve, 20));
      endImport();
      await importRunning;
      await linker.stop();
      expect(linked).toHaveLength(3);
      // Each document waited out one yield first.
      expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 300);
    }, 60_000);

    // Invented articles: an earlier factory sentence sits in a claim about a missile (a loose
    // link an earlier linking made), and a later article states the factory's news.
    const looseClaimArticles = [
      'Missile flies east\n\nThe missile flew 950 km before it fell into the sea east of the peninsula.\n',
      'Factory opens\n\nA new tractor factory opened in the northern province with eight assembly lines.\n',
    ];
    const factoryArticle =
      'Tractor plant\n\nThe tractor factory in the northern province opened with eight assembly lines, the agency said.\n';

    /** Imports the two earlier articles, links them, and ties their sentences into one claim by hand. */
    async function withLooseClaim(slug: string, tier: 'suggested' | 'confirmed') {
      await createProject(slug);
      const documentIds: string[] = [];
      for (const body of looseClaimArticles) {
        const response = await testApp.owner.json('POST', `/api/projects/${slug}/documents`, { body });
        documentIds.push(((await response.json()) as ImportResult).document.id);
      }
      const linker = new ClaimLinker(testApp.database.db);
      await linker.drain();
      const bodies = await testApp.database.db
        .select({ id: sentences.id, documentId: sentences.documentId })
        .from(sentences)
        .where(and(eq(sentences.position, 1), inArray(sentences.documentId, documentIds)));
      const [missile, factory] = documentIds.map((id) => bodies.find((row) => row.documentId === id)!);
      const [project] = await testApp.database.db.select().from(projects).where(eq(projects.slug, slug));
      const [claim] = await testApp.database.db.insert(claims).values({ projectId: project!.id }).returning();
      const evidence = {
        matchedWords: [],
        numbers: { agreeing: [], conflicting: [] },
        entities: { agreeing: [], conflicting: [] },
        matchedSentenceId: null,
      };
      await testApp.database.db.insert(claimLinks).values([
        {
          claimId: claim!.id,
          sentenceId: missile!.id,
          documentId: missile!.documentId,
          score: 0.3,
          attribution: 'none',
          evidence,
        },
        {
          claimId: claim!.id,
          sentenceId: factory!.id,
          documentId: factory!.documentId,
          score: 0.3,
          attribution: 'none',
          evidence,
          tier,
        },
      ]);
      await testApp.owner.json('POST', `/api/projects/${slug}/documents`, { body: factoryArticle });
      await linker.drain();
      await linker.stop();
      return { looseClaimId: claim!.id, factorySentenceId: factory!.id };
    }

    it('takes back a loose earlier link that a later article matches, and drops the claim it leaves in one document', async () => {
      const { looseClaimId, factorySentenceId } = await withLooseClaim('reopen', 'suggested');
      const { claims: linked } = await claimsOf('reopen');
      expect(linked.map((claim) => claim.id)).not.toContain(looseClaimId);
      expect(await testApp.database.db.select().from(claims).where(eq(claims.id, looseClaimId))).toEqual([]);
      expect(linked).toHaveLength(1);
      expect(linked[0]?.occurrences.map((occurrence) => occurrence.sentenceId)).toContain(factorySentenceId);
      // The factory's claim: the two factory articles (their headlines too), not the missile.
      const texts = linked[0]?.occurrences.map((occurrence) => occurrence.text) ?? [];
      expect(texts.filter((text) => text.includes('assembly lines'))).toHaveLength(2);
      expect(texts.some((text) => text.includes('missile'))).toBe(false);
    });

    it('leaves a confirmed link where a person put it', async () => {
      const { looseClaimId, factorySentenceId } = await withLooseClaim('reopen-confirmed', 'confirmed');
      const rows = await testApp.database.db
        .select({ tier: claimLinks.tier })
        .from(claimLinks)
        .where(and(eq(claimLinks.claimId, looseClaimId), eq(claimLinks.sentenceId, factorySentenceId)));
      expect(rows).toEqual([{ tier: 'confirmed' }]);
    });

    it('reports a re-link’s progress: the documents counted, then each one linked', async () => {
      await createProject('relink-progress');
      await importArticles('relink-progress');
      const [project] = await testApp.database.db
        .select({ id: projects.id })
        .from(projects)
        .where(eq(projects.slug, 'relink-progress'));
      const reports: [number, number][] = [];
      const summary = await relinkProject(testApp.database.db as Database, project!.id, {
        onProgress: (linked, total) => reports.push([linked, total]),
      });
      expect(summary.documents).toBe(3);
      expect(reports).toEqual([
        [0, 3],
        [1, 3],
        [2, 3],
        [3, 3],
      ]);
    }, 60_000);

    it('lets a re-link and the linker take turns on one project', async () => {
      await createProject('relink');
      await importArticles('relink');
      const linker = new ClaimLinker(await anotherProcessDb());
      const [relinked] = await Promise.all([
        testApp.owner.request('/api/projects/relink/claims/relink', { method: 'POST' }),
        linker.drain(),
      ]);
      await linker.stop();
      expect(relinked.status).toBe(200);
      expect(await relinked.json()).toMatchObject({ documents: 3 });
      expect(await testApp.database.db.select().from(claimLinkQueue)).toEqual([]);
      const linked = await claimsOf('relink');
      expect(linked.claims.every((claim) => claim.documentCount >= 2)).toBe(true);
      expect(shapeOf(linked.claims)).toEqual(shapeOf((await claimsOf('reference')).claims));
    }, 60_000);
  });
