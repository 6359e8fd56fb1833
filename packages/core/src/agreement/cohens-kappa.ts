// Cohen's kappa: agreement between two coders beyond what their own label frequencies would
// produce by chance (Cohen 1960); the mean over every pair of coders is Light's kappa (1971).
import { type ConfusionMatrix, confusionMatrices } from './confusion-matrix.ts';
import type { RatingTable } from './rating-table.ts';

export interface CohensKappa {
  /** The units both coders labelled, label against label. */
  confusion: ConfusionMatrix;
  /** p_o: share of those units with the same label; null without units. */
  observedAgreement: number | null;
  /** p_e: agreement expected from each coder's own label frequencies; null without units. */
  expectedAgreement: number | null;
  /**
   * (p_o − p_e) / (1 − p_e). Null without units, and when p_e = 1 (both coders gave one and the
   * same label to every unit): there is then no disagreement chance could produce, so 0/0.
   */
  kappa: number | null;
}

export interface PairwiseCohensKappa {
  /** Every pair of coders, in table order (first with second, first with third, …). */
  pairs: CohensKappa[];
  /** Mean kappa over the pairs where it is defined (Light's kappa); null when none is. */
  meanKappa: number | null;
}

/** Cohen's kappa of two coders over the units both labelled. */
export function cohensKappa(table: RatingTable, firstCoder: string, secondCoder: string): CohensKappa {
  return kappaOfConfusionMatrix(confusionMatrices(table, [[firstCoder, secondCoder]])[0]!);
}

/** Cohen's kappa for every pair of coders, from one pass over the table. */
export function pairwiseCohensKappa(table: RatingTable): PairwiseCohensKappa {
  const coderPairs = table.coders.flatMap((first, index) =>
    table.coders.slice(index + 1).map((second) => [first, second] as const),
  );
  const pairs = confusionMatrices(table, coderPairs).map(kappaOfConfusionMatrix);
  const kappas = pairs.flatMap(({ kappa }) => (kappa === null ? [] : [kappa]));
  return {
    pairs,
    meanKappa: kappas.length === 0 ? null : kappas.reduce((sum, kappa) => sum + kappa, 0) / kappas.length,
  };
}

/** Cohen's kappa of a confusion matrix, e.g. one copied from a paper. */
export function kappaOfConfusionMatrix(confusion: ConfusionMatrix): CohensKappa {
  const { counts } = confusion;
  // Counted from the cells rather than read from `units`, so a hand-copied matrix cannot disagree.
  const units = counts.reduce((sum, row) => sum + row.reduce((rowSum, count) => rowSum + count, 0), 0);
  if (units === 0) return { confusion, observedAgreement: null, expectedAgreement: null, kappa: null };
  let agreeing = 0;
  // Summed as counts and divided once, so p_e = 1 is exact when a single label fills the matrix.
  let chanceAgreeingProducts = 0;
  for (const [index, row] of counts.entries()) {
    agreeing += row[index] ?? 0;
    const rowTotal = row.reduce((sum, count) => sum + count, 0);
    const columnTotal = counts.reduce((sum, otherRow) => sum + (otherRow[index] ?? 0), 0);
    chanceAgreeingProducts += rowTotal * columnTotal;
  }
  const observedAgreement = agreeing / units;
  const expectedAgreement = chanceAgreeingProducts / (units * units);
  return {
    confusion,
    observedAgreement,
    expectedAgreement,
    kappa: expectedAgreement === 1 ? null : (observedAgreement - expectedAgreement) / (1 - expectedAgreement),
  };
}
