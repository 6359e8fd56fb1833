// What the API says about a project's learned suggestion model.
import { z } from 'zod';
import { documentSummarySchema } from '../api-types.ts';

export const suggestionModelStatusSchema = z.object({
  /** Sentences of the project's current documents with a gold label now. */
  goldSentences: z.int().nonnegative(),
  /** Below this many gold sentences in its model, the rules alone decide. */
  minGoldSentences: z.int().positive(),
  /** The model decides a sentence only at this probability or more. */
  minProbability: z.number(),
  /** How many new gold labels lead to a retraining on their own. */
  retrainAfterGoldLabels: z.int().positive(),
  /** The model served now, or null before the first training. */
  model: z
    .object({
      version: z.int().positive(),
      goldSentences: z.int().nonnegative(),
      trainingMilliseconds: z.int().nonnegative(),
      trainedAt: z.iso.datetime(),
      /** Whether it learned from enough gold to decide any suggestion. */
      decides: z.boolean(),
    })
    .nullable(),
  /** The report: per week and decider, labels saved with a suggestion shown, and how many accepted it. */
  acceptedByDecider: z.array(
    z.object({
      week: z.iso.date(),
      decider: z.enum(['rules', 'model']),
      accepted: z.int().nonnegative(),
      shown: z.int().nonnegative(),
    }),
  ),
});
export type SuggestionModelStatus = z.infer<typeof suggestionModelStatusSchema>;

/** A member's active queue: their unfinished documents of the window, least sure first. */
export const documentQueueSchema = z.object({
  /** Whether the project's active queue orders by a model now; false: the usual order holds. */
  ordersByModel: z.boolean(),
  /** The model version it orders by, or null. */
  modelVersion: z.int().positive().nullable(),
  /** Only this many of the caller's oldest unfinished documents are read and ordered. */
  windowDocuments: z.int().positive(),
  /** In queue order; empty when it does not order by a model. */
  items: z.array(
    z.object({
      document: documentSummarySchema,
      /** The caller's unlabelled sentences in it where the model and the rules disagree. */
      disagreements: z.int().nonnegative(),
      /** The margin of its sentence that comes first in the queue; null when the model read none. */
      firstMargin: z.number().min(0).max(1).nullable(),
    }),
  ),
});
export type DocumentQueue = z.infer<typeof documentQueueSchema>;
