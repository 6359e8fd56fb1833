// Agreement statistics against published worked examples (numbers as printed, to 3 decimals),
// then the edge cases whose conventions docs/agreement.md states.
import { describe, expect, it } from 'vitest';
import {
  agreementSummary,
  cohensKappa,
  confusionMatrix,
  fleissKappa,
  kappaOfConfusionMatrix,
  krippendorffAlpha,
  pairwiseCohensKappa,
  percentAgreement,
  type RatingTable,
  ratingTableFromRatings,
  scottsPi,
} from '../src/agreement/index.ts';

/** Reliability data written as in the papers: one line per coder, '.' for a missing value. */
function tableFromCoderLines(coderLines: Record<string, string>, categories: readonly string[]): RatingTable {
  const coders = Object.keys(coderLines);
  const valuesByCoder = Object.values(coderLines).map((line) => line.trim().split(/\s+/));
  const unitCount = valuesByCoder[0]?.length ?? 0;
  const units = Array.from({ length: unitCount }, (_, unit) =>
    valuesByCoder.map((values) => {
      const value = values[unit]!;
      return value === '.' ? null : value;
    }),
  );
  return { coders, categories, units };
}

/** Fleiss' layout (per subject, how many raters chose each category) turned into labels. */
function tableFromCategoryCounts(categories: readonly string[], countsPerUnit: number[][]): RatingTable {
  const raters = Math.max(...countsPerUnit.map((counts) => counts.reduce((sum, count) => sum + count, 0)));
  const units = countsPerUnit.map((counts) => {
    const labels: (string | null)[] = counts.flatMap((count, index) =>
      new Array<string>(count).fill(categories[index]!),
    );
    while (labels.length < raters) labels.push(null);
    return labels;
  });
  return { coders: Array.from({ length: raters }, (_, index) => `rater ${index + 1}`), categories, units };
}

/** A two-coder contingency table turned into one unit per counted case. */
function tableFromContingency(categories: readonly string[], counts: number[][]): RatingTable {
  const units = counts.flatMap((row, first) =>
    row.flatMap((count, second) =>
      Array.from({ length: count }, () => [categories[first]!, categories[second]!]),
    ),
  );
  return { coders: ['A', 'B'], categories, units };
}

