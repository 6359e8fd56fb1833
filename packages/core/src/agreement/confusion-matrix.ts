// What two coders did with the same units, label against label: where they part ways, not just
// how often. Cohen's kappa is computed from it.
import {
  categoryIndexOf,
  checkRowLength,
  coderColumn,
  indexCategories,
  type RatingTable,
} from './rating-table.ts';

export interface ConfusionMatrix {
  /** Row and column order of `counts`: the table's category order. */
  categories: readonly string[];
  rowCoder: string;
  columnCoder: string;
  /** counts[i][j]: units the row coder labelled categories[i] and the column coder categories[j]. */
  counts: number[][];
  /** Units both coders labelled: the sum of `counts`. Units either left unlabelled are left out. */
  units: number;
}

/** Counts per label pair over the units both coders labelled; one pass over the table. */
export function confusionMatrix(table: RatingTable, rowCoder: string, columnCoder: string): ConfusionMatrix {
  return confusionMatrices(table, [[rowCoder, columnCoder]])[0]!;
}

/**
 * Several confusion matrices in a single pass over the table, so every pair of coders costs
 * one read of the data rather than one each.
 */
export function confusionMatrices(
  table: RatingTable,
  coderPairs: ReadonlyArray<readonly [rowCoder: string, columnCoder: string]>,
): ConfusionMatrix[] {
  const categoryIndex = indexCategories(table);
  const columns = coderPairs.map(([rowCoder, columnCoder]) => ({
    row: coderColumn(table, rowCoder),
    column: coderColumn(table, columnCoder),
  }));
  const matrices = coderPairs.map(([rowCoder, columnCoder]) => ({
    categories: table.categories,
    rowCoder,
    columnCoder,
    counts: table.categories.map(() => new Array<number>(table.categories.length).fill(0)),
    units: 0,
  }));
  const indexes = new Array<number>(table.coders.length);
  // Indexed loops: entries() iterators cost several times more over 300,000 rows.
  for (let unitNumber = 0; unitNumber < table.units.length; unitNumber++) {
    const labels = table.units[unitNumber]!;
    checkRowLength(table, labels, unitNumber);
    for (let column = 0; column < labels.length; column++) {
      indexes[column] = categoryIndexOf(
        categoryIndex,
        labels[column] ?? null,
        unitNumber,
        table.coders[column]!,
      );
    }
    for (let pairNumber = 0; pairNumber < columns.length; pairNumber++) {
      const pair = columns[pairNumber]!;
      const rowIndex = indexes[pair.row] ?? -1;
      const columnIndex = indexes[pair.column] ?? -1;
      if (rowIndex < 0 || columnIndex < 0) continue;
      const matrix = matrices[pairNumber]!;
      const countsRow = matrix.counts[rowIndex]!;
      countsRow[columnIndex] = (countsRow[columnIndex] ?? 0) + 1;
      matrix.units++;
    }
  }
  return matrices;
}
