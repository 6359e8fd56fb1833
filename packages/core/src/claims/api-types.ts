// The shapes of claims as the API sends them.
import { z } from 'zod';
import { claimAttributions } from './attribution.ts';

export const claimOccurrenceSchema = z.object({
  /** The link of this sentence to this claim: what a confirm or reject decides on. */
  linkId: z
    .string()
    .describe(
      'the link of this sentence to this claim; a sentence in several claims has one link in each, decided on apart',
    ),
  sentenceId: z.string(),
  documentId: z.string(),
  /** The sentence's position in its document, for opening it in the editor. */
  position: z.int(),
  text: z.string(),
  title: z.string(),
  outlet: z.string().nullable(),
  publishedAt: z.string().nullable(),
  tier: z.enum(['suggested', 'confirmed']),
  /** How the linker scored this sentence against the claim (0–1). */
  score: z.number(),
  attribution: z.enum(claimAttributions),
  /** The gold label for reviewers and owners; an analyst's own label for an analyst. */
  label: z.string().nullable(),
  matchedWords: z.array(z.string()),
  numbers: z.object({ agreeing: z.array(z.string()), conflicting: z.array(z.string()) }),
});
export type ClaimOccurrence = z.infer<typeof claimOccurrenceSchema>;

export const claimSchema = z.object({
  id: z.string(),
  documentCount: z.int(),
  /** Distinct named outlets; documents imported without an outlet are counted apart. */
  outletCount: z.int(),
  documentsWithoutOutlet: z.int(),
  /** The earliest occurrence by publication date, undated ones last (then import order). */
  firstOccurrence: claimOccurrenceSchema,
  /** One outlet attributes it to state media, another prints it without attribution. */
  attributionDropped: z.boolean(),
  /** The label given most often across its occurrences the caller can see, if any. */
  mostCommonLabel: z.string().nullable(),
  /** Occurrences whose labels differ from one another. */
  hasLabelDisagreement: z.boolean(),
  occurrences: z.array(claimOccurrenceSchema),
});
export type Claim = z.infer<typeof claimSchema>;

/**
 * Claim linking runs after an import, in the background: documents imported but not linked yet
 * wait. While any wait, the claims shown may miss their occurrences.
 */
export const claimLinkingSchema = z.object({
  /** Documents of the project waiting to be linked into its claims. */
  waitingDocuments: z.int(),
});
export type ClaimLinking = z.infer<typeof claimLinkingSchema>;

export const claimListSchema = z.object({ claims: z.array(claimSchema), linking: claimLinkingSchema });
export type ClaimList = z.infer<typeof claimListSchema>;

export const relinkSummarySchema = z.object({
  documents: z.int(),
  claims: z.int(),
  suggestedLinks: z.int(),
  confirmedLinks: z.int(),
  attributionDropped: z.int(),
  /** Sentences linked into two claims or more (a lead stating several). */
  sentencesInSeveralClaims: z.int(),
});
export type RelinkSummary = z.infer<typeof relinkSummarySchema>;
