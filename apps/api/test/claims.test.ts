// Claims through the API on both engines: linking after import (in the background), confirm and reject (remembered),
// re-linking, and the blind-annotation rule (an analyst never sees a colleague's label).
import { readFileSync } from 'node:fs';
import type { Claim, DocumentDetail, ImportResult } from '@attest/core';
import { claimLinkRejections, claimLinks } from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, type TestApp, type TestUser, waitForClaimLinking } from './helpers.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../packages/core/test/fixtures/claims/${name}.txt`, import.meta.url), 'utf8');
const articles = [
  { name: 'engine-wire-one', outlet: 'Wire One', publishedAt: '2031-03-02' },
  { name: 'engine-daily-two', outlet: 'Daily Two', publishedAt: '2031-03-03' },
  { name: 'engine-herald-three', outlet: 'Herald Three', publishedAt: '2031-03-04' },
];

for (const engine of testEngines())
  describe(`claims on ${engine}`, () => {
    let testApp: TestApp;
    let reviewer: TestUser;
    let analysts: TestUser[];
    const documentIds: string[] = [];

    const claimsOf = async (user: TestUser) => {
      const response = await user.request('/api/projects/demo/claims');
      expect(response.status).toBe(200);
      const list = (await response.json()) as { claims: Claim[]; linking: { waitingDocuments: number } };
      expect(list.linking.waitingDocuments).toBe(0);
      return list.claims;
    };
    const burnTimeOf = (claims: Claim[]) =>
      claims.find((claim) => claim.occurrences.some((occurrence) => occurrence.text.includes('320 seconds')));

    beforeAll(async () => {
      testApp = await createTestApp({}, engine);
      reviewer = await addMember(testApp, 'demo', 'reviewer', 'Rita Reviewer');
      analysts = [
        await addMember(testApp, 'demo', 'analyst', 'Andy Analyst'),
        await addMember(testApp, 'demo', 'analyst', 'Bea Analyst'),
      ];
      for (const { name, outlet, publishedAt } of articles) {
        const response = await testApp.owner.json('POST', '/api/projects/demo/documents', {
          body: fixture(name),
          outlet,
          publishedAt,
        });
        expect(response.status).toBe(201);
        documentIds.push(((await response.json()) as ImportResult).document.id);
      }
      await waitForClaimLinking(testApp.owner, 'demo');
    }, 120_000);
    afterAll(async () => {
      await testApp?.database.destroy();
    });

    it('links the three articles at import and flags the dropped attribution', async () => {
      const burnTime = burnTimeOf(await claimsOf(reviewer));
      expect(burnTime).toBeDefined();
      expect(burnTime?.documentCount).toBe(3);
      expect(burnTime?.outletCount).toBe(3);
      expect(burnTime?.attributionDropped).toBe(true);
      expect(burnTime?.firstOccurrence.outlet).toBe('Wire One');
      expect(burnTime?.occurrences.map((occurrence) => [occurrence.outlet, occurrence.attribution])).toEqual([
        ['Wire One', 'kcna'],
        ['Daily Two', 'none'],
        ['Herald Three', 'kcna'],
      ]);
      expect(burnTime?.occurrences.every((occurrence) => occurrence.tier === 'suggested')).toBe(true);
      const rows = await testApp.database.db
        .select()
        .from(claimLinks)
        .where(eq(claimLinks.claimId, burnTime!.id));
      expect(rows).toHaveLength(3);
    });

    it('shows an analyst only their own label on an occurrence, a reviewer the gold label', async () => {
      const burnTime = burnTimeOf(await claimsOf(reviewer))!;
      const first = burnTime.occurrences[0]!;
      const [andy, bea] = analysts as [TestUser, TestUser];
      for (const analyst of [andy, bea]) {
        const saved = await analyst.json('PUT', `/api/sentences/${first.sentenceId}/annotation`, {
          label: analyst === andy ? 'kcna_claim' : 'reported_fact',
        });
        expect(saved.status).toBe(200);
      }
      const seenBy = async (user: TestUser) =>
        burnTimeOf(await claimsOf(user))?.occurrences.find(
          (occurrence) => occurrence.sentenceId === first.sentenceId,
        )?.label;
      expect(await seenBy(andy)).toBe('kcna_claim');
      expect(await seenBy(bea)).toBe('reported_fact');
      const adjudicated = await reviewer.json('PUT', `/api/sentences/${first.sentenceId}/adjudication`, {
        label: 'kcna_claim',
      });
      expect(adjudicated.status).toBe(200);
      expect(await seenBy(reviewer)).toBe('kcna_claim');
      expect(await seenBy(bea)).toBe('reported_fact');
    });

    it('shows the claims of a document for the editor', async () => {
      const response = await reviewer.request(`/api/documents/${documentIds[1]}/claims`);
      const { claims } = (await response.json()) as { claims: Claim[] };
      expect(claims.length).toBeGreaterThanOrEqual(2);
      expect(claims.every((claim) => claim.occurrences.some((o) => o.documentId === documentIds[1]))).toBe(
        true,
      );
    });

    it('confirms a link, and remembers a rejection through a re-link', async () => {
      const burnTime = burnTimeOf(await claimsOf(reviewer))!;
      type Occurrence = Claim['occurrences'][number];
      const [confirmed, kept, rejected] = burnTime.occurrences as [Occurrence, Occurrence, Occurrence];
      const analystTry = await analysts[0]!.json('POST', `/api/claim-links/${confirmed.linkId}/decision`, {
        decision: 'confirm',
      });
      expect(analystTry.status).toBe(403);
      expect(analystTry.headers.get('content-type')).toBe('application/problem+json');
      expect(
        (
          await reviewer.json('POST', `/api/claim-links/${confirmed.linkId}/decision`, {
            decision: 'confirm',
          })
        ).status,
      ).toBe(204);
      expect(
        (await reviewer.json('POST', `/api/claim-links/${rejected.linkId}/decision`, { decision: 'reject' }))
          .status,
      ).toBe(204);
      const [confirmedRow] = await testApp.database.db
        .select()
        .from(claimLinks)
        .where(eq(claimLinks.id, confirmed.linkId));
      expect(confirmedRow?.tier).toBe('confirmed');
      expect(await testApp.database.db.select().from(claimLinkRejections)).toHaveLength(2);

      const relinked = await testApp.owner.request('/api/projects/demo/claims/relink', { method: 'POST' });
      expect(relinked.status).toBe(200);
      expect(await relinked.json()).toMatchObject({ confirmedLinks: 1 });
      const after = (await claimsOf(reviewer)).find((claim) => claim.id === burnTime.id)!;
      const sentenceIds = after.occurrences.map((occurrence) => occurrence.sentenceId);
      expect(sentenceIds).toContain(confirmed.sentenceId);
      expect(sentenceIds).toContain(kept.sentenceId);
      expect(sentenceIds).not.toContain(rejected.sentenceId);
      expect(after.occurrences.find((o) => o.sentenceId === confirmed.sentenceId)?.tier).toBe('confirmed');
    });

    it('gives every exported sentence its claim ids, the strongest as claim_id', async () => {
      const response = await reviewer.request('/api/projects/demo/export?format=jsonl');
      expect(response.status).toBe(200);
      const rows = (await response.text())
        .trimEnd()
        .split('\n')
        .map(
          (line) => JSON.parse(line) as { sentence_id: string; claim_id: string | null; claim_ids: string[] },
        );
      const claims = await claimsOf(reviewer);
      const claimIdsOf = (sentenceId: string) =>
        claims
          .filter((claim) => claim.occurrences.some((occurrence) => occurrence.sentenceId === sentenceId))
          .map((claim) => claim.id)
          .sort();
      expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) {
        expect([...row.claim_ids].sort()).toEqual(claimIdsOf(row.sentence_id));
        expect(row.claim_id).toBe(row.claim_ids[0] ?? null);
      }
      expect(rows.some((row) => row.claim_id !== null)).toBe(true);
    });

    it('exports the claims with their occurrences as JSON lines and CSV, to reviewers only', async () => {
      const response = await reviewer.request('/api/projects/demo/export?scope=claims&format=jsonl');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain('demo-claims.jsonl');
      const lines = (await response.text())
        .trimEnd()
        .split('\n')
        .map(
          (line) =>
            JSON.parse(line) as {
              scope: string;
              claim_id: string;
              document_count: number;
              attribution_dropped: boolean;
              occurrences: { outlet: string; attribution: string; text: string; label: string | null }[];
            },
        );
      const claims = await claimsOf(reviewer);
      expect(lines.map((line) => line.claim_id).sort()).toEqual(claims.map((claim) => claim.id).sort());
      const burnTime = lines.find((line) => line.occurrences.some((o) => o.text.includes('320 seconds')));
      expect(burnTime?.scope).toBe('claims');
      expect(burnTime?.document_count).toBe(burnTimeOf(claims)?.documentCount);
      expect(burnTime?.attribution_dropped).toBe(true);
      // The gold label, as the dataset exports give it: the reviewer's decision.
      expect(burnTime?.occurrences.some((o) => o.label === 'kcna_claim')).toBe(true);

      const csv = await reviewer.request('/api/projects/demo/export?scope=claims&format=csv');
      expect(csv.status).toBe(200);
      const [header, ...rows] = (await csv.text()).trimEnd().split('\r\n');
      expect(header).toBe(
        'schema_version,scope,project,claim_id,document_count,outlet_count,occurrence_count,first_published_at,attribution_dropped,labels_differ,occurrences',
      );
      expect(rows.length).toBeGreaterThanOrEqual(lines.length);

      const analyst = await analysts[0]!.request('/api/projects/demo/export?scope=claims');
      expect(analyst.status).toBe(403);
      const parquet = await reviewer.request('/api/projects/demo/export?scope=claims&format=parquet');
      expect(parquet.status).toBe(422);
      expect(parquet.headers.get('content-type')).toBe('application/problem+json');
      expect(((await parquet.json()) as { errors: { path: string }[] }).errors[0]?.path).toBe('format');
    });

    it('answers problem+json a user can act on for an unknown claim or decision', async () => {
      const missing = await reviewer.request(
        '/api/projects/demo/claims/00000000-0000-4000-8000-000000000000',
      );
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toBe('application/problem+json');
      const bad = await reviewer.json(
        'POST',
        '/api/claim-links/00000000-0000-4000-8000-000000000000/decision',
        {
          decision: 'maybe',
        },
      );
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toBe('application/problem+json');
    });
  });

