// zod schemas shared by the API (validation at the edge), the web editor and the CLI.
import { z } from 'zod';
import { segmentKinds } from './segment-types.ts';
import { storableString } from './text.ts';
import { cueKinds, type SuggestionRelation, suggestionRelations } from './vocabularies.ts';

/** Longest article body accepted, in UTF-16 code units (about 1 MB of English text). */
export const maxBodyLength = 1_000_000;

export const labelKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'A label key is 1–40 lower-case letters, digits or underscores.');

export { cueKinds, type SuggestionRelation, suggestionRelations };

/** A cue span: UTF-16 offsets into the document body, inside the sentence it explains. */
export const cueSpanSchema = z.strictObject({
  start: z.int().nonnegative(),
  end: z.int().positive(),
  kind: z.enum(cueKinds),
});
export type CueSpan = z.infer<typeof cueSpanSchema>;

/**
 * Why a cue does not fit its sentence (it must be a non-empty span inside it), or undefined when
 * it fits: the one rule a save and an import both apply.
 */
export function cueOutsideSentence(
  sentence: { start: number; end: number },
  cue: { start: number; end: number },
): string | undefined {
  return cue.start >= cue.end || cue.start < sentence.start || cue.end > sentence.end
    ? `A cue must be a non-empty span inside the sentence (offsets ${sentence.start}–${sentence.end}); got ${cue.start}–${cue.end}.`
    : undefined;
}

/** The longest note an annotation keeps, in UTF-16 code units (what JavaScript's `length` counts). */
export const noteMaxLength = 4000;
/**
 * How a saved label relates to the suggestion the analyst saw, and that suggestion's version
 * (`suggestionVersion`): null exactly when there was no suggestion.
 */
export const suggestionRecordSchema = z
  .strictObject({
    relation: z.enum(suggestionRelations),
    version: z.string().min(1).max(200).nullable(),
  })
  .refine((record) => (record.relation === 'no_suggestion') === (record.version === null), {
    message:
      "Send the suggestion's version with accepted, same_label and other_label, and null with no_suggestion.",
    path: ['version'],
  });
export type SuggestionRecord = z.infer<typeof suggestionRecordSchema>;

export const annotationInputSchema = z.strictObject({
  label: labelKeySchema,
  source: storableString().trim().max(120).nullish(),
  chain: z.array(storableString().trim().min(1).max(120)).max(8).optional(),
  cues: z.array(cueSpanSchema).max(50).optional(),
  note: storableString().max(noteMaxLength).nullish(),
  /** Left out: kept as it was when the label is unchanged, else not recorded. */
  suggestion: suggestionRecordSchema.optional(),
});
export type AnnotationInput = z.infer<typeof annotationInputSchema>;

export const documentImportSchema = z.strictObject({
  title: storableString().trim().max(300).optional(),
  body: storableString()
    .max(maxBodyLength, `The article is longer than ${maxBodyLength.toLocaleString('en')} characters.`)
    .refine((body) => body.trim().length > 0, 'The article text is empty.'),
  outlet: storableString().trim().max(200).optional(),
  // Only web addresses: a javascript: or data: URL would run script wherever it became a link.
  url: z
    .url({ protocol: /^https?$/, error: 'Enter the full address, starting with https:// or http://.' })
    .max(2000)
    .optional(),
  publishedAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
});
export type DocumentImport = z.infer<typeof documentImportSchema>;

export const segmentKindSchema = z.enum(segmentKinds);

/** A cue span as suggestions and exports carry it: with the text it covers. */
export const cueWithTextSchema = cueSpanSchema.extend({ text: z.string() });
export type CueWithText = z.infer<typeof cueWithTextSchema>;

/** What `suggest()` proposes for one segment, and why. `label` is null for boilerplate. */
export const suggestionSchema = z.object({
  label: labelKeySchema.nullable(),
  confidence: z.number().min(0).max(1),
  source: z.string().nullable(),
  chain: z.array(z.string()),
  cues: z.array(cueWithTextSchema),
  /** The rule that decided, or `model-v<version>` when the project's learned model did. */
  rule: z.string(),
  /** What the project's learned model said, when the project has one (../learn). */
  learned: z
    .object({
      modelVersion: z.int().positive(),
      /** How many gold sentences of the project the model learned from. */
      goldSentences: z.int().nonnegative(),
      /** Whether the model's label was taken (it was sure enough), else the rules decided. */
      decided: z.boolean(),
      label: labelKeySchema,
      probability: z.number().min(0).max(1),
      /**
       * Its label's probability minus the next likeliest label's: how sure it is between its
       * two best guesses (0: a toss-up). The active queue offers the smallest first.
       */
      margin: z.number().min(0).max(1),
      /** The rule and label the rules gave, whoever decided. */
      rule: z.string(),
      ruleLabel: labelKeySchema.nullable(),
      /** The sentence's features that pulled hardest for and against the model's label. */
      for: z.array(z.object({ feature: z.string(), description: z.string(), weight: z.number() })),
      against: z.array(z.object({ feature: z.string(), description: z.string(), weight: z.number() })),
    })
    .optional(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

/** A project's slug: its name in addresses. */
export const slugSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    'Use 1–63 lower-case letters, digits and hyphens, starting with a letter or digit.',
  );

export const newProjectSchema = z.strictObject({
  slug: slugSchema,
  name: storableString().trim().min(1).max(120),
  guidelines: storableString().max(100_000).optional(),
  annotatorsPerDocument: z.int().min(1).max(10).optional(),
});
export type NewProject = z.input<typeof newProjectSchema>;

export const projectChangesSchema = z.strictObject({
  name: storableString().trim().min(1).max(120).optional(),
  guidelines: storableString().max(100_000).optional(),
  annotatorsPerDocument: z.int().min(1).max(10).optional(),
  /** Let analysts split and merge sentences (owners and reviewers always may). */
  analystsMaySegment: z.boolean().optional(),
  /** Offer each member's unlabelled documents and sentences least-sure first (the active queue). */
  activeQueue: z.boolean().optional(),
});
export type ProjectChanges = z.input<typeof projectChangesSchema>;

export const labelInputSchema = z.strictObject({
  key: labelKeySchema,
  name: storableString().trim().min(1).max(60),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #rrggbb.'),
  hotkey: z
    .string()
    .regex(/^[0-9a-z]$/, 'A hotkey is one digit or lower-case letter.')
    .nullish(),
  description: storableString().max(1000).optional(),
});
export type LabelInput = z.input<typeof labelInputSchema>;

/** A reviewer's gold label for a sentence, as PUT /api/sentences/{id}/adjudication takes it. */
export const adjudicationInputSchema = z.strictObject({
  label: labelKeySchema,
  note: storableString().max(noteMaxLength).nullish(),
});
export type AdjudicationInput = z.input<typeof adjudicationInputSchema>;
