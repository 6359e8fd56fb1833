// The project report's counts per document, so a report over 300,000 sentences adds up ten
// thousand documents' rows instead of grouping every label again. They are never written by
// application code: triggers (hand-written at the end of the migration that adds these tables)
// append the id of every document whose sentences, labels, decisions or assignments change to
// `report_stale_documents`, and `refreshReportCounts` recomputes exactly those documents, with
// the same SQL as a report over the project, before each project report.
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

// No foreign keys: checking one per written row doubled the time of recomputing a large
// project, and a deleted document's or user's rows are removed by the refresh its deletion
// triggers (the cascade to its sentences or labels marks the document).
const documentId = () => uuid().notNull();

/** Annotatable sentences per gold label and status. */
export const reportGoldCounts = pgTable(
  'report_gold_counts',
  {
    documentId: documentId(),
    gold: text(),
    status: text().notNull(),
    total: integer().notNull(),
  },
  (table) => [index().on(table.documentId)],
);

/**
 * Annotatable sentences per suggested and gold label: apart from the gold counts, so those stay
 * a few rows a document that a report reads without grouping them again.
 */
export const reportSuggestionCounts = pgTable(
  'report_suggestion_counts',
  {
    documentId: documentId(),
    suggested: text().notNull(),
    gold: text().notNull(),
    total: integer().notNull(),
  },
  (table) => [index().on(table.documentId)],
);

/** Analysts' labels per recorded source. */
export const reportSourceCounts = pgTable(
  'report_source_counts',
  {
    documentId: documentId(),
    source: text().notNull(),
    total: integer().notNull(),
  },
  (table) => [index().on(table.documentId)],
);

/** Label pairs given to one sentence by two analysts assigned to its document. */
export const reportPairCounts = pgTable(
  'report_pair_counts',
  {
    documentId: documentId(),
    first: text().notNull(),
    second: text().notNull(),
    total: integer().notNull(),
  },
  (table) => [index().on(table.documentId)],
);

/** One assigned analyst's labels on the document, as the analyst figures count them. */
export const reportAnalystCounts = pgTable(
  'report_analyst_counts',
  {
    documentId: documentId(),
    annotatorId: uuid().notNull(),
    labelled: integer().notNull(),
    accepted: integer().notNull(),
    sameLabel: integer().notNull(),
    otherLabel: integer().notNull(),
    noSuggestion: integer().notNull(),
    unrecorded: integer().notNull(),
    withGold: integer().notNull(),
    matchingGold: integer().notNull(),
  },
  (table) => [index().on(table.documentId)],
);

/**
 * Documents whose counts are out of date: appended to by triggers, one row per changing
 * statement and document, emptied by each refresh. Append-only and without an index, so a save
 * pays one small insert and concurrent saves never wait on each other here.
 */
export const reportStaleDocuments = pgTable('report_stale_documents', {
  documentId: uuid().notNull(),
});
