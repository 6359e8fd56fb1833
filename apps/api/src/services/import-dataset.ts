// Importing many articles at once: JSON lines or CSV with metadata columns, plain text files,
// and Attest's own exports (rows, or the zip bundle with the documents' full text), which
// bring back the exported sentences, annotations and adjudications. Bad rows are reported by
// line and the good ones kept; in strict mode one bad row keeps everything out.
import { createHash } from 'node:crypto';
import { documentImportSchema, type Segment } from '@attest/core';
import {
  type Executor,
  fillAssignments,
  findDocumentByHash,
  insertAdjudication,
  insertAnnotation,
  insertDocumentWithSentences,
  listLabels,
  listMembers,
  listSentences,
  type ProjectWithCount,
} from '@attest/db';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { type ArticleInput, storeDocuments } from './import-document.ts';
import { type ImportError, type ImportFile, readImportFiles, type SourceRecord } from './import-files.ts';
import { suggestionsFor } from './suggestions.ts';

export type { ImportError, ImportFile } from './import-files.ts';
export { importFileKind } from './import-files.ts';

export interface ImportReport {
  /** Documents created. */
  imported: number;
  /** Documents the project already held (the same text): left as they are. */
  skipped: number;
  errors: ImportError[];
}

class StrictRollback extends Error {}

/** Articles stored per transaction: few statements each, and a bounded amount held in memory. */
const articlesPerBatch = 500;

export async function importDataset(
  context: ServiceContext,
  projectSlug: string,
  files: readonly ImportFile[],
  options: { strict?: boolean } = {},
): Promise<ImportReport> {
  const { project } = await requireProject(context, projectSlug, managers, 'import documents');
  const { records, bodies, errors } = await readImportFiles(files);
  const report: ImportReport = { imported: 0, skipped: 0, errors };
  if (options.strict && report.errors.length > 0) return report;
  const work = async (db: Executor) => {
    const importer = await Importer.create({ ...context, db }, project, report);
    await importer.run(records, bodies);
    if (options.strict && report.errors.length > 0) throw new StrictRollback();
  };
  if (!options.strict) {
    await work(context.db);
    return report;
  }
  try {
    await context.db.transaction(work);
  } catch (error) {
    if (!(error instanceof StrictRollback)) throw error;
    return { imported: 0, skipped: 0, errors: report.errors };
  }
  return report;
}

function isExportRow(fields: Record<string, unknown>): boolean {
  return typeof fields['schema_version'] === 'number' && typeof fields['sentence_id'] === 'string';
}

const optionalText = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

class Importer {
  private constructor(
    private readonly context: ServiceContext,
    private readonly project: ProjectWithCount,
    private readonly report: ImportReport,
    private readonly labelIds: Map<string, string>,
    private readonly membersByEmail: Map<string, string>,
    private readonly importingUserId: string | undefined,
  ) {}

  static async create(context: ServiceContext, project: ProjectWithCount, report: ImportReport) {
    const labels = await listLabels(context.db, project.id);
    const members = await listMembers(context.db, project.id);
    // The local operator is nobody: its imported labels go to the project's first owner.
    const importingUserId = context.isOperator
      ? members.find((member) => member.role === 'owner')?.userId
      : context.userId;
    return new Importer(
      context,
      project,
      report,
      new Map(labels.map((label) => [label.key, label.id])),
      new Map(members.map((member) => [member.email.toLowerCase(), member.userId])),
      importingUserId,
    );
  }

  async run(records: SourceRecord[], bodies: Map<string, string>): Promise<void> {
    let group: SourceRecord[] = [];
    let articles: SourceRecord[] = [];
    const flush = async () => {
      if (group.length > 0) await this.importExportedDocument(group, bodies);
      group = [];
    };
    const flushArticles = async () => {
      if (articles.length > 0) await this.importArticles(articles);
      articles = [];
    };
    for (const record of records) {
      if (!isExportRow(record.fields)) {
        await flush();
        articles.push(record);
        if (articles.length >= articlesPerBatch) await flushArticles();
        continue;
      }
      await flushArticles();
      if (group.length > 0 && group[0]!.fields['document_id'] !== record.fields['document_id']) await flush();
      group.push(record);
    }
    await flushArticles();
    await flush();
  }

