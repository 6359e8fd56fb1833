// Krippendorff's alpha for nominal data: chance-corrected agreement that takes any number of
// coders and missing labels, computed through the coincidence matrix as in Krippendorff (2011),
// "Computing Krippendorff's Alpha-Reliability".
import { forEachUnitTally, type RatingTable } from './rating-table.ts';

export interface KrippendorffAlpha {
  /** Pairable units: those with two or more labels. A lone label has nothing to agree with. */
  units: number;
  /** n: labels in pairable units, the total of the coincidence matrix. */
  pairableValues: number;
  /**
   * o_ck in the table's category order: each unit adds its m(m−1) ordered pairs of labels,
   * weighted 1/(m−1) so every label counts once. Entries are fractions by definition.
   */
  coincidences: number[][];
  /** D_o: share of the coincidences off the diagonal; null without pairable values. */
  observedDisagreement: number | null;
  /** D_e: disagreement expected from pairing all n labels at random; null without pairable values. */
  expectedDisagreement: number | null;
  /**
   * 1 − D_o / D_e. Null without pairable units, and when every pairable label is the same
   * category: D_e = 0 makes it 0/0, and data without variation cannot show whether coders
   * tell the categories apart, so it is undefined rather than 1.
   */
  alpha: number | null;
}

/** Nominal Krippendorff's alpha with missing labels; one pass over the table. */
export function krippendorffAlpha(table: RatingTable): KrippendorffAlpha {
  const coincidences = table.categories.map(() => new Array<number>(table.categories.length).fill(0));
  const valuesPerCategory = new Array<number>(table.categories.length).fill(0);
  let units = 0;
  let pairableValues = 0;
  // Kept apart from the matrix so that unanimous units add exactly zero, and alpha is exactly 1.
  let disagreeingCoincidences = 0;
  forEachUnitTally(table, ({ counts, present, ratings }) => {
    if (ratings < 2) return;
    units++;
    pairableValues += ratings;
    let squaredCounts = 0;
    for (const first of present) {
      const firstCount = counts[first] ?? 0;
      squaredCounts += firstCount * firstCount;
      valuesPerCategory[first] = (valuesPerCategory[first] ?? 0) + firstCount;
      const coincidenceRow = coincidences[first]!;
      for (const second of present) {
        const pairs = first === second ? firstCount * (firstCount - 1) : firstCount * (counts[second] ?? 0);
        coincidenceRow[second] = (coincidenceRow[second] ?? 0) + pairs / (ratings - 1);
      }
    }
    disagreeingCoincidences += (ratings * ratings - squaredCounts) / (ratings - 1);
  });

  if (pairableValues === 0) {
    return {
      units,
      pairableValues,
      coincidences,
      observedDisagreement: null,
      expectedDisagreement: null,
      alpha: null,
    };
  }
  const squaredValues = valuesPerCategory.reduce((sum, count) => sum + count * count, 0);
  const disagreeingPairsByChance = pairableValues * pairableValues - squaredValues;
  const observedDisagreement = disagreeingCoincidences / pairableValues;
  const expectedDisagreement = disagreeingPairsByChance / (pairableValues * (pairableValues - 1));
  return {
    units,
    pairableValues,
    coincidences,
    observedDisagreement,
    expectedDisagreement,
    alpha:
      disagreeingPairsByChance === 0
        ? null
        : 1 - ((pairableValues - 1) * disagreeingCoincidences) / disagreeingPairsByChance,
  };
}
