// Pages of sentences for dataset exports, keyset-paged so an export of a million sentences
// holds one page in memory at a time. The gold label follows queries/reports.ts: the
// reviewer's decision; else the label two or more analysts all agreed on; else none.
import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { goldColumns } from './gold.ts';

export type ExportGoldStatus = 'adjudicated' | 'agreed' | 'single' | 'disputed' | 'unlabelled';

export interface ExportFilters {
  /** Only these documents (a document set). */
  documentIds?: readonly string[] | undefined;
  /** Only sentences whose gold status is one of these. */
  statuses?: readonly ExportGoldStatus[] | undefined;
  /** Inclusive bounds on the document's publication time. */
  publishedFrom?: Date | undefined;
  publishedTo?: Date | undefined;
  /** Gold scope: the gold label; annotation scope: an analyst's label. */
  labels?: readonly string[] | undefined;
  /** Annotation scope: only sentences with at least one annotation. */
  annotatedOnly?: boolean | undefined;
  /** Gold scope leaves out boilerplate lines, as the reports do. */
  includeBoilerplate?: boolean | undefined;
}

/** Where the previous page ended; `documentCreatedAt` is Postgres's own text, exact to the microsecond. */
export interface ExportCursor {
  documentCreatedAt: string;
  documentId: string;
  position: number;
}