// Invented articles: the first one's lead states the burn and the orbit in two clauses, the others
// state each in a sentence of its own.
const leadArticles = [
  'The new engine burned for 320 seconds at the Sohae stand; the rocket can now carry a satellite into orbit, the agency said.\n\nRain fell over the capital during the morning.',
  'The new engine burned for 320 seconds at the Sohae stand, the agency said.\n\nThe rocket can now carry a satellite into orbit, it added.',
  'Its engine burned for 320 seconds at the Sohae stand.\n\nA satellite can now ride the rocket into orbit, officials claimed.',
  'State media said the engine burned for 320 seconds at Sohae.\n\nThe rocket is now able to carry a satellite into orbit.',
];

for (const engine of testEngines())
  describe(`a sentence in two claims on ${engine}`, () => {
    let testApp: TestApp;
    let leadDocumentId = '';

    beforeAll(async () => {
      testApp = await createTestApp({}, engine);
      const created = await testApp.owner.json('POST', '/api/projects', { slug: 'leads', name: 'Leads' });
      expect(created.status).toBe(201);
      for (const [index, body] of leadArticles.entries()) {
        const response = await testApp.owner.json('POST', '/api/projects/leads/documents', {
          body,
          outlet: `Outlet ${index + 1}`,
          publishedAt: `2031-03-0${index + 2}`,
        });
        expect(response.status).toBe(201);
        if (index === 0) leadDocumentId = ((await response.json()) as ImportResult).document.id;
      }
      await waitForClaimLinking(testApp.owner, 'leads');
    }, 120_000);
    afterAll(async () => {
      await testApp?.database.destroy();
    });

    it('links the lead into both claims, and confirming one link leaves the other suggested', async () => {
      const response = await testApp.owner.request(`/api/documents/${leadDocumentId}/claims`);
      expect(response.status).toBe(200);
      const { claims } = (await response.json()) as { claims: Claim[] };
      const leadLinks = claims.flatMap((claim) =>
        claim.occurrences.filter(
          (occurrence) => occurrence.text.includes('320 seconds') && occurrence.documentId === leadDocumentId,
        ),
      );
      expect(leadLinks).toHaveLength(2);
      const leadSentenceId = leadLinks[0]!.sentenceId;
      expect(leadLinks[1]!.sentenceId).toBe(leadSentenceId);
      // Two rows in the database, one per claim.
      const rows = await testApp.database.db
        .select()
        .from(claimLinks)
        .where(eq(claimLinks.sentenceId, leadSentenceId));
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((row) => row.claimId)).size).toBe(2);
      // Each claim spans all four articles: one holds the burn, the other the orbit.
      expect(claims.map((claim) => claim.documentCount)).toEqual([4, 4]);

      const [first, second] = leadLinks as [Claim['occurrences'][number], Claim['occurrences'][number]];
      const decided = await testApp.owner.json('POST', `/api/claim-links/${first.linkId}/decision`, {
        decision: 'confirm',
      });
      expect(decided.status).toBe(204);
      const tierOf = async (linkId: string) =>
        (await testApp.database.db.select().from(claimLinks).where(eq(claimLinks.id, linkId)))[0]?.tier;
      expect(await tierOf(first.linkId)).toBe('confirmed');
      expect(await tierOf(second.linkId)).toBe('suggested');
      const relinked = await testApp.owner.request('/api/projects/leads/claims/relink', { method: 'POST' });
      expect(relinked.status).toBe(200);
      expect(await relinked.json()).toMatchObject({ confirmedLinks: 1, sentencesInSeveralClaims: 1 });
      const after = await testApp.database.db
        .select()
        .from(claimLinks)
        .where(eq(claimLinks.sentenceId, leadSentenceId));
      expect(after.map((row) => row.tier).sort()).toEqual(['confirmed', 'suggested']);
    });
  });

export type { DocumentDetail };
