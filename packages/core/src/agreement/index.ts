// Inter-annotator agreement over reliability data: pure functions, linear in the labels given.
export {
  type CohensKappa,
  cohensKappa,
  kappaOfConfusionMatrix,
  type PairwiseCohensKappa,
  pairwiseCohensKappa,
} from './cohens-kappa.ts';
export { type ConfusionMatrix, confusionMatrices, confusionMatrix } from './confusion-matrix.ts';
export { type FleissKappa, type FleissKappaOptions, fleissKappa } from './fleiss-kappa.ts';
export { type KrippendorffAlpha, krippendorffAlpha } from './krippendorff-alpha.ts';
export { type PercentAgreement, percentAgreement } from './percent-agreement.ts';
export {
  type LabelledRatingTable,
  type Rating,
  type RatingTable,
  ratingTableFromRatings,
} from './rating-table.ts';
export { type ScottsPi, scottsPi } from './scotts-pi.ts';
export { type AgreementSummary, agreementSummary } from './summary.ts';