describe('krippendorffAlpha (published examples)', () => {
  // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
  // Communication, University of Pennsylvania, https://repository.upenn.edu/asc_papers/43.
  // Section C, "Nominal data, any number of observers, missing values": 4 observers, 12 units.
  const sectionC = tableFromCoderLines(
    {
      A: '1 2 3 3 2 1 4 1 2 . . .',
      B: '1 2 3 3 2 2 4 1 2 5 . 3',
      C: '. 3 3 3 2 3 4 2 2 5 1 .',
      D: '1 2 3 3 2 4 4 1 2 5 1 .',
    },
    ['1', '2', '3', '4', '5'],
  );

  it('gives alpha = 0.743 on the nominal example with missing values (Krippendorff 2011, section C)', () => {
    const result = krippendorffAlpha(sectionC);
    expect(result.alpha).toBeCloseTo(0.743, 3);
    // Unit 12 has a single value and drops out: 11 pairable units, n = 40 pairable values.
    expect(result.units).toBe(11);
    expect(result.pairableValues).toBe(40);
    const valuesPerCategory = result.coincidences.map((row) => row.reduce((sum, value) => sum + value, 0));
    expect(valuesPerCategory.map((total) => Math.round(total * 1e9) / 1e9)).toEqual([9, 13, 10, 5, 3]);
    expect(result.coincidences[0]![0]).toBeCloseTo(7, 9);
    expect(result.coincidences[0]![1]).toBeCloseTo(4 / 3, 9);
  });

  it('gives alpha = 0.095 on the binary two-observer example (Krippendorff 2011, section A)', () => {
    const sectionA = tableFromCoderLines({ A: '0 1 0 0 0 0 0 0 1 0', B: '1 1 1 0 0 1 0 0 0 0' }, ['0', '1']);
    const result = krippendorffAlpha(sectionA);
    expect(result.alpha).toBeCloseTo(0.095, 3);
    // The coincidence matrix printed there: o00 = 10, o01 = o10 = 4, o11 = 2.
    expect(result.coincidences).toEqual([
      [10, 4],
      [4, 2],
    ]);
  });

  it('gives alpha = 0.692 on the nominal two-observer example (Krippendorff 2011, section B)', () => {
    const sectionB = tableFromCoderLines({ A: 'a a b b d c c c e d d a', B: 'b a b b b c c c e d d d' }, [
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
    expect(krippendorffAlpha(sectionB).alpha).toBeCloseTo(0.692, 3);
  });

  it("gives alpha = 0.691 on Wikipedia's nominal computational example (3 coders, 15 units)", () => {
    // Wikipedia, "Krippendorff's alpha", section "A computational example".
    const wikipedia = tableFromCoderLines(
      {
        A: '. . . . . 3 4 1 2 1 1 3 3 . 3',
        B: '1 . 2 1 3 3 4 3 . . . . . . .',
        C: '. . 2 1 3 4 4 . 2 1 1 3 3 . 4',
      },
      ['1', '2', '3', '4'],
    );
    expect(krippendorffAlpha(wikipedia).alpha).toBeCloseTo(0.691, 3);
  });
});

describe('fleissKappa (published examples)', () => {
  it('gives kappa = 0.430 on the psychiatric diagnoses of Fleiss (1971), Table 1', () => {
    // Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
    // Bulletin, 76(5), 378–382. Table 1: 30 patients, 6 psychiatrists each, 5 diagnoses; the
    // paper reports kappa = .430. Transcribed as in the R package irr (dataset `diagnoses`,
    // which gives 0.4302445), one row per patient, counts per diagnosis.
    const diagnoses = ['depression', 'personality disorder', 'schizophrenia', 'neurosis', 'other'];
    const countsPerPatient = [
      [0, 0, 0, 6, 0],
      [0, 3, 0, 0, 3],
      [0, 1, 4, 0, 1],
      [0, 0, 0, 0, 6],
      [0, 3, 0, 3, 0],
      [2, 0, 4, 0, 0],
      [0, 0, 4, 0, 2],
      [2, 0, 3, 1, 0],
      [2, 0, 0, 4, 0],
      [0, 0, 0, 0, 6],
      [1, 0, 0, 5, 0],
      [1, 1, 0, 4, 0],
      [0, 3, 3, 0, 0],
      [1, 0, 0, 5, 0],
      [0, 2, 0, 3, 1],
      [0, 0, 5, 0, 1],
      [3, 0, 0, 1, 2],
      [5, 1, 0, 0, 0],
      [0, 2, 0, 4, 0],
      [1, 0, 2, 0, 3],
      [0, 0, 0, 0, 6],
      [0, 1, 0, 5, 0],
      [0, 2, 0, 1, 3],
      [2, 0, 0, 4, 0],
      [1, 0, 0, 4, 1],
      [0, 5, 0, 1, 0],
      [4, 0, 0, 0, 2],
      [0, 2, 0, 4, 0],
      [1, 0, 5, 0, 0],
      [0, 0, 0, 0, 6],
    ];
    const result = fleissKappa(tableFromCategoryCounts(diagnoses, countsPerPatient));
    expect(result.kappa).toBeCloseTo(0.43, 3);
    expect(result.ratingsPerUnit).toBe(6);
    expect(result.units).toBe(30);
  });

  it("gives kappa = 0.210 on Wikipedia's worked example (10 subjects, 14 raters, 5 categories)", () => {
    // Wikipedia, "Fleiss' kappa", section "Worked example": P̄ = 0.378, P̄e = 0.213, κ = 0.210.
    const countsPerSubject = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const result = fleissKappa(tableFromCategoryCounts(['1', '2', '3', '4', '5'], countsPerSubject));
    expect(result.observedAgreement).toBeCloseTo(0.378, 3);
    expect(result.expectedAgreement).toBeCloseTo(0.213, 3);
    expect(result.kappa).toBeCloseTo(0.21, 3);
  });
});

describe('cohensKappa (published examples)', () => {
  // Wikipedia, "Cohen's kappa", section "Simple example": 50 grant proposals read by A and B.
  // Rows are A (Yes, No), columns B (Yes, No).
  const proposals = tableFromContingency(
    ['yes', 'no'],
    [
      [20, 5],
      [10, 15],
    ],
  );

  it("gives kappa = 0.40 on Wikipedia's 50 proposals (p_o = 0.7, p_e = 0.5)", () => {
    const result = cohensKappa(proposals, 'A', 'B');
    expect(result.observedAgreement).toBeCloseTo(0.7, 3);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 3);
    expect(result.kappa).toBeCloseTo(0.4, 3);
    expect(result.confusion.counts).toEqual([
      [20, 5],
      [10, 15],
    ]);
  });

  it("gives 0.130 and 0.259 on Wikipedia's two tables with the same 60% agreement", () => {
    // Wikipedia, "Cohen's kappa", section "Same percentages but different numbers".
    const kappaOf = (counts: number[][]) =>
      kappaOfConfusionMatrix({
        categories: ['yes', 'no'],
        rowCoder: 'A',
        columnCoder: 'B',
        counts,
        units: 100,
      }).kappa;
    expect(
      kappaOf([
        [45, 15],
        [25, 15],
      ]),
    ).toBeCloseTo(0.13, 3);
    expect(
      kappaOf([
        [25, 35],
        [5, 35],
      ]),
    ).toBeCloseTo(0.259, 3);
  });
});

describe('scottsPi', () => {
  const matrixOf = (counts: number[][]) => ({
    categories: ['yes', 'no'],
    rowCoder: 'A',
    columnCoder: 'B',
    counts,
    units: counts.flat().reduce((sum, count) => sum + count, 0),
  });

  it("takes chance from the pooled shares: 0.394 on Wikipedia's 50 proposals, where Cohen's kappa is 0.40", () => {
    // p_o = 35/50 = 0.7; 'yes' is 25 of A's and 30 of B's 50 labels, 55/100 pooled, so
    // p_e = 0.55² + 0.45² = 0.505 and pi = (0.7 − 0.505) / (1 − 0.505) = 0.3939.
    const { pairs, pi } = scottsPi(
      matrixOf([
        [20, 5],
        [10, 15],
      ]),
    );
    expect(pairs).toBe(50);
    expect(pi).toBeCloseTo(0.3939, 4);
  });

  it("gives the same pi whichever side of a pair a label was counted on, and Cohen's kappa on a symmetric matrix", () => {
    const counted = [
      [20, 5],
      [10, 15],
    ];
    const transposed = [
      [20, 10],
      [5, 15],
    ];
    const halved = [
      [20, 7.5],
      [7.5, 15],
    ];
    expect(scottsPi(matrixOf(transposed)).pi).toBeCloseTo(scottsPi(matrixOf(counted)).pi!, 12);
    expect(scottsPi(matrixOf(halved)).pi).toBeCloseTo(kappaOfConfusionMatrix(matrixOf(halved)).kappa!, 12);
  });

  it('is -1 for one pair of two different labels, and null without pairs or with one label throughout', () => {
    expect(
      scottsPi(
        matrixOf([
          [0, 1],
          [0, 0],
        ]),
      ),
    ).toEqual({ pairs: 1, pi: -1 });
    expect(
      scottsPi(
        matrixOf([
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toEqual({ pairs: 0, pi: null });
    expect(
      scottsPi(
        matrixOf([
          [4, 0],
          [0, 0],
        ]),
      ).pi,
    ).toBeNull();
  });
});

describe('percentAgreement', () => {
  it('reports both the share of agreeing pairs and the share of unanimous units', () => {
    const table = tableFromCoderLines({ A: 'x x x .', B: 'x y x x', C: 'x y . .' }, ['x', 'y']);
    // Unit 1: 3 of 3 pairs agree; unit 2: 1 of 3; unit 3: 1 of 1; unit 4 has one label.
    expect(percentAgreement(table)).toEqual({
      units: 3,
      pairs: 7,
      agreeingPairs: 5,
      pairwise: 5 / 7,
      unanimous: 2 / 3,
    });
  });

  it('is null, not NaN, when no unit has two labels', () => {
    const table = tableFromCoderLines({ A: 'x . .', B: '. y .' }, ['x', 'y']);
    expect(percentAgreement(table)).toMatchObject({ units: 0, pairs: 0, pairwise: null, unanimous: null });
  });
});

describe('confusionMatrix', () => {
  it('counts label pairs in the given category order over units both coders labelled', () => {
    const table = tableFromCoderLines(
      {
        ana: 'kcna_claim reported_fact reported_fact . observer_inference',
        ben: 'kcna_claim kcna_claim reported_fact observer_inference .',
      },
      ['kcna_claim', 'observer_inference', 'reported_fact'],
    );
    expect(confusionMatrix(table, 'ana', 'ben')).toEqual({
      categories: ['kcna_claim', 'observer_inference', 'reported_fact'],
      rowCoder: 'ana',
      columnCoder: 'ben',
      counts: [
        [1, 0, 0],
        [0, 0, 0],
        [1, 0, 1],
      ],
      units: 3,
    });
  });

  it('throws on an unknown coder or a label outside the categories', () => {
    const table = tableFromCoderLines({ A: 'x', B: 'z' }, ['x', 'y']);
    expect(() => confusionMatrix(table, 'A', 'C')).toThrow(/No coder "C"/);
    expect(() => confusionMatrix(table, 'A', 'B')).toThrow(/label "z" is not one of the categories/);
  });
});

describe('edge cases', () => {
  it('gives null kappas and alpha, not NaN, when one category took every label', () => {
    const table = tableFromCoderLines({ A: 'x x x', B: 'x x x', C: 'x . x' }, ['x', 'y']);
    expect(cohensKappa(table, 'A', 'B')).toMatchObject({
      observedAgreement: 1,
      expectedAgreement: 1,
      kappa: null,
    });
    expect(fleissKappa(table).kappa).toBeNull();
    expect(krippendorffAlpha(table).alpha).toBeNull();
    expect(percentAgreement(table).pairwise).toBe(1);
  });

  it('gives null statistics when the coders share no unit', () => {
    const table = tableFromCoderLines({ A: 'x y .', B: '. . y' }, ['x', 'y']);
    expect(cohensKappa(table, 'A', 'B')).toMatchObject({ observedAgreement: null, kappa: null });
    expect(fleissKappa(table)).toMatchObject({ ratingsPerUnit: null, units: 0, kappa: null });
    expect(krippendorffAlpha(table)).toMatchObject({ units: 0, alpha: null });
  });

  it('computes Fleiss over the most common number of labels and counts the units it skips', () => {
    const table = tableFromCoderLines({ A: 'x y x y x', B: 'x y y y .', C: '. . x y .', D: '. . . x .' }, [
      'x',
      'y',
    ]);
    // Two labels: unit 1 and 2; three: unit 3; four: unit 4; unit 5 has one and does not count.
    expect(fleissKappa(table)).toMatchObject({ ratingsPerUnit: 2, units: 2, unitsSkipped: 2, kappa: 1 });
    expect(fleissKappa(table, { ratingsPerUnit: 3 })).toMatchObject({ units: 1, unitsSkipped: 3 });
  });

  it('rejects rows whose length does not match the coders', () => {
    const table: RatingTable = { coders: ['A', 'B'], categories: ['x'], units: [['x']] };
    expect(() => krippendorffAlpha(table)).toThrow(/use null for a missing label/);
  });
});

describe('ratingTableFromRatings', () => {
  it('lays out {unit, coder, label} rows in order of first appearance, missing as null', () => {
    const table = ratingTableFromRatings(
      [
        { unit: 7, coder: 'ana', label: 'kcna_claim' },
        { unit: 7, coder: 'ben', label: 'kcna_claim' },
        { unit: 9, coder: 'ben', label: 'reported_fact' },
        { unit: 9, coder: 'cho', label: null },
      ],
      ['kcna_claim', 'reported_fact'],
    );
    expect(table).toEqual({
      coders: ['ana', 'ben'],
      categories: ['kcna_claim', 'reported_fact'],
      units: [
        ['kcna_claim', 'kcna_claim'],
        [null, 'reported_fact'],
      ],
      unitIds: [7, 9],
    });
  });

  it('refuses a coder labelling the same unit twice', () => {
    const ratings = [
      { unit: 'u1', coder: 'ana', label: 'x' },
      { unit: 'u1', coder: 'ana', label: 'y' },
    ];
    expect(() => ratingTableFromRatings(ratings, ['x', 'y'])).toThrow(/more than once/);
  });
});

describe('agreementSummary', () => {
  it('gathers every statistic with the counts it used', () => {
    const table = tableFromCoderLines({ A: 'x y x .', B: 'x y y .', C: 'x . y y' }, ['x', 'y']);
    const summary = agreementSummary(table);
    expect(summary).toMatchObject({ coders: 3, units: 4, ratings: 9, pairableUnits: 3 });
    expect(
      summary.cohensKappa.pairs.map(({ confusion }) => [confusion.rowCoder, confusion.columnCoder]),
    ).toEqual([
      ['A', 'B'],
      ['A', 'C'],
      ['B', 'C'],
    ]);
    expect(summary.cohensKappa).toEqual(pairwiseCohensKappa(table));
    expect(summary.krippendorffAlpha).toEqual(krippendorffAlpha(table));
  });
});
