// Properties every agreement statistic must keep on arbitrary reliability data: perfect
// agreement scores 1, coder order does not matter, lone labels do not count, nothing is NaN.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agreementSummary,
  cohensKappa,
  fleissKappa,
  krippendorffAlpha,
  pairwiseCohensKappa,
  percentAgreement,
  type RatingTable,
} from '../src/agreement/index.ts';

const categories = ['kcna_claim', 'observer_inference', 'reported_fact', 'other'];

/** A table with 2–5 coders over the four categories, any label missing. */
const ratingTable: fc.Arbitrary<RatingTable> = fc.integer({ min: 2, max: 5 }).chain((coderCount) =>
  fc
    .array(
      fc.array(fc.option(fc.constantFrom(...categories)), { minLength: coderCount, maxLength: coderCount }),
      {
        maxLength: 40,
      },
    )
    .map((units) => ({
      coders: Array.from({ length: coderCount }, (_, index) => `coder ${index + 1}`),
      categories,
      units,
    })),
);

/** Every coder labels every unit with that unit's one label; at least two labels are used. */
const unanimousTable: fc.Arbitrary<RatingTable> = fc
  .record({
    coderCount: fc.integer({ min: 2, max: 5 }),
    unitLabels: fc
      .array(fc.constantFrom(...categories), { minLength: 2, maxLength: 40 })
      .filter((labels) => new Set(labels).size >= 2),
  })
  .map(({ coderCount, unitLabels }) => ({
    coders: Array.from({ length: coderCount }, (_, index) => `coder ${index + 1}`),
    categories,
    units: unitLabels.map((label) => new Array<string>(coderCount).fill(label)),
  }));

/** The same table with its coder columns in another order. */
function withCodersReordered(table: RatingTable, order: readonly number[]): RatingTable {
  return {
    coders: order.map((column) => table.coders[column]!),
    categories: table.categories,
    units: table.units.map((labels) => order.map((column) => labels[column] ?? null)),
  };
}

const tableWithCoderOrder = ratingTable.chain((table) =>
  fc
    .shuffledSubarray(
      table.coders.map((_, column) => column),
      { minLength: table.coders.length, maxLength: table.coders.length },
    )
    .map((order) => ({ table, order })),
);

const isNullOrFinite = (value: number | null) => value === null || Number.isFinite(value);

describe('agreement statistics (properties)', () => {
  it('are 1 when every coder gives every unit the same label and two or more labels are used', () => {
    fc.assert(
      fc.property(unanimousTable, (table) => {
        expect(percentAgreement(table)).toMatchObject({ pairwise: 1, unanimous: 1 });
        for (const { kappa } of pairwiseCohensKappa(table).pairs) expect(kappa).toBe(1);
        expect(fleissKappa(table).kappa).toBe(1);
        expect(krippendorffAlpha(table).alpha).toBe(1);
      }),
    );
  });

  it('do not depend on the order of the coders', () => {
    fc.assert(
      fc.property(tableWithCoderOrder, ({ table, order }) => {
        const reordered = withCodersReordered(table, order);
        expect(percentAgreement(reordered)).toEqual(percentAgreement(table));
        expect(fleissKappa(reordered)).toEqual(fleissKappa(table));
        expect(krippendorffAlpha(reordered)).toEqual(krippendorffAlpha(table));
        const [first, second] = table.coders as [string, string];
        expect(cohensKappa(table, second, first).kappa).toBe(cohensKappa(table, first, second).kappa);
        const meanKappa = pairwiseCohensKappa(table).meanKappa;
        const reorderedMeanKappa = pairwiseCohensKappa(reordered).meanKappa;
        if (meanKappa === null) expect(reorderedMeanKappa).toBeNull();
        else expect(reorderedMeanKappa).toBeCloseTo(meanKappa, 12);
      }),
    );
  });

  it('alpha ignores units with fewer than two labels', () => {
    const loneLabelUnits = fc.array(fc.option(fc.constantFrom(...categories)), { maxLength: 10 });
    fc.assert(
      fc.property(ratingTable, loneLabelUnits, fc.nat(), (table, loneLabels, seed) => {
        const coderCount = table.coders.length;
        const extraUnits = loneLabels.map((label, index) => {
          const labels = new Array<string | null>(coderCount).fill(null);
          labels[(seed + index) % coderCount] = label;
          return labels;
        });
        const padded = { ...table, units: [...table.units, ...extraUnits] };
        expect(krippendorffAlpha(padded)).toEqual(krippendorffAlpha(table));
        expect(percentAgreement(padded)).toEqual(percentAgreement(table));
      }),
    );
  });

  it('stay in range and give null rather than NaN on any table', () => {
    fc.assert(
      fc.property(ratingTable, (table) => {
        const summary = agreementSummary(table);
        const { pairwise, unanimous } = summary.percentAgreement;
        for (const share of [pairwise, unanimous]) {
          expect(isNullOrFinite(share)).toBe(true);
          if (share !== null) {
            expect(share).toBeGreaterThanOrEqual(0);
            expect(share).toBeLessThanOrEqual(1);
          }
        }
        const coefficients = [
          summary.fleissKappa.kappa,
          summary.krippendorffAlpha.alpha,
          summary.cohensKappa.meanKappa,
          ...summary.cohensKappa.pairs.map(({ kappa }) => kappa),
        ];
        for (const coefficient of coefficients) {
          expect(isNullOrFinite(coefficient)).toBe(true);
          if (coefficient !== null) expect(coefficient).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(summary.pairableUnits).toBe(summary.krippendorffAlpha.units);
      }),
    );
  });

  it('agree with each other where their definitions meet: pooled pair agreement is P̄ when m is fixed', () => {
    const completeTable = ratingTable.map((table) => ({
      ...table,
      units: table.units.map((labels) => labels.map((label) => label ?? 'other')),
    }));
    fc.assert(
      fc.property(completeTable, (table) => {
        const pairwise = percentAgreement(table).pairwise;
        const observed = fleissKappa(table).observedAgreement;
        if (pairwise === null) expect(observed).toBeNull();
        else expect(observed).toBeCloseTo(pairwise, 12);
      }),
    );
  });
});

describe('agreementSummary (scale)', () => {
  it('summarises 300,000 sentences by four analysts in one go', () => {
    const units = Array.from({ length: 300_000 }, (_, index) =>
      Array.from({ length: 4 }, (_, coder) =>
        (index + coder) % 7 === 0 ? null : categories[(index * (coder + 1)) % 3 === 0 ? 0 : index % 3]!,
      ),
    );
    const table = { coders: ['ana', 'ben', 'cho', 'dae'], categories, units };
    const summary = agreementSummary(table);
    expect(summary.units).toBe(300_000);
    expect(summary.cohensKappa.pairs).toHaveLength(6);
    // Generous: this only guards against quadratic work, on a machine that may be busy.
  }, 30_000);
});