export interface ExportAnnotationItem {
  annotator_id: string;
  email: string;
  label: string;
  source: string | null;
  chain: string[];
  cues: { start: number; end: number; kind: string }[];
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExportSentenceRow {
  sentenceId: string;
  documentId: string;
  documentCreatedAt: string;
  title: string;
  outlet: string | null;
  url: string | null;
  publishedAt: Date | string | null;
  bodySha256: string;
  position: number;
  kind: string;
  start: number;
  end: number;
  text: string;
  suggestion: {
    label: string | null;
    confidence: number;
    rule: string;
    source: string | null;
    chain: string[];
  } | null;
  adjudicatedLabel: string | null;
  adjudicationNote: string | null;
  adjudicatorId: string | null;
  adjudicatorEmail: string | null;
  adjudicatedAt: Date | string | null;
  annotations: ExportAnnotationItem[];
  gold: string | null;
  status: ExportGoldStatus;
}

async function rows<Row>(db: Executor, query: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  // postgres.js returns the rows, PGlite an object holding them.
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

function goldConditions(filters: ExportFilters, scope: 'gold' | 'annotations'): SQL {
  const conditions: SQL[] = [sql`true`];
  if (filters.statuses && filters.statuses.length > 0)
    conditions.push(sql`g.status = any(${textArray(filters.statuses)})`);
  if (filters.labels && filters.labels.length > 0) {
    conditions.push(
      scope === 'gold'
        ? sql`g.gold = any(${textArray(filters.labels)})`
        : sql`exists (select 1 from jsonb_array_elements(g.annotations) item
            where item ->> 'label' = any(${textArray(filters.labels)}))`,
    );
  }
  if (filters.annotatedOnly) conditions.push(sql`jsonb_array_length(g.annotations) > 0`);
  return sql.join(conditions, sql` and `);
}

/**
 * Sentences of a batch of documents (from `listExportDocuments`) in export order, keyset-paged
 * within the batch: the batch bounds the work of each query however large the project is.
 */
export async function listExportSentences(
  db: Executor,
  params: {
    projectId: string;
    documentIds: readonly string[];
    scope: 'gold' | 'annotations';
    filters: ExportFilters;
    after?: ExportCursor | undefined;
    limit: number;
  },
): Promise<ExportSentenceRow[]> {
  if (params.documentIds.length === 0) return [];
  const { after } = params;
  const boilerplate = params.filters.includeBoilerplate ? sql`true` : sql`s.kind <> 'boilerplate'`;
  const keyset = after
    ? sql`(d.created_at, d.id, s.position) > (${after.documentCreatedAt}::timestamptz, ${after.documentId}::uuid, ${after.position})`
    : sql`true`;
  return rows(
    db,
    sql`select * from (
      select s.id as "sentenceId", s.document_id as "documentId", d.created_at::text as "documentCreatedAt",
        d.title, d.outlet, d.url, d.published_at as "publishedAt", d.body_sha256 as "bodySha256",
        s.position, s.kind, s.start, s."end", s.text, s.suggestion,
        adjudicated.key as "adjudicatedLabel", adjudicated.note as "adjudicationNote",
        adjudicated.decided_by as "adjudicatorId", adjudicated.email as "adjudicatorEmail",
        adjudicated.updated_at as "adjudicatedAt",
        coalesce(labelled.items, '[]'::jsonb) as annotations,
        ${goldColumns(sql`adjudicated.key`)},
        d.created_at as document_created_at
      from sentences s
      join documents d on d.id = s.document_id
      left join lateral (
        select l.key, a.note, a.decided_by, u.email, a.updated_at
        from adjudications a join labels l on l.id = a.label_id left join users u on u.id = a.decided_by
        where a.sentence_id = s.id
      ) adjudicated on true
      left join lateral (
        select count(*)::int as annotation_count, count(distinct an.label_id)::int as distinct_labels,
          min(l.key) as only_label,
          jsonb_agg(jsonb_build_object(
            'annotator_id', an.annotator_id, 'email', u.email, 'label', l.key, 'source', an.source,
            'chain', an.chain, 'cues', an.cues, 'note', an.note,
            'created_at', an.created_at, 'updated_at', an.updated_at
          ) order by u.created_at, u.id) as items
        from annotations an join labels l on l.id = an.label_id join users u on u.id = an.annotator_id
        where an.sentence_id = s.id
      ) labelled on true
      where d.project_id = ${params.projectId} and s.document_id::text = any(${textArray(params.documentIds)})
        and ${boilerplate} and ${keyset}
          ) g
    where ${goldConditions(params.filters, params.scope)}
    order by g.document_created_at, g."documentId", g.position
    limit ${params.limit}`,
  );
}

/**
 * Everyone who labelled or adjudicated in a project, oldest account first: the order that
 * numbers pseudonymous annotators, so "annotator-1" is the same person in every export.
 */
export async function listProjectAnnotatorIds(db: Executor, projectId: string): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select u.id from users u where u.id in (
        select an.annotator_id from annotations an join sentences s on s.id = an.sentence_id
          join documents d on d.id = s.document_id where d.project_id = ${projectId}
        union
        select a.decided_by from adjudications a join sentences s on s.id = a.sentence_id
          join documents d on d.id = s.document_id where d.project_id = ${projectId}
      ) order by u.created_at, u.id`,
  );
  return found.map((row) => row.id);
}

export interface ExportDocumentRow {
  id: string;
  documentCreatedAt: string;
  title: string;
  outlet: string | null;
  url: string | null;
  publishedAt: Date | string | null;
  body: string;
  bodySha256: string;
}

/** One page of whole documents (with bodies) in export order: the batches an export walks through. */
export async function listExportDocuments(
  db: Executor,
  params: {
    projectId: string;
    filters: ExportFilters;
    after?: { documentCreatedAt: string; documentId: string } | undefined;
    limit: number;
  },
): Promise<ExportDocumentRow[]> {
  const conditions: SQL[] = [sql`d.project_id = ${params.projectId}`];
  const { filters, after } = params;
  if (filters.documentIds) {
    conditions.push(
      filters.documentIds.length === 0
        ? sql`false`
        : sql`d.id::text = any(${textArray(filters.documentIds)})`,
    );
  }
  if (filters.publishedFrom) conditions.push(sql`d.published_at >= ${filters.publishedFrom.toISOString()}`);
  if (filters.publishedTo) conditions.push(sql`d.published_at <= ${filters.publishedTo.toISOString()}`);
  if (after)
    conditions.push(
      sql`(d.created_at, d.id) > (${after.documentCreatedAt}::timestamptz, ${after.documentId}::uuid)`,
    );
  return rows(
    db,
    sql`select d.id, d.created_at::text as "documentCreatedAt", d.title, d.outlet, d.url,
        d.published_at as "publishedAt", d.body, d.body_sha256 as "bodySha256"
      from documents d where ${sql.join(conditions, sql` and `)}
      order by d.created_at, d.id limit ${params.limit}`,
  );
}
