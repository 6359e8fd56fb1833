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
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { type ArticleInput, storeDocuments } from './import-document.ts';
import { suggestionsFor } from './suggestions.ts';

export interface ImportError {
  file?: string | undefined;
  line: number;
  message: string;
}

export interface ImportReport {
  /** Documents created. */
  imported: number;
  /** Documents the project already held (the same text): left as they are. */
  skipped: number;
  errors: ImportError[];
}

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

interface SourceRecord {
  file: string;
  line: number;
  fields: Record<string, unknown>;
}

class StrictRollback extends Error {}

/** Articles stored per transaction: few statements each, and a bounded amount held in memory. */
const articlesPerBatch = 500;

/** The kind of a file by its extension; anything else is treated as one plain-text article. */
export function importFileKind(name: string): 'jsonl' | 'csv' | 'zip' | 'txt' {
  const extension = name.toLowerCase().split('.').pop() ?? '';
  if (extension === 'jsonl' || extension === 'ndjson') return 'jsonl';
  if (extension === 'csv') return 'csv';
  if (extension === 'zip') return 'zip';
  return 'txt';
}

export async function importDataset(
  context: ServiceContext,
  projectSlug: string,
  files: readonly ImportFile[],
  options: { strict?: boolean } = {},
): Promise<ImportReport> {
  const { project } = await requireProject(context, projectSlug, managers, 'import documents');
  const report: ImportReport = { imported: 0, skipped: 0, errors: [] };
  const records: SourceRecord[] = [];
  const bodies = new Map<string, string>();
  for (const file of files) readFile(file, records, bodies, report);
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

function decode(file: ImportFile, report: ImportReport): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes).replace(/^\uFEFF/, '');
  } catch {
    report.errors.push({ file: file.name, line: 1, message: 'The file is not UTF-8 text.' });
    return undefined;
  }
}

function readFile(
  file: ImportFile,
  records: SourceRecord[],
  bodies: Map<string, string>,
  report: ImportReport,
): void {
  const kind = importFileKind(file.name);
  if (kind === 'zip') {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(file.bytes);
    } catch {
      report.errors.push({ file: file.name, line: 1, message: 'The file is not a readable zip archive.' });
      return;
    }
    const documentsFile = entries['documents.jsonl'];
    if (documentsFile) {
      for (const line of strFromU8(documentsFile).split('\n')) {
        if (!line.trim()) continue;
        const document = JSON.parse(line) as { document_id: string; body: string };
        bodies.set(document.document_id, document.body);
      }
    }
    const dataName = Object.keys(entries).find(
      (name) => name.endsWith('.jsonl') && name !== 'documents.jsonl',
    );
    if (!dataName) {
      report.errors.push({ file: file.name, line: 1, message: 'The zip holds no data .jsonl file.' });
      return;
    }
    readFile({ name: dataName, bytes: entries[dataName]! }, records, bodies, report);
    return;
  }
  const text = decode(file, report);
  if (text === undefined) return;
  if (kind === 'txt') {
    const stem = file.name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
    records.push({ file: file.name, line: 1, fields: { body: text, fallbackTitle: stem } });
    return;
  }
  if (kind === 'jsonl') {
    for (const [index, line] of text.split('\n').entries()) {
      if (!line.trim()) continue;
      try {
        const fields: unknown = JSON.parse(line);
        if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
          throw new Error('not an object');
        records.push({ file: file.name, line: index + 1, fields: fields as Record<string, unknown> });
      } catch {
        report.errors.push({ file: file.name, line: index + 1, message: 'Not a JSON object.' });
      }
    }
    return;
  }
  try {
    const parsed = parseCsv(text, {
      columns: true,
      info: true,
      skip_empty_lines: true,
      relax_quotes: false,
    }) as {
      record: Record<string, string>;
      info: { lines: number };
    }[];
    for (const { record, info } of parsed)
      records.push({ file: file.name, line: info.lines, fields: fromCsv(record) });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    report.errors.push({ file: file.name, line, message: `Not valid CSV: ${(error as Error).message}` });
  }
}

const csvJsonFields = new Set(['chain', 'cues', 'annotations']);
const csvNumberFields = new Set(['schema_version', 'position', 'start', 'end', 'start_cp', 'end_cp']);

/** Undoes what the CSV export did: empty cells are null, neutralised cells lose their quote. */
function fromCsv(record: Record<string, string>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(record)) {
    const text = /^'[=+\-@\t\r]/.test(raw) ? raw.slice(1) : raw;
    if (text === '') fields[key] = null;
    else if (csvJsonFields.has(key)) fields[key] = safeJson(text);
    else if (csvNumberFields.has(key)) fields[key] = Number(text);
    else fields[key] = text;
  }
  return fields;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
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
