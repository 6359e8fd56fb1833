// Scoring claim links against gold claims, as Full Fact scores claim matching: over pairs of
// sentences from different documents. A linked pair is right when some gold claim lists both.
import { z } from 'zod';
import { claimAttributions } from './attribution.ts';

export const goldClaimSchema = z.object({
  id: z.string(),
  occurrences: z.array(
    z.object({
      file: z.string(),
      start: z.number(),
      end: z.number(),
      attribution: z.enum(claimAttributions),
    }),
  ),
  attribution_dropped: z.boolean(),
});
export type GoldClaim = z.infer<typeof goldClaimSchema>;

/** A sentence placed in a claim: `file` with UTF-16 offsets. */
export interface LinkedOccurrence {
  file: string;
  start: number;
  end: number;
}

export interface PredictedClaim {
  occurrences: LinkedOccurrence[];
  isAttributionDropped: boolean;
}

export interface ClaimLinkReport {
  truePairs: number;
  linkedPairs: number;
  goldPairs: number;
  precision: number;
  recall: number;
  /** Gold attribution-dropped claims, and those a dropped predicted claim shares a pair with. */
  droppedGold: string[];
  droppedFound: string[];
}

const occurrenceKey = ({ file, start, end }: LinkedOccurrence) => `${file}:${start}:${end}`;

function crossDocumentPairs(occurrences: readonly LinkedOccurrence[]): Set<string> {
  const pairs = new Set<string>();
  for (const first of occurrences)
    for (const second of occurrences)
      if (first.file < second.file) pairs.add(`${occurrenceKey(first)}|${occurrenceKey(second)}`);
  return pairs;
}

export function evaluateClaimLinks(
  gold: readonly GoldClaim[],
  predicted: readonly PredictedClaim[],
): ClaimLinkReport {
  const goldPairs = new Set<string>();
  for (const claim of gold) for (const pair of crossDocumentPairs(claim.occurrences)) goldPairs.add(pair);
  const linkedPairs = new Set<string>();
  const droppedPairs = new Set<string>();
  for (const claim of predicted)
    for (const pair of crossDocumentPairs(claim.occurrences)) {
      linkedPairs.add(pair);
      if (claim.isAttributionDropped) droppedPairs.add(pair);
    }
  let truePairs = 0;
  for (const pair of linkedPairs) if (goldPairs.has(pair)) truePairs++;
  const droppedGold = gold.filter((claim) => claim.attribution_dropped);
  const droppedFound = droppedGold.filter((claim) => {
    for (const pair of crossDocumentPairs(claim.occurrences)) if (droppedPairs.has(pair)) return true;
    return false;
  });
  return {
    truePairs,
    linkedPairs: linkedPairs.size,
    goldPairs: goldPairs.size,
    precision: linkedPairs.size === 0 ? 0 : truePairs / linkedPairs.size,
    recall: goldPairs.size === 0 ? 0 : truePairs / goldPairs.size,
    droppedGold: droppedGold.map((claim) => claim.id),
    droppedFound: droppedFound.map((claim) => claim.id),
  };
}

/** One line of an accuracy table: precision, recall and dropped attributions found, with their counts. */
export function formatClaimLinkRow(name: string, report: ClaimLinkReport): string {
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`.padStart(6);
  return `${name.padEnd(8)} precision ${percent(report.precision)} (${report.truePairs}/${report.linkedPairs})  recall ${percent(report.recall)} (${report.truePairs}/${report.goldPairs})  dropped found ${report.droppedFound.length}/${report.droppedGold.length}`;
}
