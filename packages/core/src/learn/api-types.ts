// What the API says about a project's learned suggestion model.
import { z } from 'zod';

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
