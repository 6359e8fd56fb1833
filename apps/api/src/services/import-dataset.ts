// Importing many articles at once: JSON lines or CSV with metadata columns, plain text files,
// and Attest's own exports (rows, or the zip bundle with the documents' full text), which
// bring back the exported sentences, annotations and adjudications. Bad rows are reported by
// line and the good ones kept; in strict mode one bad row keeps everything out.
import { createHash } from 'node:crypto';
import {
  cueOutsideSentence,
  documentImportSchema,
  type ImportError,
  type ImportReport,
  type ProjectRole,
  type Segment,
} from '@attest/core';
import {
  countDocumentsWaitingForLinking,
  type Executor,
  fillAssignments,
  findDocumentByHash,
  insertAdjudication,
  insertAnnotation,
  insertAnnotationEvent,
  insertDocumentWithSentences,
  listLabels,
  listMembers,
  listSentences,
  type ProjectRow,
  queueClaimLinking,
} from '@attest/db';
import { TransactionRollbackError } from 'drizzle-orm';
import { ForbiddenError } from '../errors.ts';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { type ArticleInput, storeDocuments, whileImporting } from './import-document.ts';
import { type ExportedRow, parseExportedRow } from './import-exported-row.ts';
import { type ImportFile, readImportFiles, type SourceRecord } from './import-files.ts';
import { suggestionsFor } from './suggestions.ts';

export { importFileKind } from '@attest/core';
export type { ImportFile } from './import-files.ts';

export type { ImportReport };

export interface ImportOptions {
  /** Write nothing when any row of any file is bad. */
  strict?: boolean;
  /** Owners only: give exported labels back to the members with the exported e-mail addresses. */
  keepAnnotators?: boolean;
}

/** A member an exported e-mail address may stand for. */
interface MemberRef {
  userId: string;
  role: ProjectRole;
}

interface ParsedRow {
  record: SourceRecord;
  row: ExportedRow;
}

/** What the rows of an import did: documents created or already there per upload, and bad rows. */
interface ImportTally {
  /** Per uploaded file: documents created and documents the project already held. */
  counts: Map<string, { imported: number; skipped: number }>;
  errors: ImportError[];
}

/** Articles stored per transaction: few statements each, and a bounded amount held in memory. */
const articlesPerBatch = 500;

export async function importDataset(
  context: ServiceContext,
  projectSlug: string,
  files: readonly ImportFile[],
  options: ImportOptions = {},
): Promise<ImportReport> {
  const { project, role } = await requireProject(context, projectSlug, managers, 'import documents');
  if (options.keepAnnotators && role !== 'owner')
    throw new ForbiddenError(
      'Only owners may import labels under the exported annotators; import them as your own instead.',
    );
  return whileImporting(context, () => importInto(context, project, files, options));
}