  private fail(record: SourceRecord, message: string): void {
    this.report.errors.push({ file: record.file, line: record.line, message });
  }

  /** A batch of articles: validated here, then stored together; errors keep the rows' order. */
  private async importArticles(records: SourceRecord[]): Promise<void> {
    const messages = new Map<SourceRecord, string>();
    const valid: { record: SourceRecord; input: ArticleInput }[] = [];
    for (const record of records) {
      const { fields } = record;
      const parsed = documentImportSchema.safeParse({
        title: optionalText(fields['title']),
        body: fields['body'] ?? fields['text'],
        outlet: optionalText(fields['outlet']),
        url: optionalText(fields['url']),
        publishedAt: optionalText(fields['published_at'] ?? fields['publishedAt']),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        messages.set(record, `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`);
        continue;
      }
      valid.push({ record, input: { ...parsed.data, fallbackTitle: optionalText(fields['fallbackTitle']) } });
    }
    const outcomes = await storeDocuments(
      this.context.db,
      this.project,
      valid.map((item) => item.input),
      this.context.isOperator ? null : this.context.userId,
    );
    for (const [index, outcome] of outcomes.entries()) {
      if ('error' in outcome) messages.set(valid[index]!.record, outcome.error);
      else this.report[outcome.created ? 'imported' : 'skipped']++;
    }
    for (const record of records) {
      const message = messages.get(record);
      if (message !== undefined) this.fail(record, message);
    }
  }

  private userFor(annotator: unknown): string | undefined {
    if (typeof annotator === 'string') {
      const member = this.membersByEmail.get(annotator.toLowerCase());
      if (member) return member;
    }
    return this.importingUserId;
  }

  /** One exported document: its sentences as exported, then annotations and adjudications. */
  private async importExportedDocument(group: SourceRecord[], bodies: Map<string, string>): Promise<void> {
    const first = group[0]!;
    const sentencesById = new Map<string, SourceRecord>();
    for (const record of group) {
      const fields = record.fields;
      const isValid =
        typeof fields['text'] === 'string' &&
        Number.isInteger(fields['start']) &&
        Number.isInteger(fields['end']) &&
        Number.isInteger(fields['position']) &&
        ['headline', 'sentence', 'boilerplate'].includes(fields['kind'] as string);
      if (!isValid) return this.fail(record, 'An exported row needs text, start, end, position and kind.');
      if (!sentencesById.has(fields['sentence_id'] as string))
        sentencesById.set(fields['sentence_id'] as string, record);
    }
    const ordered = [...sentencesById.values()].sort(
      (a, b) => (a.fields['position'] as number) - (b.fields['position'] as number),
    );
    const body = bodies.get(first.fields['document_id'] as string) ?? rebuildBody(ordered);
    for (const record of ordered) {
      const { start, end, text } = record.fields as { start: number; end: number; text: string };
      if (body.slice(start, end) !== text)
        return this.fail(
          record,
          `The text does not match the document at ${start}–${end}; the document is left out.`,
        );
    }
    const bodySha256 = createHash('sha256').update(body, 'utf8').digest('hex');
    if (await findDocumentByHash(this.context.db, this.project.id, bodySha256)) {
      this.report.skipped++;
      return;
    }
    const segments: Segment[] = ordered.map((record) => ({
      start: record.fields['start'] as number,
      end: record.fields['end'] as number,
      kind: record.fields['kind'] as Segment['kind'],
      text: record.fields['text'] as string,
    }));
    const suggestions = suggestionsFor(body, segments);
    const publishedAt = optionalText(first.fields['published_at']);
    const work = async (db: Executor) => {
      const document = await insertDocumentWithSentences(
        db,
        {
          projectId: this.project.id,
          title: optionalText(first.fields['title']) ?? 'Untitled article',
          outlet: optionalText(first.fields['outlet']) ?? null,
          url: optionalText(first.fields['url']) ?? null,
          publishedAt: publishedAt ? new Date(publishedAt) : null,
          body,
          bodySha256,
          createdBy: this.context.isOperator ? null : this.context.userId,
        },
        ordered.map((record, index) => ({
          position: record.fields['position'] as number,
          start: segments[index]!.start,
          end: segments[index]!.end,
          kind: segments[index]!.kind,
          text: segments[index]!.text,
          suggestion: suggestions[index] ?? null,
        })),
      );
      if (!document) return false;
      const stored = await listSentences(db, document.id);
      const newIdByPosition = new Map(stored.map((sentence) => [sentence.position, sentence.id]));
      const taken = new Set<string>();
      for (const record of group) {
        const sentenceId = newIdByPosition.get(record.fields['position'] as number)!;
        await this.importLabels(db, record, sentenceId, taken);
      }
      await fillAssignments(db, this.project.id, this.project.annotatorsPerDocument, [document.id]);
      return true;
    };
    const created = await this.context.db.transaction(work);
    this.report[created ? 'imported' : 'skipped']++;
  }

  private async importLabels(db: Executor, record: SourceRecord, sentenceId: string, taken: Set<string>) {
    const fields = record.fields;
    const cues = (Array.isArray(fields['cues']) ? fields['cues'] : []) as {
      start: number;
      end: number;
      kind: string;
    }[];
    const evidence = {
      source: optionalText(fields['source']) ?? null,
      chain: (Array.isArray(fields['chain']) ? fields['chain'] : []) as string[],
      cues: cues.map(({ start, end, kind }) => ({ start, end, kind })) as never,
      note: optionalText(fields['note']) ?? null,
    };
    // The annotations scope has one analyst per row; the gold scope lists every analyst's label.
    const labelled =
      fields['scope'] === 'annotations'
        ? [{ annotator: fields['annotator'], label: fields['label'], evidence }]
        : (
            (Array.isArray(fields['annotations']) ? fields['annotations'] : []) as {
              annotator: unknown;
              label: unknown;
            }[]
          ).map((item) => ({ ...item, evidence: item.label === fields['label'] ? evidence : undefined }));
    for (const item of labelled) {
      if (typeof item.label !== 'string' || !item.label) continue;
      const labelId = this.labelIds.get(item.label);
      if (!labelId) {
        this.fail(record, `The project has no label "${item.label}"; that annotation is left out.`);
        continue;
      }
      const annotatorId = this.userFor(item.annotator);
      if (!annotatorId) {
        this.fail(record, 'No member to attribute the annotation to; add an owner to the project.');
        continue;
      }
      const key = `${sentenceId}/${annotatorId}`;
      if (taken.has(key)) {
        this.fail(
          record,
          `A second annotation of the sentence by the same person (${String(item.annotator)}) is left out.`,
        );
        continue;
      }
      taken.add(key);
      const values = item.evidence ?? { source: null, chain: [], cues: [], note: null };
      await insertAnnotation(db, { sentenceId, annotatorId, labelId, ...values });
    }
    const goldLabel = fields['gold_label'] ?? (fields['scope'] === 'gold' ? fields['label'] : undefined);
    if (
      fields['status'] === 'adjudicated' &&
      typeof goldLabel === 'string' &&
      !taken.has(`${sentenceId}/gold`)
    ) {
      taken.add(`${sentenceId}/gold`);
      const labelId = this.labelIds.get(goldLabel);
      const decidedBy = this.userFor(fields['adjudicator']);
      if (labelId && decidedBy)
        await insertAdjudication(db, {
          sentenceId,
          labelId,
          note: optionalText(fields['adjudication_note']) ?? null,
          decidedBy,
        });
    }
  }
}

/**
 * Without the documents file the text between sentences is unknown: the sentences go back at
 * their offsets with spaces between them, so offsets and cues still hold (the hash does not).
 */
function rebuildBody(ordered: SourceRecord[]): string {
  let body = '';
  for (const record of ordered) {
    const { start, text } = record.fields as { start: number; text: string };
    if (start < body.length) continue;
    body = body.padEnd(start, ' ') + text;
  }
  return `${body}\n`;
}
