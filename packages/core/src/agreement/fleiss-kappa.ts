// Fleiss' kappa: chance-corrected agreement when every unit is labelled by the same number of
// coders, not necessarily the same ones (Fleiss 1971).
import { forEachUnitTally, type RatingTable } from './rating-table.ts';

export interface FleissKappa {
  /** m: the number of labels each counted unit has; null when no unit has two or more. */
  ratingsPerUnit: number | null;
  /** Units with exactly m labels: the ones the statistic is computed over. */
  units: number;
  /** Units with two or more labels but not m, left out because Fleiss' kappa needs a fixed m. */
  unitsSkipped: number;
  /** P̄: mean over units of the share of agreeing coder pairs; null without units. */
  observedAgreement: number | null;
  /** P̄e: Σ p_j², with p_j the share of all labels in category j; null without units. */
  expectedAgreement: number | null;
  /** (P̄ − P̄e) / (1 − P̄e); null without units, and when one category took every label (P̄e = 1). */
  kappa: number | null;
}

export interface FleissKappaOptions {
  /**
   * Count only units with exactly this many labels. By default, the most common number of
   * labels among units with two or more (the larger on a tie), so one sentence that happened
   * to get an extra analyst does not decide which units count.
   */
  ratingsPerUnit?: number;
}

interface UnitsWithRatings {
  units: number;
  agreementSum: number;
  labelsPerCategory: number[];
}

/** Fleiss' kappa over the units with a fixed number of labels; one pass over the table. */
export function fleissKappa(table: RatingTable, options: FleissKappaOptions = {}): FleissKappa {
  // Sums are kept for every m seen, so m can be chosen after the single pass.
  const byRatings = new Map<number, UnitsWithRatings>();
  forEachUnitTally(table, ({ counts, present, ratings }) => {
    if (ratings < 2) return;
    let sums = byRatings.get(ratings);
    if (!sums) {
      sums = { units: 0, agreementSum: 0, labelsPerCategory: new Array<number>(counts.length).fill(0) };
      byRatings.set(ratings, sums);
    }
    let agreeingOrderedPairs = 0;
    for (const index of present) {
      const count = counts[index] ?? 0;
      agreeingOrderedPairs += count * (count - 1);
      sums.labelsPerCategory[index] = (sums.labelsPerCategory[index] ?? 0) + count;
    }
    sums.units++;
    sums.agreementSum += agreeingOrderedPairs / (ratings * (ratings - 1));
  });

  const ratingsPerUnit = options.ratingsPerUnit ?? mostCommonRatings(byRatings);
  const pairableUnits = [...byRatings.values()].reduce((sum, { units }) => sum + units, 0);
  const sums = ratingsPerUnit === null ? undefined : byRatings.get(ratingsPerUnit);
  if (!sums) {
    return {
      ratingsPerUnit,
      units: 0,
      unitsSkipped: pairableUnits,
      observedAgreement: null,
      expectedAgreement: null,
      kappa: null,
    };
  }
  const labels = sums.units * (ratingsPerUnit ?? 0);
  const observedAgreement = sums.agreementSum / sums.units;
  // Summed as squared counts and divided once, so P̄e = 1 is exact when one category took all.
  const squaredCategoryTotals = sums.labelsPerCategory.reduce((sum, total) => sum + total * total, 0);
  const expectedAgreement = squaredCategoryTotals / (labels * labels);
  return {
    ratingsPerUnit,
    units: sums.units,
    unitsSkipped: pairableUnits - sums.units,
    observedAgreement,
    expectedAgreement,
    kappa: expectedAgreement === 1 ? null : (observedAgreement - expectedAgreement) / (1 - expectedAgreement),
  };
}

function mostCommonRatings(byRatings: ReadonlyMap<number, UnitsWithRatings>): number | null {
  let best: number | null = null;
  let bestUnits = 0;
  for (const [ratings, { units }] of byRatings) {
    if (units > bestUnits || (units === bestUnits && best !== null && ratings > best)) {
      best = ratings;
      bestUnits = units;
    }
  }
  return best;
}
