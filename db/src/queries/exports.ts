// Dataset exports. PostgreSQL writes each JSON line itself, finished (code-point offsets
// included), so Node passes the text through: on PostgreSQL as the bytes of `COPY … TO STDOUT`,
// on PGlite as rows of a query. Pages are keyset-paged on (document created_at, document id,
// sentence position), so an export of a million sentences holds at most one page at a time and
// gives its connection back between pages. The gold label follows queries/gold.ts, as the reports do.

import { type DatasetFieldName, datasetFieldNames, type GoldStatus } from '@attest/core';
import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type postgres from 'postgres';
import type { Executor } from '../client.ts';
import { copyOut } from '../sql/copy-rows.ts';
import { goldColumns } from '../sql/gold.ts';
import { uuidArray } from '../sql/uuid-array.ts';

export interface ExportFilters {
  /** Only these documents (a document set). */
  documentIds?: readonly string[] | undefined;
  /** Only sentences whose gold status is one of these. */
  statuses?: readonly GoldStatus[] | undefined;
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

export interface ExportLinesParams {
  projectId: string;
  projectSlug: string;
  guidelinesVersion: number;
  schemaVersion: number;
  scope: 'gold' | 'annotations';
  filters: ExportFilters;
  /**
   * Pseudonymous exports call an annotator "annotator-N" after their place in this list
   * (`listProjectAnnotatorIds`); without it annotators appear as their e-mail addresses.
   */
  pseudonymOrder?: readonly string[] | undefined;
  /** Sentences after this one; none: from the start. */
  after?: ExportCursor | undefined;
  /** Sentences in the page; none: all of them (as `COPY` of the same query in the benchmark). */
  limit?: number | undefined;
  /** Select the JSON line alone, as `COPY` sends it; otherwise with the page's keyset columns. */
  linesOnly?: boolean | undefined;
}

export interface ExportLine {
  /** One row of the dataset as a JSON object, without the newline. */
  line: string;
  documentCreatedAt: string;
  documentId: string;
  position: number;
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

// The JSON text of a value as JSON.stringify writes it: Postgres escapes strings the same way,
// and its json/jsonb output differs only in spacing, which compact objects avoid.
const json = (value: SQL): SQL => sql`coalesce(to_json(${value})::text, 'null')`;
const jsonbText = (value: SQL): SQL => sql`coalesce((${value})::text, 'null')`;
/** Date#toISOString: milliseconds (truncated, as a JavaScript Date holds them) and a Z. */
const isoJson = (value: SQL): SQL =>
  sql`coalesce('"' || to_char(${value} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')`;

/**
 * The code-point offset of a UTF-16 offset into `g.body`. PostgreSQL counts code points, which
 * match UTF-16 units until a character outside the Basic Multilingual Plane (an emoji, say)
 * comes first: `g.astral` holds the UTF-16 positions of those characters, null when there are none
 * (the usual case, which costs nothing). An offset between the halves of a pair counts the pair,
 * as `toCodePointOffsets` in @attest/core does.
 */
const codePointOffset = (utf16: SQL): SQL =>
  sql`case when g.astral is null then ${utf16} else ${utf16} - (
      select count(*)::int from unnest(g.astral) pair where pair + 1 < ${utf16}) end`;

/** UTF-16 positions of a text's astral characters, null when it has none. */
const astralPositions = (text: SQL): SQL =>
  sql`case when ${text} ~ '[\\U00010000-\\U0010FFFF]' then (
      -- Between consecutive astral characters lie BMP pieces, whose code points are UTF-16 units.
      select trim_array(array_agg(utf16_position order by n), 1) from (
        select n, (sum(char_length(piece)) over (order by n) + 2 * (n - 1))::int as utf16_position
        from regexp_split_to_table(${text}, '[\\U00010000-\\U0010FFFF]') with ordinality pieces(piece, n)
      ) split
    ) end`;

/** A compact JSON object of text expressions, keys in the order given. */
function jsonObject(fields: readonly (readonly [string, SQL])[]): SQL {
  const members = fields.map(
    ([key, value], index) => sql`${sql.raw(`'${index === 0 ? '{' : ','}"${key}":'`)} || ${value}`,
  );
  return sql`(${sql.join(members, sql` || `)} || '}')`;
}

/**
 * A compact JSON array of the text of each element of a jsonb array (`element` in
 * `elementText`), in order. Empty arrays, the usual case, skip the subquery.
 */
function jsonArray(array: SQL, elementText: SQL): SQL {
  return sql`case when coalesce(jsonb_array_length(${array}), 0) = 0 then '[]' else '[' || (
      select string_agg(${elementText}, ',' order by ordinality)
      from jsonb_array_elements(${array}) with ordinality element
    ) || ']' end`;
}

/** A sentence's claims, strongest first: confirmed before suggested, then by score, then the oldest. */
const strongestLinkFirst = sql`cl.tier = 'confirmed' desc, cl.score desc, cl.created_at, cl.claim_id`;

function goldConditions(filters: ExportFilters, scope: 'gold' | 'annotations'): SQL {
  const conditions: SQL[] = [sql`true`];
  if (filters.statuses && filters.statuses.length > 0)
    conditions.push(sql`g.status = any(${textArray(filters.statuses)})`);
  if (filters.labels && filters.labels.length > 0) {
    conditions.push(
      scope === 'gold'
        ? sql`g.gold = any(${textArray(filters.labels)})`
        : sql`g.label_keys && ${textArray(filters.labels)}`,
    );
  }
  if (filters.annotatedOnly) conditions.push(sql`g.annotation_count > 0`);
  return sql.join(conditions, sql` and `);
}

/** The project's documents the filters keep, as conditions on `d`. */
function documentConditions(projectId: string, filters: ExportFilters): SQL[] {
  // Archived documents are hidden everywhere but the owners' archive list, exports included.
  const conditions: SQL[] = [sql`d.project_id = ${projectId}`, sql`d.archived_at is null`];
  if (filters.documentIds) {
    conditions.push(
      filters.documentIds.length === 0
        ? sql`false`
        : sql`d.id::text = any(${textArray(filters.documentIds)})`,
    );
  }
  if (filters.publishedFrom) conditions.push(sql`d.published_at >= ${filters.publishedFrom.toISOString()}`);
  if (filters.publishedTo) conditions.push(sql`d.published_at <= ${filters.publishedTo.toISOString()}`);
  return conditions;
}

/** The page's documents: those after the previous page's last one, or that one itself. */
function pageDocumentConditions(params: ExportLinesParams): SQL {
  const conditions = documentConditions(params.projectId, params.filters);
  const { after } = params;
  if (after)
    conditions.push(
      sql`(d.created_at, d.id) >= (${after.documentCreatedAt}::timestamptz, ${after.documentId}::uuid)`,
    );
  return sql.join(conditions, sql` and `);
}

/** Sentences of document `d` in the page: after the previous page's last one in its document. */
function pageSentenceConditions(params: ExportLinesParams): SQL {
  const { filters, after } = params;
  const conditions: SQL[] = [sql`s.document_id = d.id`];
  if (!filters.includeBoilerplate) conditions.push(sql`s.kind <> 'boilerplate'`);
  if (after) conditions.push(sql`(d.id <> ${after.documentId}::uuid or s.position > ${after.position})`);
  return sql.join(conditions, sql` and `);
}

/**
 * The export as SQL: one JSON line per gold row (gold scope) or per analyst's label (annotations
 * scope), in export order, with the page's keyset bounds. Exposed so the benchmark can `COPY`
 * exactly what the export reads.
 */
function exportLinesQuery(params: ExportLinesParams): SQL {
  const { scope, pseudonymOrder } = params;
  const nameOf = (userId: SQL, email: SQL): SQL =>
    pseudonymOrder
      ? sql`case when ${userId} is null then 'null'
          else '"annotator-' || coalesce(array_position(${uuidArray(pseudonymOrder)}, ${userId}),
            ${pseudonymOrder.length + 1}) || '"' end`
      : json(email);
  // Gold rows take their evidence from the first analyst who gave the gold label.
  const evidence =
    scope === 'gold'
      ? sql`left join lateral (
          select an.annotator_id, u.email, an.source, an.chain, an.cues, an.note, an.created_at, an.updated_at
          from annotations an join labels l on l.id = an.label_id join users u on u.id = an.annotator_id
          where g.gold is not null and an.sentence_id = g.sentence_id and l.key = g.gold
          order by u.created_at, u.id limit 1
        ) evidence on true`
      : sql`join lateral (
          select an.annotator_id, u.email, l.key as label, l.name as label_name, an.source, an.chain, an.cues,
            an.note, an.suggestion_relation, an.suggestion_version, an.created_at, an.updated_at,
            u.created_at as annotator_created_at
          from annotations an join labels l on l.id = an.label_id join users u on u.id = an.annotator_id
          where an.sentence_id = g.sentence_id ${
            params.filters.labels?.length ? sql`and l.key = any(${textArray(params.filters.labels)})` : sql``
          }
        ) evidence on true`;
  const label = scope === 'gold' ? sql`g.gold` : sql`evidence.label`;
  const labelName =
    scope === 'gold'
      ? sql`coalesce((select name from labels where project_id = ${params.projectId} and key = g.gold), g.gold)`
      : sql`evidence.label_name`;
  const cue = sql`element.value`;
  const cueStart = codePointOffset(sql`(${cue} ->> 'start')::int`);
  const cueEnd = codePointOffset(sql`(${cue} ->> 'end')::int`);
  // Every field of the table, each once (the type says so); the line takes the table's order.
  const values: Record<DatasetFieldName, SQL> = {
    schema_version: sql`${String(params.schemaVersion)}`,
    project: sql`${JSON.stringify(params.projectSlug)}`,
    document_id: sql`'"' || g.document_id || '"'`,
    title: json(sql`g.title`),
    outlet: json(sql`g.outlet`),
    url: json(sql`g.url`),
    published_at: isoJson(sql`g.published_at`),
    body_sha256: json(sql`g.body_sha256`),
    sentence_id: sql`'"' || g.sentence_id || '"'`,
    position: sql`g.position::text`,
    kind: json(sql`g.kind`),
    start: sql`g.start::text`,
    end: sql`g."end"::text`,
    start_cp: sql`${codePointOffset(sql`g.start`)}::text`,
    end_cp: sql`${codePointOffset(sql`g."end"`)}::text`,
    text: json(sql`g.text`),
    status: sql`'"' || g.status || '"'`,
    gold_label: json(sql`g.gold`),
    annotations: sql`coalesce(g.annotations, '[]')`,
    annotation_count: sql`g.annotation_count::text`,
    // The share of analysts who gave the most common label; undefined for fewer than two.
    agreement: sql`case when g.annotation_count >= 2 then to_json(g.majority::float8 / g.annotation_count)::text else 'null' end`,
    adjudicator: nameOf(sql`g.adjudicator_id`, sql`g.adjudicator_email`),
    adjudication_note: json(sql`g.adjudication_note`),
    suggested_label: jsonbText(sql`g.suggestion -> 'label'`),
    suggestion_confidence: jsonbText(sql`g.suggestion -> 'confidence'`),
    suggestion_rule: jsonbText(sql`g.suggestion -> 'rule'`),
    adjudicated_at: isoJson(sql`g.adjudicated_at`),
    guidelines_version: sql`${String(params.guidelinesVersion)}`,
    // A sentence may be in several claims: `claim_id` is the strongest, `claim_ids` all of them.
    claim_id: sql`coalesce('"' || (select cl.claim_id::text from claim_links cl where cl.sentence_id = g.sentence_id
      order by ${strongestLinkFirst} limit 1) || '"', 'null')`,
    claim_ids: sql`coalesce((select json_agg(cl.claim_id order by ${strongestLinkFirst})::text
      from claim_links cl where cl.sentence_id = g.sentence_id), '[]')`,
    scope: sql`${JSON.stringify(scope)}`,
    label: json(label),
    label_name: json(labelName),
    source: json(sql`evidence.source`),
    chain: jsonArray(sql`evidence.chain`, sql`element.value::text`),
    cues: jsonArray(
      sql`evidence.cues`,
      jsonObject([
        ['start', sql`(${cue} -> 'start')::text`],
        ['end', sql`(${cue} -> 'end')::text`],
        ['start_cp', sql`${cueStart}::text`],
        ['end_cp', sql`${cueEnd}::text`],
        ['kind', jsonbText(sql`${cue} -> 'kind'`)],
        ['text', json(sql`substr(g.body, ${cueStart} + 1, ${cueEnd} - ${cueStart})`)],
      ]),
    ),
    note: json(sql`evidence.note`),
    annotator: scope === 'gold' ? sql`'null'` : nameOf(sql`evidence.annotator_id`, sql`evidence.email`),
    // How the analyst's label relates to the suggestion they saw, as the editor recorded it.
    suggestion_relation: scope === 'gold' ? sql`'null'` : json(sql`evidence.suggestion_relation`),
    suggestion_version: scope === 'gold' ? sql`'null'` : json(sql`evidence.suggestion_version`),
    created_at: isoJson(sql`evidence.created_at`),
    updated_at: isoJson(sql`evidence.updated_at`),
  };
  const line = jsonObject(datasetFieldNames.map((name) => [name, values[name]]));
  const columns = params.linesOnly
    ? sql`${line} as line`
    : sql`${line} as line, g.document_created_at::text as "documentCreatedAt", g.document_id as "documentId", g.position`;
  return sql`select ${columns}
    from (
      select * from (
        select d.id as document_id, d.created_at as document_created_at, d.title, d.outlet, d.url, d.published_at,
          d.body, d.body_sha256, astral.positions as astral,
          s.id as sentence_id, s.position, s.kind, s.start, s."end", s.text, s.suggestion,
          adjudicated.note as adjudication_note, adjudicated.decided_by as adjudicator_id,
          adjudicated.email as adjudicator_email, adjudicated.updated_at as adjudicated_at,
          coalesce(labelled.annotation_count, 0) as annotation_count, labelled.majority, labelled.annotations,
          labelled.label_keys,
          ${goldColumns(sql`adjudicated.key`)}
        from documents d
        -- Once per document (offset 0 keeps the planner from copying it into every sentence row).
        cross join lateral (select ${astralPositions(sql`d.body`)} as positions offset 0) astral
        -- A lateral, ordered subquery keeps the plan a nested loop in export order, which stops
        -- at the page's end: joined plainly, the planner misjudges the keyset's selectivity and
        -- sorts every remaining sentence of the project for each page.
        cross join lateral (
          select s.id, s.position, s.kind, s.start, s."end", s.text, s.suggestion
          from sentences s where ${pageSentenceConditions(params)}
          order by s.position
        ) s
        left join lateral (
          select l.key, a.note, a.decided_by, u.email, a.updated_at
          from adjudications a join labels l on l.id = a.label_id left join users u on u.id = a.decided_by
          where a.sentence_id = s.id
        ) adjudicated on true
        left join lateral (
          select count(*)::int as annotation_count, count(distinct an.label_id)::int as distinct_labels,
            min(l.key) as only_label, array_agg(l.key) as label_keys,
            -- How many gave the most common label; counted apart only when the analysts disagree.
            case when count(distinct an.label_id) <= 1 then count(*)::int else (
              select max(same_label)::int from (
                select count(*) as same_label from annotations x where x.sentence_id = s.id group by x.label_id
              ) by_label
            ) end as majority,
            '[' || string_agg(${jsonObject([
              ['annotator', nameOf(sql`an.annotator_id`, sql`u.email`)],
              ['label', json(sql`l.key`)],
            ])}, ',' order by u.created_at, u.id) || ']' as annotations
          from annotations an join labels l on l.id = an.label_id join users u on u.id = an.annotator_id
          where an.sentence_id = s.id
        ) labelled on true
        where ${pageDocumentConditions(params)}
      ) g
      where ${goldConditions(params.filters, params.scope)}
      order by g.document_created_at, g.document_id, g.position
      ${params.limit === undefined ? sql`` : sql`limit ${params.limit}`}
    ) g
    ${evidence}
    order by g.document_created_at, g.document_id, g.position${
      scope === 'annotations' ? sql`, evidence.annotator_created_at, evidence.annotator_id` : sql``
    }`;
}

/** One page of export lines (see `exportLinesQuery`). */
export function listExportLines(db: Executor, params: ExportLinesParams): Promise<ExportLine[]> {
  return rows(db, exportLinesQuery(params));
}

const dialect = new PgDialect();

/** `COPY` of the export's lines alone, as the export and the benchmark's floor send it (simple protocol). */
export function copyExportLinesStatement(params: ExportLinesParams): string {
  // COPY takes no bind parameters, so Drizzle quotes the values into the text (safe while
  // standard_conforming_strings is on, which `openDatabase` sets on every connection).
  const { sql: text } = dialect.sqlToQuery(exportLinesQuery({ ...params, linesOnly: true }).inlineParams());
  // JIT would compile the statement's 170-odd expressions for each page, 2.5 s against 0.4 s of
  // running it; SET LOCAL holds for this one query, the two statements' implicit transaction.
  // The CSV format with a quote and a delimiter that no line holds (JSON escapes every control
  // character) sends each line as it is; the text format would double its backslashes.
  return `set local jit = off; copy (${text}) to stdout with (format csv, quote e'\\x01', delimiter e'\\x02')`;
}

/**
 * One page of export lines as PostgreSQL's `COPY … TO STDOUT` sends them: UTF-8 bytes, every
 * line ending in a newline, without a row or a string made of them in Node.
 */
export function copyExportLines(connection: postgres.Sql, params: ExportLinesParams): AsyncGenerator<Buffer> {
  return copyOut(connection, copyExportLinesStatement(params));
}

/**
 * The creation time of a page's last document, as Postgres's own text (exact to the
 * microsecond), for the next page's keyset when the page came as bytes.
 */
export async function findDocumentCreatedAt(
  db: Executor,
  { projectId, documentId }: { projectId: string; documentId: string },
): Promise<string> {
  const [found] = await rows<{ createdAt: string }>(
    db,
    sql`select created_at::text as "createdAt" from documents where id = ${documentId} and project_id = ${projectId}`,
  );
  if (!found) throw new Error(`Document ${documentId} was deleted while it was being exported.`);
  return found.createdAt;
}

/**
 * Everyone who labelled or adjudicated in a project, oldest account first: the order that
 * numbers pseudonymous annotators, so "annotator-1" is the same person in every export.
 * Each account is checked for one label or decision in the project (by the annotator and
 * reviewer indexes), never by collecting the project's labels: the export waits on this before
 * its first byte, and a million labels took seconds to gather.
 */
export async function listProjectAnnotatorIds(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<string[]> {
  const found = await rows<{ id: string }>(
    db,
    sql`select u.id from users u
      where exists (
          select from annotations an join sentences s on s.id = an.sentence_id
            join documents d on d.id = s.document_id
          where an.annotator_id = u.id and d.project_id = ${projectId}
        )
        or exists (
          select from adjudications a join sentences s on s.id = a.sentence_id
            join documents d on d.id = s.document_id
          where a.decided_by = u.id and d.project_id = ${projectId}
        )
      order by u.created_at, u.id`,
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

/** One page of whole documents (with bodies) in export order, for the documents file of a bundle. */
export async function listExportDocuments(
  db: Executor,
  params: {
    projectId: string;
    filters: ExportFilters;
    after?: { documentCreatedAt: string; documentId: string } | undefined;
    limit: number;
  },
): Promise<ExportDocumentRow[]> {
  const { after } = params;
  const conditions = documentConditions(params.projectId, params.filters);
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
