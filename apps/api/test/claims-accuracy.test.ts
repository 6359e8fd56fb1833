// Claim linking as imports do it, measured through the API on real articles about the same
// events (../shared/data/claim-links, read at run time, never copied): each event's articles are
// imported one by one into a project of their own, the background linker links them against the
// database's candidates, and the claims the API lists are scored as packages/core scores
// `attest link` (pairs of sentences from different articles, against the gold claims).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type Claim,
  evaluateClaimLinks,
  formatClaimLinkRow,
  type GoldClaim,
  goldClaimSchema,
  type PredictedClaim,
  segment,
} from '@attest/core';
import { testEngines } from '@attest/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasSharedFile,
  sharedDataDirectory,
} from '../../../packages/core/test/fixtures/segment/shared-data.ts';
import { createTestApp, type TestApp, waitForClaimLinking } from './helpers.ts';

const claimLinksDirectory = join(sharedDataDirectory, 'claim-links');
const hasClaimLinks = hasSharedFile('claim-links/README.md');

interface Event {
  name: string;
  files: string[];
  gold: GoldClaim[];
}

const events: Event[] = hasClaimLinks
  ? [
      ...new Set(
        readdirSync(claimLinksDirectory).flatMap((file) => /^(e\d+)\.links\.json$/.exec(file)?.[1] ?? []),
      ),
    ]
      .sort()
      .map((name) => ({
        name,
        files: readdirSync(claimLinksDirectory)
          .filter((file) => file.startsWith(`${name}-`) && file.endsWith('.txt'))
          .sort(),
        gold: goldClaimSchema
          .array()
          .parse(JSON.parse(readFileSync(join(claimLinksDirectory, `${name}.links.json`), 'utf8'))),
      }))
  : [];

for (const engine of testEngines())
  describe.skipIf(!hasClaimLinks)(
    `claim linking at import on the claim-links development events, ${engine}`,
    () => {
      let testApp: TestApp;
      const results: { event: Event; predicted: PredictedClaim[] }[] = [];

      beforeAll(async () => {
        testApp = await createTestApp({}, engine);
        for (const event of events) {
          const slug = `claims-${event.name}`;
          expect((await testApp.owner.json('POST', '/api/projects', { slug, name: slug })).status).toBe(201);
          /** Where each imported document's sentences are in its file (`segment` as the import ran it). */
          const fileOf = new Map<string, { file: string; segments: ReturnType<typeof segment> }>();
          for (const file of event.files) {
            const body = readFileSync(join(claimLinksDirectory, file), 'utf8');
            const outlet = file.slice(event.name.length + 1, -'.txt'.length);
            const response = await testApp.owner.json('POST', `/api/projects/${slug}/documents`, {
              body,
              outlet,
            });
            expect(response.status).toBe(201);
            const { document } = (await response.json()) as { document: { id: string } };
            fileOf.set(document.id, { file, segments: segment(body) });
          }
          await waitForClaimLinking(testApp.owner, slug, 120_000);
          const listed = await testApp.owner.request(`/api/projects/${slug}/claims`);
          expect(listed.status).toBe(200);
          const { claims } = (await listed.json()) as { claims: Claim[] };
          results.push({
            event,
            predicted: claims.map((claim) => ({
              isAttributionDropped: claim.attributionDropped,
              occurrences: claim.occurrences.map((occurrence) => {
                const source = fileOf.get(occurrence.documentId);
                const part = source?.segments[occurrence.position];
                expect(part?.text).toBe(occurrence.text);
                return { file: source?.file ?? '', start: part?.start ?? -1, end: part?.end ?? -1 };
              }),
            })),
          });
        }
      }, 600_000);
      afterAll(async () => {
        await testApp?.database.destroy();
      });

      it('links sentences of one claim across outlets as the accuracy target asks (0.85 precision, 0.75 recall)', () => {
        const evaluate = (some: typeof results) =>
          evaluateClaimLinks(
            some.flatMap(({ event }) =>
              event.gold.map((claim) => ({ ...claim, id: `${event.name}/${claim.id}` })),
            ),
            some.flatMap(({ predicted }) => predicted),
          );
        const overall = evaluate(results);
        console.log(
          [
            `claim links at import through the API (${engine})`,
            ...results.map((result) => formatClaimLinkRow(result.event.name, evaluate([result]))),
            formatClaimLinkRow('overall', overall),
          ].join('\n'),
        );
        expect(results).toHaveLength(5);
        expect(overall.precision).toBeGreaterThanOrEqual(0.85);
        expect(overall.recall).toBeGreaterThanOrEqual(0.75);
        expect(overall.droppedFound).toEqual(overall.droppedGold);
      });
    },
  );
