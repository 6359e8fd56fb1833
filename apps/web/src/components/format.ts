// Formatting shared by the pages: dates, counted nouns and error messages in plain English.
import { type Claim, type ClaimOccurrence, carrierOf, type Label } from '@attest/core';
import { ApiError } from '../api/client.ts';

const dayOptions: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric' };
const dateFormat = new Intl.DateTimeFormat('en', dayOptions);
// Publication days and the report's weeks are UTC days, as the database groups them: a
// publication date given without a time is kept as its UTC midnight, which a reader west of
// Greenwich would see as the day before.
const utcDayFormat = new Intl.DateTimeFormat('en', { ...dayOptions, timeZone: 'UTC' });
const utcTimeFormat = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

function parsedDate(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "Mar 12, 2026"-style date in the reader's time zone, or an empty string for a missing or unreadable date. */
export function formatDate(iso: string | null | undefined): string {
  const date = parsedDate(iso);
  return date ? dateFormat.format(date) : '';
}

/**
 * A day in UTC, "Mar 12, 2026" (a publication's, or a week's "2026-03-09"), or an empty string
 * for a missing or unreadable date.
 */
export function formatUtcDay(iso: string | null | undefined): string {
  const date = parsedDate(iso);
  return date ? utcDayFormat.format(date) : '';
}

/**
 * A publication's day and, when one was given, its time in UTC: "Mar 12, 2026, 03:10 UTC". UTC
 * midnight is read as a date given alone, so it shows the day only.
 */
export function formatPublishedTime(iso: string | null | undefined): string {
  const date = parsedDate(iso);
  if (!date) return '';
  const day = utcDayFormat.format(date);
  return date.getTime() % 86_400_000 === 0 ? day : `${day}, ${utcTimeFormat.format(date)} UTC`;
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
  const date = formatUtcDay(first.publishedAt);
  if (!date) return `No publication dates; first imported: ${carrierOf(first)}`;
  const undated = claim.occurrences.filter((occurrence) => !occurrence.publishedAt).length;
  const among = undated > 0 ? ` (of the dated ones; ${plural(undated, 'occurrence')} undated)` : '';
  return `First published: ${carrierOf(first)}, ${date}${among}`;
}

const attributionText: Record<ClaimOccurrence['attribution'], string> = {
  kcna: 'attributed to state media',
  other_source: 'attributed to another source',
  none: 'no attribution',
};

const linkTierText: Record<ClaimOccurrence['tier'], string> = {
  suggested: 'suggested link',
  confirmed: 'confirmed link',
};

/** A label's name among the project's labels, "unlabelled" for none. */
export function labelNameOf(key: string | null, labels: readonly Label[]): string {
  if (!key) return 'unlabelled';
  return labels.find((label) => label.key === key)?.name ?? key;
}

/** What is said of a claim's occurrence besides its text: its label, its attribution and its link's tier. */
export function occurrenceFacts(occurrence: ClaimOccurrence, labels: readonly Label[]): string[] {
  return [
    labelNameOf(occurrence.label, labels),
    attributionText[occurrence.attribution],
    linkTierText[occurrence.tier],
  ];
}
