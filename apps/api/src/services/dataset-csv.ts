// CSV for spreadsheets and pandas: RFC 4180, UTF-8, one header line, lists and objects as JSON,
// and cells a spreadsheet would run as a formula neutralised.

import { type DatasetRow, datasetFieldNames } from '@attest/core';
import { stringify } from 'csv-stringify/sync';

/**
 * Prefixes a single quote to text that starts like a formula (= + - @, or a tab or carriage
 * return before one), so Excel and LibreOffice show it instead of evaluating it (CWE-1236).
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV cell: null as empty, lists and objects as JSON text, formulas neutralised. */
export function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutraliseCell(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return neutraliseCell(JSON.stringify(value));
}

export function csvHeader(): string {
  return stringify([[...datasetFieldNames]], { record_delimiter: '\r\n' });
}

export function csvLines(rows: readonly DatasetRow[]): string {
  if (rows.length === 0) return '';
  return stringify(
    rows.map((row) => datasetFieldNames.map((field) => cellOf(row[field]))),
    { record_delimiter: '\r\n' },
  );
}