/** The import itself, once the caller may make it. */
async function importInto(
  context: ServiceContext,
  project: ProjectRow,
  files: readonly ImportFile[],
  options: ImportOptions,
): Promise<ImportReport> {
  const { records, bodies, errors: readErrors } = await readImportFiles(files);
  const nothing: ImportTally = { counts: new Map(), errors: [] };
  const answer = async (tally: ImportTally): Promise<ImportReport> => {
    if (tally.counts.size > 0) {
      context.claimLinker?.wake();
      // Articles (JSON lines, CSV rows, files) are stored without their suggestions.
      context.suggestionFiller?.wake();
    }
    const waitingDocuments = await countDocumentsWaitingForLinking(context.db, { projectId: project.id });
    return { ...reportOf(files, readErrors, tally), linking: { waitingDocuments } };
  };
  if (options.strict && readErrors.length > 0) return answer(nothing);
  const importRows = async (db: Executor): Promise<ImportTally> => {
    const importer = await Importer.create({ ...context, db }, project, options.keepAnnotators ?? false);
    return importer.run(records, bodies);
  };
  if (!options.strict) return answer(await importRows(context.db));
  // A strict import with a bad row rolls back with Drizzle's `tx.rollback()`, which ends the
  // transaction by throwing TransactionRollbackError out of it; the tally read inside says why.
  let tally = nothing;
  try {
    await context.db.transaction(async (transaction) => {
      tally = await importRows(transaction);
      if (tally.errors.length > 0) transaction.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
    // Nothing was written: only the bad rows are reported.
    return answer({ counts: new Map(), errors: tally.errors });
  }
  return answer(tally);
}

/** The answer: totals, the bad rows (read errors first) and each file's verdict, a zip's entries included. */
function reportOf(
  files: readonly ImportFile[],
  readErrors: ImportError[],
  tally: ImportTally,
): Omit<ImportReport, 'linking'> {
  const errors = [...readErrors, ...tally.errors];
  const verdicts = files.map((file) => {
    const counts = tally.counts.get(file.name) ?? { imported: 0, skipped: 0 };
    return {
      file: file.name,
      ...counts,
      errors: errors.filter((error) => error.file === file.name || error.file?.startsWith(`${file.name}/`))
        .length,
    };
  });
  let imported = 0;
  let skipped = 0;
  for (const counts of tally.counts.values()) {
    imported += counts.imported;
    skipped += counts.skipped;
  }
  return { imported, skipped, errors, files: verdicts };
}

function isExportRow(fields: Record<string, unknown>): boolean {
  return typeof fields['schema_version'] === 'number' && typeof fields['sentence_id'] === 'string';
}

const optionalText = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

class Importer {
  private constructor(
    private readonly context: ServiceContext,
    private readonly project: ProjectRow,
    private readonly labelIds: Map<string, string>,
    private readonly membersByEmail: Map<string, MemberRef>,
    private readonly importingUserId: string | undefined,
    private readonly keepsAnnotators: boolean,
  ) {}

  static async create(context: ServiceContext, project: ProjectRow, keepsAnnotators: boolean) {
    const labels = await listLabels(context.db, { projectId: project.id });
    const members = await listMembers(context.db, { projectId: project.id });
    // The local operator is nobody: its imported labels go to the project's first owner.
    const importingUserId = context.isOperator
      ? members.find((member) => member.role === 'owner')?.userId
      : context.userId;
    return new Importer(
      context,
      project,
      new Map(labels.map((label) => [label.key, label.id])),
      new Map(members.map((member) => [member.email.toLowerCase(), member])),
      importingUserId,
      keepsAnnotators,
    );
  }

  /** What this importer's rows did so far; `run` answers it. */
  private readonly tally: ImportTally = { counts: new Map(), errors: [] };

  async run(records: SourceRecord[], bodies: Map<string, string>): Promise<ImportTally> {
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
    return this.tally;
  }

  private count(record: SourceRecord, outcome: 'imported' | 'skipped'): void {
    const counts = this.tally.counts.get(record.upload) ?? { imported: 0, skipped: 0 };
    counts[outcome]++;
    this.tally.counts.set(record.upload, counts);
  }

  private fail(record: SourceRecord, message: string): void {
    this.tally.errors.push({ file: record.file, line: record.line, message });
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
      else this.count(valid[index]!.record, outcome.created ? 'imported' : 'skipped');
    }
    for (const record of records) {
      const message = messages.get(record);
      if (message !== undefined) this.fail(record, message);
    }
  }

  /**
   * Imported work is the importer's. Only when an owner asks to keep the exported annotators
   * does a member's e-mail get their label back, and a gold label only a reviewer's or owner's.
   */
  private userFor(person: string | undefined, mayDecide = false): string | undefined {
    const member = this.keepsAnnotators && person ? this.membersByEmail.get(person.toLowerCase()) : undefined;
    if (member && (!mayDecide || member.role !== 'analyst')) return member.userId;
    return this.importingUserId;
  }

  /** One exported document: its sentences as exported, then annotations and adjudications. */
  private async importExportedDocument(group: SourceRecord[], bodies: Map<string, string>): Promise<void> {
    const rows: ParsedRow[] = [];
    for (const record of group) {
      const parsed = parseExportedRow(record.fields);
      if ('error' in parsed) return this.fail(record, `${parsed.error} The document is left out.`);
      rows.push({ record, row: parsed.row });
    }
    const first = rows[0]!;
    const sentencesById = new Map<string, ParsedRow>();
    for (const item of rows)
      if (!sentencesById.has(item.row.sentence_id)) sentencesById.set(item.row.sentence_id, item);
    const ordered = [...sentencesById.values()].sort((a, b) => a.row.position - b.row.position);
    for (const [index, item] of ordered.entries()) {
      const previous = ordered[index - 1];
      if (previous && (item.row.position === previous.row.position || item.row.start < previous.row.end))
        return this.fail(
          item.record,
          `The sentence overlaps the one before it (position ${item.row.position}, offsets ${item.row.start}–${item.row.end}); the document is left out.`,
        );
    }
    const body = bodies.get(first.row.document_id) ?? rebuildBody(ordered);
    const checkedBody = documentImportSchema.shape.body.safeParse(body);
    if (!checkedBody.success)
      return this.fail(
        first.record,
        `The document's text: ${checkedBody.error.issues[0]?.message ?? 'invalid'} The document is left out.`,
      );
    for (const { record, row } of ordered) {
      if (body.slice(row.start, row.end) !== row.text)
        return this.fail(
          record,
          `The text does not match the document at ${row.start}–${row.end}; the document is left out.`,
        );
    }
    const bodySha256 = createHash('sha256').update(body, 'utf8').digest('hex');
    if (await findDocumentByHash(this.context.db, { projectId: this.project.id, bodySha256 })) {
      this.count(first.record, 'skipped');
      return;
    }
    const segments: Segment[] = ordered.map(({ row }) => ({
      start: row.start,
      end: row.end,
      kind: row.kind,
      text: row.text,
    }));
    // Suggested at once, spans included: a dataset's documents come with labels to check against
    // them, and such imports are small beside article uploads (suggestion-filler.ts).
    const suggestions = suggestionsFor(body, segments);
    const work = async (db: Executor) => {
      const document = await insertDocumentWithSentences(db, {
        document: {
          projectId: this.project.id,
          title: first.row.title || 'Untitled article',
          outlet: first.row.outlet || null,
          url: first.row.url ?? null,
          publishedAt: first.row.published_at ? new Date(first.row.published_at) : null,
          body,
          bodySha256,
          createdBy: this.context.isOperator ? null : this.context.userId,
        },
        sentences: ordered.map(({ row }, index) => ({
          position: row.position,
          start: row.start,
          end: row.end,
          kind: row.kind,
          text: row.text,
          suggestion: suggestions[index] ?? null,
        })),
      });
      if (!document) return false;
      const stored = await listSentences(db, { projectId: document.projectId, documentId: document.id });
      const storedByPosition = new Map(stored.map((sentence) => [sentence.position, sentence]));
      const taken = new Set<string>();
      for (const item of rows) {
        const position = sentencesById.get(item.row.sentence_id)!.row.position;
        const sentence = storedByPosition.get(position)!;
        await this.importLabels(db, item, sentence, taken);
      }
      await fillAssignments(db, {
        projectId: this.project.id,
        perDocument: this.project.annotatorsPerDocument,
        onlyDocumentIds: [document.id],
      });
      await queueClaimLinking(db, { projectId: this.project.id, documentIds: [document.id] });
      return true;
    };
    const created = await this.context.db.transaction(work);
    this.count(first.record, created ? 'imported' : 'skipped');
  }

  private async importLabels(
    db: Executor,
    { record, row }: ParsedRow,
    sentence: { id: string; documentId: string; start: number; end: number },
    taken: Set<string>,
  ) {
    const evidence = {
      source: row.source?.trim() || null,
      chain: row.chain ?? [],
      cues: (row.cues ?? []).map(({ start, end, kind }) => ({ start, end, kind })),
      note: row.note?.trim() || null,
    };
    // The save's own rule: a cue is a non-empty span inside its sentence.
    const outside = evidence.cues.map((cue) => cueOutsideSentence(sentence, cue)).find(Boolean);
    // The annotations scope has one analyst per row; the gold scope lists every analyst's
    // label, the one that gave the gold label first (its evidence is the row's).
    const labelled =
      row.scope === 'annotations'
        ? [{ annotator: row.annotator, label: row.label, evidence }]
        : (row.annotations ?? [])
            .map((item) => ({ ...item, evidence: item.label === row.label ? evidence : undefined }))
            .sort((a, b) => Number(b.evidence !== undefined) - Number(a.evidence !== undefined));
    for (const item of labelled) {
      if (!item.label) continue;
      const labelId = this.labelIds.get(item.label);
      if (!labelId) {
        this.fail(record, `The project has no label "${item.label}"; that annotation is left out.`);
        continue;
      }
      if (item.evidence && outside) {
        this.fail(record, `${outside} That annotation is left out.`);
        continue;
      }
      const annotatorId = this.userFor(item.annotator);
      if (!annotatorId) {
        this.fail(record, 'No member to attribute the annotation to; add an owner to the project.');
        continue;
      }
      const key = `${sentence.id}/${annotatorId}`;
      if (taken.has(key)) {
        this.fail(
          record,
          this.keepsAnnotators
            ? `A second annotation of the sentence by the same person (${item.annotator ?? 'unknown'}) is left out.`
            : `The label by ${item.annotator ?? 'another annotator'} is left out: imported labels are yours, one per sentence (an owner can keep the exported annotators with annotators=members).`,
        );
        continue;
      }
      taken.add(key);
      const values = item.evidence ?? { source: null, chain: [], cues: [], note: null };
      await insertAnnotation(db, { sentenceId: sentence.id, annotatorId, labelId, ...values });
      await insertAnnotationEvent(db, {
        documentId: sentence.documentId,
        sentenceId: sentence.id,
        annotatorId,
        action: 'import',
        before: null,
        after: { label: item.label, ...values, version: 1 },
      });
    }
    const goldLabel = row.gold_label ?? (row.scope === 'gold' ? row.label : undefined);
    if (row.status !== 'adjudicated' || !goldLabel || taken.has(`${sentence.id}/gold`)) return;
    taken.add(`${sentence.id}/gold`);
    const labelId = this.labelIds.get(goldLabel);
    const decidedBy = this.userFor(row.adjudicator, true);
    if (!labelId)
      return this.fail(record, `The project has no label "${goldLabel}"; the gold label is left out.`);
    if (!decidedBy) return;
    const note = row.adjudication_note?.trim() || null;
    await insertAdjudication(db, { sentenceId: sentence.id, labelId, note, decidedBy });
    await insertAnnotationEvent(db, {
      documentId: sentence.documentId,
      sentenceId: sentence.id,
      annotatorId: decidedBy,
      action: 'import_adjudication',
      before: null,
      after: { label: goldLabel, source: null, chain: [], cues: [], note, version: 1 },
    });
  }
}

/**
 * Without the documents file the text between sentences is unknown: the sentences go back at
 * their offsets with spaces between them, so offsets and cues still hold (the hash does not).
 */
function rebuildBody(ordered: readonly ParsedRow[]): string {
  let body = '';
  for (const { row } of ordered) body = body.padEnd(row.start, ' ') + row.text;
  return `${body}\n`;
}
