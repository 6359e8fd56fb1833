// A first export: one row per sentence of a project with the caller's annotation, streamed
// document by document so memory stays flat. The datasets work extends the row schema.
import { listAnnotationsForDocument, listDocuments, listSentences } from '@attest/db';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';

export const exportSchemaVersion = 1;

export interface ExportRow {
  schema_version: number;
  project: string;
  document_id: string;
  title: string;
  sentence_id: string;
  position: number;
  kind: string;
  start: number;
  end: number;
  text: string;
  label: string | null;
  source: string | null;
  chain: string[];
  cues: { start: number; end: number; kind: string; text: string }[];
  note: string | null;
  suggested_label: string | null;
}

export async function* exportRows(context: ServiceContext, projectSlug: string): AsyncGenerator<ExportRow> {
  const { project } = await requireProject(context, projectSlug, managers, 'export it');
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const page = await listDocuments(context.db, {
      projectId: project.id,
      annotatorId: context.userId,
      limit: 100,
      after,
    });
    for (const document of page) {
      const [sentences, annotations] = await Promise.all([
        listSentences(context.db, document.id),
        listAnnotationsForDocument(context.db, document.id, context.userId),
      ]);
      const annotationBySentence = new Map(
        annotations.map((annotation) => [annotation.sentenceId, annotation]),
      );
      for (const sentence of sentences) {
        const annotation = annotationBySentence.get(sentence.id);
        const documentText = (start: number, end: number) =>
          sentence.text.slice(start - sentence.start, end - sentence.start);
        yield {
          schema_version: exportSchemaVersion,
          project: project.slug,
          document_id: document.id,
          title: document.title,
          sentence_id: sentence.id,
          position: sentence.position,
          kind: sentence.kind,
          start: sentence.start,
          end: sentence.end,
          text: sentence.text,
          label: annotation?.labelKey ?? null,
          source: annotation?.source ?? null,
          chain: annotation?.chain ?? [],
          cues: (annotation?.cues ?? []).map((cue) => ({ ...cue, text: documentText(cue.start, cue.end) })),
          note: annotation?.note ?? null,
          suggested_label: sentence.suggestion?.label ?? null,
        };
      }
    }
    const last = page.at(-1);
    if (page.length < 100 || !last) return;
    after = { createdAt: last.createdAt, id: last.id };
  }
}
