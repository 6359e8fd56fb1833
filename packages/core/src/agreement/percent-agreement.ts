// Raw agreement, before any correction for chance: the number a reader checks first and the
// one chance-corrected coefficients are measured against.
import { forEachUnitTally, type RatingTable } from './rating-table.ts';

export interface PercentAgreement {
  /** Units with at least two labels: only there can two coders agree or disagree. */
  units: number;
  /** Pairs of labels given to the same unit, over those units: Σ m(m−1)/2. */
  pairs: number;
  /** Of those pairs, the ones with the same label. */
  agreeingPairs: number;
  /**
   * agreeingPairs / pairs, null without pairs. Pooled over all pairs, so a unit rated by more
   * coders weighs more; with the same number of coders per unit it equals Fleiss' P̄.
   */
  pairwise: number | null;
  /** Share of those units on which every label is the same; null without such units. */
  unanimous: number | null;
}

/** Percent agreement over the units with at least two labels; one pass over the table. */
export function percentAgreement(table: RatingTable): PercentAgreement {
  let units = 0;
  let unanimousUnits = 0;
  let pairs = 0;
  let agreeingPairs = 0;
  forEachUnitTally(table, ({ counts, present, ratings }) => {
    if (ratings < 2) return;
    units++;
    if (present.length === 1) unanimousUnits++;
    pairs += pairsAmong(ratings);
    for (const index of present) agreeingPairs += pairsAmong(counts[index] ?? 0);
  });
  return {
    units,
    pairs,
    agreeingPairs,
    pairwise: pairs === 0 ? null : agreeingPairs / pairs,
    unanimous: units === 0 ? null : unanimousUnits / units,
  };
}

/** Unordered pairs among `count` labels. */
function pairsAmong(count: number): number {
  return (count * (count - 1)) / 2;
}
