// Reliability data, as Krippendorff lays it out: one row per unit (sentence), one column per
// coder (analyst), a missing label where a coder did not label the unit. Every agreement
// statistic reads this shape; the helpers here validate it and count labels per unit.

export interface RatingTable {
  /** Coder (analyst) names, one per column; distinct. */
  coders: readonly string[];
  /** The label set, in the order confusion and coincidence matrices use; distinct. */
  categories: readonly string[];
  /** One row per unit, one entry per coder: the label given, or null when the coder gave none. */
  units: ReadonlyArray<ReadonlyArray<string | null>>;
}

/** One label as a query returns it: which coder gave which label to which unit. */
export interface Rating {
  unit: string | number;
  coder: string;
  /** Null (as a LEFT JOIN gives) counts as no label. */
  label: string | null;
}

export interface LabelledRatingTable extends RatingTable {
  /** The unit id of each row of `units`, in the same order. */
  unitIds: ReadonlyArray<string | number>;
}

/**
 * Builds a rating table from `{unit, coder, label}` rows. Units and coders keep the order in
 * which they first appear, so the query's ORDER BY decides the layout. A coder labelling the
 * same unit twice is an error: the statistics assume one judgement per coder and unit.
 */
export function ratingTableFromRatings(
  ratings: Iterable<Rating>,
  categories: readonly string[],
): LabelledRatingTable {
  const categorySet = distinctNames(categories, 'category');
  const rowByUnit = new Map<string | number, number>();
  const columnByCoder = new Map<string, number>();
  const unitIds: (string | number)[] = [];
  const coders: string[] = [];
  const cells: { row: number; column: number; label: string }[] = [];
  for (const { unit, coder, label } of ratings) {
    if (label === null) continue;
    if (!categorySet.has(label)) throw new Error(unknownLabelMessage(label, unit, coder));
    let row = rowByUnit.get(unit);
    if (row === undefined) {
      row = unitIds.length;
      rowByUnit.set(unit, row);
      unitIds.push(unit);
    }
    let column = columnByCoder.get(coder);
    if (column === undefined) {
      column = coders.length;
      columnByCoder.set(coder, column);
      coders.push(coder);
    }
    cells.push({ row, column, label });
  }
  // Rows are filled after the loop because the number of coders is known only at the end.
  const units = unitIds.map(() => new Array<string | null>(coders.length).fill(null));
  for (const { row, column, label } of cells) {
    const labels = units[row]!;
    if (labels[column] !== null) {
      throw new Error(`Coder "${coders[column]}" labelled unit "${unitIds[row]}" more than once.`);
    }
    labels[column] = label;
  }
  return { coders, categories, units, unitIds };
}

/** Maps each category to its position, after checking the table's names are distinct. */
export function indexCategories(table: RatingTable): Map<string, number> {
  distinctNames(table.coders, 'coder');
  distinctNames(table.categories, 'category');
  return new Map(table.categories.map((category, index) => [category, index]));
}

/** The category position of a label, or -1 for a missing one; throws on a label outside the set. */
export function categoryIndexOf(
  categoryIndex: ReadonlyMap<string, number>,
  label: string | null,
  unitNumber: number,
  coder: string,
): number {
  if (label === null) return -1;
  const index = categoryIndex.get(label);
  if (index === undefined) throw new Error(unknownLabelMessage(label, `#${unitNumber}`, coder));
  return index;
}

export function checkRowLength(table: RatingTable, labels: ReadonlyArray<unknown>, unitNumber: number) {
  if (labels.length !== table.coders.length) {
    throw new Error(
      `Unit #${unitNumber} has ${labels.length} entries for ${table.coders.length} coders; use null for a missing label.`,
    );
  }
}

/** How many times each category was given to one unit. */
export interface UnitTally {
  /** Count per category, in the table's category order. */
  counts: readonly number[];
  /** The categories with a non-zero count, so visitors skip the empty ones. */
  present: readonly number[];
  /** Labels the unit received: the sum of `counts`. */
  ratings: number;
}

/**
 * Calls `visit` with each unit's label counts, in one pass over the table. The tally is reused
 * from unit to unit (300,000 sentences should not allocate 300,000 arrays), so a visitor must
 * read it and not keep it.
 */
export function forEachUnitTally(table: RatingTable, visit: (tally: UnitTally) => void): void {
  const categoryIndex = indexCategories(table);
  const counts = new Array<number>(table.categories.length).fill(0);
  const present: number[] = [];
  const tally = { counts, present, ratings: 0 };
  // Indexed loops: entries() iterators cost several times more over 300,000 rows.
  for (let unitNumber = 0; unitNumber < table.units.length; unitNumber++) {
    const labels = table.units[unitNumber]!;
    checkRowLength(table, labels, unitNumber);
    tally.ratings = 0;
    for (let column = 0; column < labels.length; column++) {
      const label = labels[column] ?? null;
      if (label === null) continue;
      const index = categoryIndexOf(categoryIndex, label, unitNumber, table.coders[column]!);
      if (counts[index] === 0) present.push(index);
      counts[index] = (counts[index] ?? 0) + 1;
      tally.ratings++;
    }
    visit(tally);
    for (const index of present) counts[index] = 0;
    present.length = 0;
  }
}

/** Looks a coder up by name, so callers name coders rather than count columns. */
export function coderColumn(table: RatingTable, coder: string): number {
  const column = table.coders.indexOf(coder);
  if (column < 0) throw new Error(`No coder "${coder}" in the table (coders: ${table.coders.join(', ')}).`);
  return column;
}

function distinctNames(names: readonly string[], kind: string): Set<string> {
  const set = new Set(names);
  if (set.size !== names.length) throw new Error(`The ${kind} names must be distinct: ${names.join(', ')}.`);
  return set;
}

function unknownLabelMessage(label: string, unit: string | number, coder: string): string {
  return `Unit ${unit}, coder "${coder}": label "${label}" is not one of the categories.`;
}
