// Measured accuracy of claim linking on real articles about the same events
// (../shared/data/claim-links, read at run time, never copied). Each event's files are linked
// as `attest link` links them: segmented by Attest, suggestions for the attributions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ClaimLinkReport,
  claimMatchThreshold,
  evaluateClaimLinks,
  formatClaimLinkRow,
  type GoldClaim,
  goldClaimSchema,
  importClaimThreshold,
  linkAttributedClaims,
  linkIntoClaims,
  type PooledLink,
  type PooledSentence,
  type PredictedClaim,
  reopenedClauses,
} from '../src/claims/index.ts';
import { segment } from '../src/segment/index.ts';
import type { Segment } from '../src/segment-types.ts';
import { hasSharedFile, sharedDataDirectory } from './fixtures/segment/shared-data.ts';

const claimLinksDirectory = join(sharedDataDirectory, 'claim-links');
const hasClaimLinks = hasSharedFile('claim-links/README.md');

interface Event {
  name: string;
  files: string[];
  documents: { text: string; segments: Segment[] }[];
  gold: GoldClaim[];
}

function readEvent(name: string): Event {
  const files = readdirSync(claimLinksDirectory)
    .filter((file) => file.startsWith(`${name}-`) && file.endsWith('.txt'))
    .sort();
  const documents = files.map((file) => {
    const text = readFileSync(join(claimLinksDirectory, file), 'utf8');
    return { text, segments: segment(text) };
  });
  const gold = goldClaimSchema
    .array()
    .parse(JSON.parse(readFileSync(join(claimLinksDirectory, `${name}.links.json`), 'utf8')));
  return { name, files, documents, gold };
}

function occurrenceOf(event: Event, document: number, segmentIndex: number) {
  const part = event.documents[document]?.segments[segmentIndex];
  return { file: event.files[document] ?? '', start: part?.start ?? -1, end: part?.end ?? -1 };
}

/** The claims `attest link` would print for the event's files. */
function linkBatch(event: Event, threshold = claimMatchThreshold): PredictedClaim[] {
  return linkAttributedClaims(event.documents, { threshold }).map((claim) => ({
    isAttributionDropped: claim.isAttributionDropped,
    occurrences: claim.members.map((member) => occurrenceOf(event, member.document, member.segment)),
  }));
}

/**
 * The claims imports would store: one document at a time in file order, every earlier sentence a
 * candidate, the links a document reopens taken back and claims left in one document dropped.
 */
function linkIncrementally(
  event: Event,
  threshold = importClaimThreshold,
  reopenLimit = reopenedClauses,
): PredictedClaim[] {
  const linksOf = new Map<string, PooledLink[]>();
  const earlier: PooledSentence[] = [];
  for (const [document, { segments }] of event.documents.entries()) {
    const added = segments.flatMap((part, index): PooledSentence[] =>
      part.kind === 'boilerplate'
        ? []
        : [
            {
              key: `${document}:${index}`,
              document: String(document),
              text: part.text,
              links: [],
              isNew: true,
            },
          ],
    );
    const pool = [
      ...added,
      ...earlier.map((sentence) => ({ ...sentence, links: linksOf.get(sentence.key) ?? [], isNew: false })),
    ];
    const newClaims = new Map<number, string>();
    const { placed, released } = linkIntoClaims(pool, { threshold, reopenLimit });
    for (const { key, claim } of released)
      linksOf.set(
        key,
        (linksOf.get(key) ?? []).filter((link) => link.claim !== claim),
      );
    for (const sentence of placed) {
      const claim = sentence.claim ?? newClaims.get(sentence.group) ?? `${document}/${sentence.group}`;
      newClaims.set(sentence.group, claim);
      linksOf.set(sentence.key, [...(linksOf.get(sentence.key) ?? []), { claim, clauses: sentence.clauses }]);
    }
    dissolveSingleDocumentClaims(linksOf);
    earlier.push(...added);
  }
  const members = new Map<string, string[]>();
  for (const [key, links] of linksOf)
    for (const { claim } of links) members.set(claim, [...(members.get(claim) ?? []), key]);
  return [...members.values()].map((keys) => ({
    isAttributionDropped: false,
    occurrences: keys.map((key) => {
      const [document = -1, segmentIndex = -1] = key.split(':').map(Number);
      return occurrenceOf(event, document, segmentIndex);
    }),
  }));
}

/** A claim that a reopening left in one document is no claim (as the linker's writes drop it). */
function dissolveSingleDocumentClaims(linksOf: Map<string, PooledLink[]>) {
  const documentsOf = new Map<string, Set<string>>();
  for (const [key, links] of linksOf)
    for (const { claim } of links)
      documentsOf.set(claim, (documentsOf.get(claim) ?? new Set()).add(key.split(':')[0] ?? ''));
  for (const [key, links] of linksOf)
    linksOf.set(
      key,
      links.filter((link) => (documentsOf.get(link.claim)?.size ?? 0) >= 2),
    );
}

/** Pairs scored over several events at once (claim ids made unique per event). */
function evaluateEvents(results: readonly { event: Event; predicted: PredictedClaim[] }[]): ClaimLinkReport {
  return evaluateClaimLinks(
    results.flatMap(({ event }) =>
      event.gold.map((claim) => ({ ...claim, id: `${event.name}/${claim.id}` })),
    ),
    results.flatMap(({ predicted }) => predicted),
  );
}

