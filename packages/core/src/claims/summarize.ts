// From a claim's visible occurrences to what the editor and the reports show about it.
import type { Claim, ClaimOccurrence } from './api-types.ts';
import { isAttributionDropped } from './attribution.ts';

/** Groups occurrences (sorted oldest first within each claim) into claims seen by two documents or more. */
export function summarizeClaims(occurrencesByClaim: ReadonlyMap<string, ClaimOccurrence[]>): Claim[] {
  const result: Claim[] = [];
  for (const [id, occurrences] of occurrencesByClaim) {
    const first = occurrences[0];
    const documentCount = new Set(occurrences.map((occurrence) => occurrence.documentId)).size;
    if (!first || documentCount < 2) continue;
    const labelCounts = new Map<string, number>();
    for (const { label } of occurrences) if (label) labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1);
    const ranked = [...labelCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    result.push({
      id,
      documentCount,
      outletCount: new Set(
        occurrences.map((occurrence) => occurrence.outlet ?? `document:${occurrence.documentId}`),
      ).size,
      firstOccurrence: first,
      attributionDropped: isAttributionDropped(occurrences.map((occurrence) => occurrence.attribution)),
      mostCommonLabel: ranked[0]?.[0] ?? null,
      hasLabelDisagreement: ranked.length > 1,
      occurrences,
    });
  }
  return result;
}
