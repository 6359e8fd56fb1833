// Reading uploaded import files into rows: by kind (from the extension), each bad line
// reported with its file and line, and the whole import refused early (413/422) when it is
// larger than an import may be, before anything is parsed into memory or written.
import { acceptedImportKinds, datasetFieldsOfType, type ImportError, importFileKind } from '@attest/core';
import { parse as parseCsv } from 'csv-parse/sync';
import { ProblemError } from '../errors.ts';
import { listZipEntries, readZipEntry } from './import-zip.ts';

export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

export interface SourceRecord {
  /** The uploaded file the row came from (a zip's, for its entries). */
  upload: string;
  /** Where the row is: the file, or the zip and its entry. */
  file: string;
  line: number;
  fields: Record<string, unknown>;
}

/** Rows (lines, CSV records, articles) one import request may hold, over all its files. */
export const maxImportRows = 100_000;

/** What the files hold, in order: rows, the zip bundles' document texts, and the bad lines. */
export interface ReadFiles {
  records: SourceRecord[];
  /** Article text by exported document id, from the zip bundles' documents.jsonl. */
  bodies: Map<string, string>;
  errors: ImportError[];
}

export async function readImportFiles(files: readonly ImportFile[]): Promise<ReadFiles> {
  const reader = new FilesReader();
  for (const file of files) await reader.readFile(file, file.name);
  return reader.read;
}

/** Reads files one after another into what they hold together (the row limit counts them all). */
class FilesReader {
  readonly read: ReadFiles = { records: [], bodies: new Map(), errors: [] };

  private countRows(file: string, added: number): void {
    if (this.read.records.length + this.read.errors.length + added > maxImportRows)
      throw new ProblemError(
        413,
        'import-too-large',
        'The import has too many rows',
        `${file}: an import may hold at most ${maxImportRows.toLocaleString('en')} rows over all its files; split the file and import the parts one after another.`,
      );
  }

  private decode(file: ImportFile): string | undefined {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(file.bytes).replace(/^\uFEFF/, '');
    } catch {
      this.read.errors.push({ file: file.name, line: 1, message: 'The file is not UTF-8 text.' });
      return undefined;
    }
  }

  /** Non-empty lines with their 1-based numbers, counted against the row limit first. */
  private linesOf(text: string, file: string): [number, string][] {
    const lines: [number, string][] = [];
    let start = 0;
    let number = 1;
    while (start <= text.length) {
      const end = text.indexOf('\n', start);
      const line = text.slice(start, end === -1 ? text.length : end);
      if (line.trim()) {
        lines.push([number, line]);
        if (lines.length % 10_000 === 0) this.countRows(file, lines.length);
      }
      if (end === -1) break;
      start = end + 1;
      number++;
    }
    this.countRows(file, lines.length);
    return lines;
  }

  private async readZip(file: ImportFile): Promise<void> {
    const entries = listZipEntries(file.name, file.bytes);
    if (!entries) {
      this.read.errors.push({ file: file.name, line: 1, message: 'The file is not a readable zip archive.' });
      return;
    }
    const documentsEntry = entries.find((entry) => entry.name === 'documents.jsonl');
    const dataEntry = entries.find(
      (entry) => entry.name.endsWith('.jsonl') && entry.name !== 'documents.jsonl',
    );
    if (!dataEntry) {
      this.read.errors.push({ file: file.name, line: 1, message: 'The zip holds no data .jsonl file.' });
      return;
    }
    if (documentsEntry) {
      const where = `${file.name}/documents.jsonl`;
      const text = this.decode({
        name: where,
        bytes: await readZipEntry(file.name, file.bytes, documentsEntry),
      });
      for (const [line, content] of text === undefined ? [] : this.linesOf(text, where)) {
        const document = parseObject(content);
        if (typeof document?.['document_id'] !== 'string' || typeof document['body'] !== 'string') {
          this.read.errors.push({
            file: where,
            line,
            message: 'Not a document: each line needs a JSON object with "document_id" and "body".',
          });
          continue;
        }
        this.read.bodies.set(document['document_id'], document['body']);
      }
    }
    const bytes = await readZipEntry(file.name, file.bytes, dataEntry);
    await this.readFile({ name: `${file.name}/${dataEntry.name}`, bytes }, file.name);
  }

  async readFile(file: ImportFile, upload: string): Promise<void> {
    const kind = importFileKind(file.name);
    if (typeof kind !== 'string') {
      this.read.errors.push({ file: file.name, line: 1, message: kind.refused });
      return;
    }
    if (kind === 'zip') return this.readZip(file);
    const text = this.decode(file);
    if (text === undefined) return;
    if (kind === 'txt') {
      const looksLike = looksLikeJson(text);
      if (looksLike) {
        this.read.errors.push({
          file: file.name,
          line: 1,
          message: `The file holds ${looksLike}, not an article. ${acceptedImportKinds}`,
        });
        return;
      }
      this.countRows(file.name, 1);
      const stem = file.name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
      this.read.records.push({
        upload,
        file: file.name,
        line: 1,
        fields: { body: text, fallbackTitle: stem },
      });
      return;
    }
    if (kind === 'jsonl') {
      for (const [line, content] of this.linesOf(text, file.name)) {
        const fields = parseObject(content);
        if (fields) this.read.records.push({ upload, file: file.name, line, fields });
        else this.read.errors.push({ file: file.name, line, message: 'Not a JSON object.' });
      }
      return;
    }
    try {
      const parsed = parseCsv(text, {
        columns: true,
        info: true,
        skip_empty_lines: true,
        relax_quotes: false,
        // More records than an import may hold stop the parser rather than fill memory.
        to: maxImportRows + 1,
      }) as { record: Record<string, string>; info: { lines: number } }[];
      this.countRows(file.name, parsed.length);
      for (const { record, info } of parsed)
        this.read.records.push({ upload, file: file.name, line: info.lines, fields: fromCsv(record) });
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      const line = (error as { lines?: number }).lines ?? 1;
      this.read.errors.push({ file: file.name, line, message: `Not valid CSV: ${(error as Error).message}` });
    }
  }
}

function parseObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a text file is really JSON (or JSON lines) saved as .txt, so it is not imported as prose. */
function looksLikeJson(text: string): string | undefined {
  if (!/^\s*[[{]/.test(text)) return undefined;
  try {
    JSON.parse(text);
    return 'JSON';
  } catch {
    const firstLine = text.trimStart().split('\n', 1)[0] ?? '';
    return parseObject(firstLine) ? 'JSON lines (save it as .jsonl to import its rows)' : undefined;
  }
}

// An exported CSV's cells are typed by the dataset field table: lists and objects are JSON text.
const csvJsonFields = new Set<string>(datasetFieldsOfType('string[]', 'cue[]', 'annotation[]'));
const csvNumberFields = new Set<string>(datasetFieldsOfType('int', 'float'));

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
