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
    const ranked = rankedLabels(occurrences);
    result.push({
      id,
      documentCount,
      outletCount: new Set(
        occurrences.flatMap((occurrence) => (occurrence.outlet ? [occurrence.outlet] : [])),
      ).size,
      documentsWithoutOutlet: new Set(
        occurrences.filter((occurrence) => !occurrence.outlet).map((occurrence) => occurrence.documentId),
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

/** The labels occurrences carry, most given first (ties by key), each with how many carry it. */
function rankedLabels(occurrences: readonly ClaimOccurrence[]): [label: string, count: number][] {
  const labelCounts = new Map<string, number>();
  for (const { label } of occurrences) if (label) labelCounts.set(label, (labelCounts.get(label) ?? 0) + 1);
  return [...labelCounts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** A label offered to one sentence of a claim, taken from the claim's other occurrences. */
export interface ClaimLabelSuggestion {
  label: string;
  /** Other occurrences carrying it. */
  count: number;
  /** Other occurrences, labelled or not. */
  total: number;
}

/**
 * The label the claim's other occurrences were given most, for the sentence `sentenceId`: the
 * sentence's own label is left out, or a label would be offered back to the sentence it came from.
 */
export function labelFromOtherOccurrences(
  claim: Pick<Claim, 'occurrences'>,
  sentenceId: string | null,
): ClaimLabelSuggestion | null {
  const others = claim.occurrences.filter((occurrence) => occurrence.sentenceId !== sentenceId);
  const [top] = rankedLabels(others);
  return top ? { label: top[0], count: top[1], total: others.length } : null;
}

/**
 * Who carried an occurrence, for lists of outlets: its outlet, else its document's title marked
 * as such, so an article imported without an outlet is not shown as if its title were one.
 */
export function carrierOf(occurrence: Pick<ClaimOccurrence, 'outlet' | 'title'>): string {
  return occurrence.outlet ?? `${occurrence.title} (no outlet)`;
}

/** How often an outlet relays state-media claims with and without attribution. */
export interface OutletAttribution {
  outlet: string;
  /** Claims some outlet attributes to state media that this outlet attributes to state media too. */
  attributed: number;
  /** Such claims this outlet prints without any attribution. */
  unattributed: number;
}

/**
 * Per outlet, among the claims some occurrence attributes to state media: those it attributes
 * to state media itself, and those it prints without attribution (attributed elsewhere in the
 * same article counts as attributed). Outlets in alphabetical order.
 */
export function outletAttributions(claims: readonly Claim[]): OutletAttribution[] {
  const counts = new Map<string, OutletAttribution>();
  for (const claim of claims) {
    if (!claim.occurrences.some((occurrence) => occurrence.attribution === 'kcna')) continue;
    const byOutlet = new Map<string, Set<string>>();
    for (const occurrence of claim.occurrences) {
      const outlet = carrierOf(occurrence);
      byOutlet.set(outlet, (byOutlet.get(outlet) ?? new Set()).add(occurrence.attribution));
    }
    for (const [outlet, attributions] of byOutlet) {
      const row = counts.get(outlet) ?? { outlet, attributed: 0, unattributed: 0 };
      if (attributions.has('kcna')) row.attributed++;
      else if (attributions.has('none')) row.unattributed++;
      counts.set(outlet, row);
    }
  }
  return [...counts.values()].sort((a, b) => a.outlet.localeCompare(b.outlet));
}
