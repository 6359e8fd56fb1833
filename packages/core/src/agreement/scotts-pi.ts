// Scott's pi (Scott 1955): agreement beyond chance when each unit's two labels have no first and
// second coder, as when the labels of every pair of analysts are pooled into one matrix. Chance is
// estimated from the labels' shares over both sides together, not from each coder's own shares
// as in Cohen's kappa: on a symmetric matrix the two formulas agree.
import { kappaOfConfusionMatrix } from './cohens-kappa.ts';
import type { ConfusionMatrix } from './confusion-matrix.ts';

export interface ScottsPi {
  /** Pairs of labels counted: the sum of the matrix. */
  pairs: number;
  /** Null without pairs, and when a single label fills every pair (0/0). */
  pi: number | null;
}

/** Scott's pi of a matrix of label pairs, whichever side of a pair it was counted on. */
export function scottsPi(confusion: ConfusionMatrix): ScottsPi {
  const { counts } = confusion;
  // Each pair split evenly between its two cells: then row and column shares are the pooled shares.
  const symmetric = counts.map((row, rowIndex) =>
    row.map((count, columnIndex) => (count + (counts[columnIndex]?.[rowIndex] ?? 0)) / 2),
  );
  const pairs = symmetric.flat().reduce((sum, count) => sum + count, 0);
  return { pairs, pi: kappaOfConfusionMatrix({ ...confusion, counts: symmetric }).kappa };
}
