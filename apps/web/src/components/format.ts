// Formatting shared by the pages: dates, counted nouns and error messages in plain English.
import { type Claim, type ClaimOccurrence, carrierOf } from '@attest/core';
import { ApiError } from '../api/client.ts';

const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });

/** "12 Mar 2026"-style date, or an empty string for a missing or unreadable date. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

/** "1 document", "3 documents". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en')} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * The reason a form was refused, naming each field the server found wrong by the label the form
 * shows ("Source URL: …", not "url: …"); other errors as they are.
 */
export function formErrorMessage(error: unknown, labelByField: Readonly<Record<string, string>>): string {
  const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  if (fields.length === 0) return errorMessage(error);
  return fields.map((field) => `${labelByField[field.path] ?? field.path}: ${field.message}`).join(' ');
}

/** The message of anything thrown, for the user. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const byteUnits = ['bytes', 'kB', 'MB', 'GB'] as const;

/** "812 bytes", "4.2 kB", "18.6 MB" (powers of 1,000, as file managers show them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < byteUnits.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${bytes.toLocaleString('en')} bytes` : `${value.toFixed(1)} ${byteUnits[unit]}`;
}

/** The parts of a claim the sentences below read (core's `Claim` narrowed, so tests can build one). */
export type ClaimReach = Pick<Claim, 'documentCount' | 'outletCount' | 'documentsWithoutOutlet'> & {
  firstOccurrence: Pick<ClaimOccurrence, 'outlet' | 'title' | 'publishedAt'>;
  occurrences: readonly Pick<ClaimOccurrence, 'publishedAt'>[];
};

/**
 * "Carried by 3 documents from 2 outlets and 1 document without an outlet": a document imported
 * without an outlet is not counted as an outlet of its own.
 */
export function carriedByText(claim: ClaimReach): string {
  const documents = `Carried by ${plural(claim.documentCount, 'document')}`;
  if (claim.outletCount === 0) return `${documents}, none with an outlet`;
  const withoutOutlet =
    claim.documentsWithoutOutlet > 0
      ? ` and ${plural(claim.documentsWithoutOutlet, 'document')} without an outlet`
      : '';
  return `${documents} from ${plural(claim.outletCount, 'outlet')}${withoutOutlet}`;
}

/**
 * Where the claim appeared first, saying "published" only when that is known: occurrences are
 * ordered by publication date with undated ones last, so an undated first means none is dated.
 */
export function firstAppearanceText(claim: ClaimReach): string {
  const first = claim.firstOccurrence;
  const date = formatDate(first.publishedAt);
  if (!date) return `No publication dates; first imported: ${carrierOf(first)}`;
  const undated = claim.occurrences.filter((occurrence) => !occurrence.publishedAt).length;
  const among = undated > 0 ? ` (of the dated ones; ${plural(undated, 'occurrence')} undated)` : '';
  return `First published: ${carrierOf(first)}, ${date}${among}`;
}
