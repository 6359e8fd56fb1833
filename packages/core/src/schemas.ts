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
  rule: z.string(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;
