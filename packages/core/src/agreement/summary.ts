// Every agreement statistic of one table at once, for a report.
import { type PairwiseCohensKappa, pairwiseCohensKappa } from './cohens-kappa.ts';
import { type FleissKappa, fleissKappa } from './fleiss-kappa.ts';
import { type KrippendorffAlpha, krippendorffAlpha } from './krippendorff-alpha.ts';
import { type PercentAgreement, percentAgreement } from './percent-agreement.ts';
import type { RatingTable } from './rating-table.ts';

export interface AgreementSummary {
  coders: number;
  /** Rows of the table, labelled or not. */
  units: number;
  /** Labels given, over all units and coders. */
  ratings: number;
  /** Units with two or more labels, the only ones any statistic can use. */
  pairableUnits: number;
  percentAgreement: PercentAgreement;
  cohensKappa: PairwiseCohensKappa;
  fleissKappa: FleissKappa;
  krippendorffAlpha: KrippendorffAlpha;
}

/** All the statistics, each with the units it used; a few linear passes over the table. */
export function agreementSummary(table: RatingTable): AgreementSummary {
  let ratings = 0;
  for (const labels of table.units) for (const label of labels) if (label !== null) ratings++;
  const agreement = percentAgreement(table);
  return {
    coders: table.coders.length,
    units: table.units.length,
    ratings,
    pairableUnits: agreement.units,
    percentAgreement: agreement,
    cohensKappa: pairwiseCohensKappa(table),
    fleissKappa: fleissKappa(table),
    krippendorffAlpha: krippendorffAlpha(table),
  };
}
