// The answer to a dataset import (POST /api/projects/{slug}/imports), shared by the API, the
// web editor and the CLI.
import { z } from 'zod';
import { claimLinkingSchema } from './claims/api-types.ts';

export const importErrorSchema = z.object({
  /** The file the bad row is in, when the import had several. */
  file: z.string().optional(),
  line: z.int(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importReportSchema = z.object({
  imported: z.int(),
  skipped: z.int(),
  errors: z.array(importErrorSchema),
  /** Per file: rows imported and skipped, and its bad rows (1 when the file was not read). */
  files: z.array(z.object({ file: z.string(), imported: z.int(), skipped: z.int(), errors: z.int() })),
  /** The project's documents still to be linked into claims, the ones just imported included. */
  linking: claimLinkingSchema,
});
export type ImportReport = z.infer<typeof importReportSchema>;
