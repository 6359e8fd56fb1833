// What the export page's choices mean as a request: the API query string, the URL, and the
// equivalent `attest export` and curl commands shown for copying.
import { type GoldStatus, goldStatuses } from '@attest/core/vocabularies';

export const exportFormats = ['jsonl', 'csv', 'parquet', 'zip', 'card'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportScopes = ['gold', 'annotations', 'claims'] as const;
export type ExportScope = (typeof exportScopes)[number];

/** The formats a scope comes in: claims, one row per claim with its occurrences, as JSON lines or CSV. */
export function exportFormatsFor(scope: ExportScope): readonly ExportFormat[] {
  return scope === 'claims' ? ['jsonl', 'csv'] : exportFormats;
}

/** Whether the scope's rows are sentences, which the gold-status, label and annotator choices filter and name. */
export function hasSentenceRows(scope: ExportScope): boolean {
  return scope !== 'claims';
}

export { goldStatuses };
export type GoldStatusChoice = GoldStatus;

export interface ExportChoices {
  format: ExportFormat;
  scope: ExportScope;
  /** Document ids; empty means every document. */
  documentIds: readonly string[];
  /** Gold statuses; empty means every status. */
  statuses: readonly GoldStatusChoice[];
  /** Label keys; empty means every label. */
  labels: readonly string[];
  /** `YYYY-MM-DD` or empty. */
  publishedFrom: string;
  /** `YYYY-MM-DD` or empty; the server reads a bare date as the end of that day. */
  publishedTo: string;
  /** Name annotators by e-mail instead of annotator-N. */
  showEmails: boolean;
}

export const defaultExportChoices: ExportChoices = {
  format: 'jsonl',
  scope: 'gold',
  documentIds: [],
  statuses: [],
  labels: [],
  publishedFrom: '',
  publishedTo: '',
  showEmails: false,
};

/** The query string of GET /api/projects/{slug}/export, leaving out what is the default. */
export function exportQuery(choices: ExportChoices): URLSearchParams {
  const query = new URLSearchParams({ format: choices.format, scope: choices.scope });
  const sentenceRows = hasSentenceRows(choices.scope);
  const lists: [string, readonly string[]][] = [
    ['documents', choices.documentIds],
    ['status', sentenceRows ? choices.statuses : []],
    ['label', sentenceRows ? choices.labels : []],
  ];
  for (const [name, values] of lists) if (values.length > 0) query.set(name, values.join(','));
  if (choices.publishedFrom) query.set('published_from', choices.publishedFrom);
  if (choices.publishedTo) query.set('published_to', choices.publishedTo);
  if (choices.showEmails && sentenceRows) query.set('annotators', 'emails');
  return query;
}

/** The export's path and query on this server. */
export function exportPath(slug: string, choices: ExportChoices): string {
  return `/api/projects/${encodeURIComponent(slug)}/export?${exportQuery(choices)}`;
}

/** The file name the server gives an export, for the CLI's `-o`. */
export function exportFileName(slug: string, choices: ExportChoices): string {
  return choices.format === 'card' ? 'README.md' : `${slug}-${choices.scope}.${choices.format}`;
}

/**
 * `attest export …` through this server: each query parameter as the flag of the same name
 * (`published_from` → `--published-from`), `annotators=emails` as `--emails`.
 */
export function exportCliCommand(slug: string, choices: ExportChoices, origin: string): string {
  const flags = [...exportQuery(choices)].map(([name, value]) =>
    name === 'annotators' ? '--emails' : `--${name.replaceAll('_', '-')} ${shellWord(value)}`,
  );
  return [
    `attest export --server ${shellWord(origin)} --project ${shellWord(slug)}`,
    ...flags,
    `-o ${shellWord(exportFileName(slug, choices))}`,
  ].join(' ');
}

/** curl with an API token (`ATTEST_TOKEN`), saving under the server's file name. */
export function exportCurlCommand(slug: string, choices: ExportChoices, origin: string): string {
  return `curl -fOJ -H "Authorization: Bearer $ATTEST_TOKEN" ${shellWord(origin + exportPath(slug, choices))}`;
}

/** A word the shell passes through unchanged: quoted when it holds anything special. */
function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
