// Shapes of the provenance reports (GET /api/documents/{id}/report, /api/projects/{slug}/report);
// docs/reports.md says what each figure means.
import { z } from 'zod';
import { cueKinds, goldStatuses } from './vocabularies.ts';

export const goldStatusSchema = z.enum(goldStatuses);

/** A confusion matrix: rows are the first coder's labels, columns the second's. */
const confusionMatrixSchema = z.object({
  categories: z.array(z.string()),
  rowCoder: z.string(),
  columnCoder: z.string(),
  counts: z.array(z.array(z.number())),
  units: z.int(),
});

/** The agreement statistics of `agreementSummary()`, each with the units it used. */
export const agreementSummarySchema = z.object({
  coders: z.int(),
  units: z.int(),
  ratings: z.int(),
  pairableUnits: z.int(),
  percentAgreement: z.object({
    units: z.int(),
    pairs: z.number(),
    agreeingPairs: z.number(),
    pairwise: z.number().nullable(),
    unanimous: z.number().nullable(),
  }),
  cohensKappa: z.object({
    pairs: z.array(
      z.object({
        confusion: confusionMatrixSchema,
        observedAgreement: z.number().nullable(),
        expectedAgreement: z.number().nullable(),
        kappa: z.number().nullable(),
      }),
    ),
    meanKappa: z.number().nullable(),
  }),
  fleissKappa: z.object({
    ratingsPerUnit: z.number().nullable(),
    units: z.int(),
    unitsSkipped: z.int(),
    observedAgreement: z.number().nullable(),
    expectedAgreement: z.number().nullable(),
    kappa: z.number().nullable(),
  }),
  krippendorffAlpha: z.object({
    units: z.int(),
    pairableValues: z.number(),
    coincidences: z.array(z.array(z.number())),
    observedDisagreement: z.number().nullable(),
    expectedDisagreement: z.number().nullable(),
    alpha: z.number().nullable(),
  }),
});

/** A label's key, name and colour, as the reports list them. */
export const reportLabelSchema = z.object({ key: z.string(), name: z.string(), color: z.string() });
export type ReportLabel = z.infer<typeof reportLabelSchema>;

/** Counts by label key, or by `(status)` for sentences without a gold label. */
const countsSchema = z.record(z.string(), z.int());

const sourceCountSchema = z.object({ source: z.string(), count: z.int() });

export const documentReportSchema = z.object({
  document: z.object({
    id: z.string(),
    title: z.string(),
    outlet: z.string().nullable(),
    publishedAt: z.string().nullable(),
  }),
  labels: z.array(reportLabelSchema),
  /** Sentences per gold label, and `(single)`, `(disputed)`, `(unlabelled)` for those without. */
  composition: countsSchema,
  /** Sentences per gold status. */
  statuses: z.partialRecord(goldStatusSchema, z.int()),
  strip: z.array(z.object({ position: z.int(), gold: z.string().nullable(), status: goldStatusSchema })),
  sources: z.array(sourceCountSchema),
  /** How often each chain was recorded by analysts and proposed by suggestions, apart. */
  chains: z.array(z.object({ chain: z.string(), annotations: z.int(), suggestions: z.int() })),
  /** Cue words grouped case-insensitively, as most often written, with every kind marked. */
  cues: z.array(z.object({ text: z.string(), kinds: z.array(z.enum(cueKinds)), count: z.int() })),
  /** Sentences analysts labelled differently, settled since or not. */
  disagreements: z.int(),
  /** Sentences per label for each analyst who labelled the document. */
  labelsPerAnalyst: z.array(z.object({ annotatorId: z.string(), counts: countsSchema })),
  agreement: agreementSummarySchema,
});
export type DocumentReport = z.infer<typeof documentReportSchema>;

/** Label and status counts of one group (a document, a day, an outlet). */
const groupTotalsSchema = z.object({ group: z.string().nullable(), totals: countsSchema });
export type GroupTotals = z.infer<typeof groupTotalsSchema>;

const shareSchema = z.number().min(0).max(1).nullable();

export const projectReportSchema = z.object({
  project: z.object({ slug: z.string(), name: z.string() }),
  labels: z.array(reportLabelSchema),
  byDocument: z.array(groupTotalsSchema),
  byPublicationDate: z.array(groupTotalsSchema),
  kcnaShareByOutlet: z.array(
    z.object({ outlet: z.string(), kcnaClaims: z.int(), labelled: z.int(), share: shareSchema }),
  ),
  sources: z.array(sourceCountSchema),
  analystConfusion: z.object({
    categories: z.array(z.string()),
    counts: z.array(z.array(z.number())),
    /** Pairs of labels two analysts gave one sentence: the sum of `counts`. */
    pairs: z.number(),
    /** Scott's pi of `counts`: chance from the labels' shares pooled over both analysts of a pair. */
    scottsPi: z.number().nullable(),
  }),
  analysts: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      assigned: z.int(),
      labelled: z.int(),
      acceptedSuggestions: z.int(),
      choseSuggestedLabel: z.int(),
      choseOtherLabel: z.int(),
      withoutSuggestion: z.int(),
      unrecorded: z.int(),
      withGold: z.int(),
      matchingGold: z.int(),
      acceptanceRate: shareSchema,
      suggestedLabelRate: shareSchema,
      agreementWithGold: shareSchema,
    }),
  ),
  suggestions: z.object({
    categories: z.array(z.string()),
    counts: z.array(z.array(z.number())),
    perLabel: z.array(
      z.object({ label: z.string(), precision: shareSchema, recall: shareSchema, support: z.int() }),
    ),
  }),
});
export type ProjectReport = z.infer<typeof projectReportSchema>;
