// One row of an Attest export, as an import reads it back: checked by the same rules as an
// article import and a save (lengths, storable text, offsets inside the text, label keys,
// cues inside their sentence), so a crafted row is a line-numbered error, never a 500.
import {
  annotationInputSchema,
  cueKinds,
  documentImportSchema,
  maxBodyLength,
  segmentKindSchema,
  storableString,
} from '@attest/core';
import { z } from 'zod';

const offset = z.int().nonnegative().max(maxBodyLength);
const nullable = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((value) => value ?? undefined);

/** An exported cue as the import keeps it: the offsets and kind (its text is the article's). */
const exportedCueSchema = z.object({ start: offset, end: offset, kind: z.enum(cueKinds) });

export const exportedRowSchema = z
  .object({
    schema_version: z.int().positive(),
    scope: z.enum(['gold', 'annotations']).nullish(),
    document_id: z.string().min(1).max(100),
    sentence_id: z.string().min(1).max(100),
    position: z.int().nonnegative().max(maxBodyLength),
    kind: segmentKindSchema,
    start: offset,
    end: offset,
    text: storableString().min(1).max(maxBodyLength),
    title: nullable(documentImportSchema.shape.title.unwrap()),
    outlet: nullable(documentImportSchema.shape.outlet.unwrap()),
    url: nullable(documentImportSchema.shape.url.unwrap()),
    published_at: nullable(documentImportSchema.shape.publishedAt.unwrap()),
    label: nullable(z.string().max(60)),
    gold_label: nullable(z.string().max(60)),
    status: nullable(z.string().max(40)),
    source: nullable(annotationInputSchema.shape.source.unwrap().unwrap()),
    chain: nullable(annotationInputSchema.shape.chain.unwrap()),
    cues: nullable(z.array(exportedCueSchema).max(50)),
    note: nullable(annotationInputSchema.shape.note.unwrap().unwrap()),
    annotator: nullable(storableString().max(320)),
    annotations: nullable(
      z
        .array(
          z.object({ annotator: nullable(storableString().max(320)), label: nullable(z.string().max(60)) }),
        )
        .max(1000),
    ),
    adjudicator: nullable(storableString().max(320)),
    adjudication_note: nullable(storableString().max(4000)),
  })
  .refine((row) => row.start < row.end, { message: 'start must be before end.', path: ['end'] })
  .refine((row) => row.text.length === row.end - row.start, {
    message: 'text must be as long as end − start.',
    path: ['text'],
  });

export type ExportedRow = z.infer<typeof exportedRowSchema>;

/** The row, or the first reason it is refused, as "field: message". */
export function parseExportedRow(fields: Record<string, unknown>): { row: ExportedRow } | { error: string } {
  const parsed = exportedRowSchema.safeParse(fields);
  if (parsed.success) return { row: parsed.data };
  const issue = parsed.error.issues[0];
  return { error: `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}` };
}