const events = hasClaimLinks
  ? [
      ...new Set(
        readdirSync(claimLinksDirectory).flatMap((file) => /^(e\d+)\.links\.json$/.exec(file)?.[1] ?? []),
      ),
    ]
      .sort()
      .map(readEvent)
  : [];

// The targets are 0.85 precision and 0.75 recall: the batch linking (`attest link`)
// reaches them on the development events and held out by event; imports, one document at a time
// with the earlier clauses a document matches reopened, reach them too (docs/claims.md). The floors below are the figures
// reached: they catch regressions. apps/api/test/claims-accuracy.test.ts measures imports through
// the database's candidates.
/**
 * How a threshold fares on events it was not chosen on (the private part is scored the same
 * way): for each event, the threshold with the best recall at 0.85 precision or more on the other
 * four, and that event linked with it.
 */
function scoreHeldOut(
  thresholds: readonly number[],
  fallback: number,
  link: (event: Event, threshold: number) => PredictedClaim[],
) {
  const linked = new Map(
    thresholds.map((threshold) => [
      threshold,
      events.map((event) => ({ event, predicted: link(event, threshold) })),
    ]),
  );
  return events.map((event) => {
    let chosen: { threshold: number; report: ClaimLinkReport } | null = null;
    for (const [threshold, results] of linked) {
      const report = evaluateEvents(results.filter((result) => result.event !== event));
      if (report.precision >= 0.85 && (!chosen || report.recall > chosen.report.recall))
        chosen = { threshold, report };
    }
    const threshold = chosen?.threshold ?? fallback;
    const result = linked.get(threshold)?.find((candidate) => candidate.event === event);
    return { threshold, result: result ?? { event, predicted: [] } };
  });
}

describe('claim linking accuracy on the claim-links development events', () => {
  it.skipIf(!hasClaimLinks)('links cross-document sentence pairs of one claim, per event and overall', () => {
    const results = events.map((event) => ({ event, predicted: linkBatch(event) }));
    const overall = evaluateEvents(results);
    console.log(
      [
        'claim links (pairs of sentences from different articles)',
        ...results.map((result) => formatClaimLinkRow(result.event.name, evaluateEvents([result]))),
        formatClaimLinkRow('overall', overall),
      ].join('\n'),
    );
    expect(results.length).toBe(5);
    expect(overall.precision).toBeGreaterThanOrEqual(0.87);
    expect(overall.recall).toBeGreaterThanOrEqual(0.78);
    expect(overall.droppedFound).toEqual(overall.droppedGold);
  });

  // How the threshold would fare on events it was not chosen on (the private part is scored
  // the same way): for each event, the threshold is the one with the best recall at 0.85
  // precision or more on the other four, and that event is scored with it.
  it.skipIf(!hasClaimLinks)('holds up on an event left out of choosing the threshold', () => {
    const heldOut = scoreHeldOut(
      [0.17, 0.18, 0.19, 0.2, 0.21, 0.22, 0.23, 0.24, 0.25],
      claimMatchThreshold,
      linkBatch,
    );
    const overall = evaluateEvents(heldOut.map(({ result }) => result));
    console.log(
      [
        'claim links, each event scored with the threshold chosen on the other four',
        ...heldOut.map(({ threshold, result }) =>
          formatClaimLinkRow(`${result.event.name} @${threshold}`, evaluateEvents([result])),
        ),
        formatClaimLinkRow('overall', overall),
      ].join('\n'),
    );
    expect(overall.precision).toBeGreaterThanOrEqual(0.85);
    expect(overall.recall).toBeGreaterThanOrEqual(0.8);
    expect(overall.droppedFound).toEqual(overall.droppedGold);
  });

  it.skipIf(!hasClaimLinks)('links document by document as imports do, clause by clause', () => {
    const results = events.map((event) => ({ event, predicted: linkIncrementally(event) }));
    const overall = evaluateEvents(results);
    console.log(
      [
        'claim links at import (document by document, file order)',
        ...results.map((result) => formatClaimLinkRow(result.event.name, evaluateEvents([result]))),
        formatClaimLinkRow('overall', overall),
      ].join('\n'),
    );
    expect(overall.precision).toBeGreaterThanOrEqual(0.86);
    expect(overall.recall).toBeGreaterThanOrEqual(0.79);
  });

  // The import's threshold was chosen on these events as the batch's was (the best recall at
  // 0.85 precision or more): scored here on each event with the threshold chosen on the other four.
  it.skipIf(!hasClaimLinks)('links as imports do on an event left out of choosing the threshold', () => {
    const heldOut = scoreHeldOut(
      [0.17, 0.18, 0.19, 0.2, 0.21, 0.22, 0.23, 0.24, 0.25],
      importClaimThreshold,
      linkIncrementally,
    );
    const overall = evaluateEvents(heldOut.map(({ result }) => result));
    console.log(
      [
        'claim links at import, each event scored with the threshold chosen on the other four',
        ...heldOut.map(({ threshold, result }) =>
          formatClaimLinkRow(`${result.event.name} @${threshold}`, evaluateEvents([result])),
        ),
        formatClaimLinkRow('overall', overall),
      ].join('\n'),
    );
    expect(overall.precision).toBeGreaterThanOrEqual(0.85);
    expect(overall.recall).toBeGreaterThanOrEqual(0.8);
  });
});
