// The save's reads and writes on the hottest path. Each is sent as a prepared statement: Drizzle
// sends other queries unprepared, which postgres.js answers with a round trip to describe the
// parameters before the one that runs it, and PostgreSQL plans them afresh each time. The text of
// these does not depend on the values, so each connection prepares them once.
import type { CueSpan } from '@attest/core';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../client.ts';
import { type AnnotationRow, annotationEvents, annotations } from '../schema/annotations.ts';
import { documents, sentences } from '../schema/documents.ts';
import { assignments, type ProjectRole, projectMembers } from '../schema/members.ts';
import { labels } from '../schema/projects.ts';
import type { AnnotationWithLabel, AppliedOperation } from './annotations.ts';
import type { SentenceWithProject } from './documents.ts';

/** What a save must know before it writes, read in one round trip. */
export interface SaveTarget {
  sentence: SentenceWithProject;
  /** The caller's role in the sentence's project; null when they are not a member. */
  memberRole: ProjectRole | null;
  /** Whether the sentence's document is assigned to the caller. */
  isAssigned: boolean;
  /** The project's label with the requested key, if there is one. */
  label: { id: string; key: string } | null;
  /** The caller's annotation on the sentence as it stands. */
  current: AnnotationWithLabel | undefined;
  /** The caller's edit already recorded under the request's client op id, if any. */
  appliedOperation: AppliedOperation | undefined;
}

export interface SaveTargetRequest {
  sentenceId: string;
  userId: string;
  labelKey: string;
  clientOpId?: string | undefined;
}

/** Everything a save checks, for one sentence and caller; undefined when there is no sentence. */
export async function findSaveTarget(
  db: Executor,
  request: SaveTargetRequest,
): Promise<SaveTarget | undefined> {
  const [row] = await preparedFor(db).read.execute(targetParameters(request));
  return row && toSaveTarget(row);
}

/** A save of a label as the one-statement path takes it: values already trimmed and checked. */
export interface SaveAtOnceRequest extends SaveTargetRequest {
  /** The version the client last saw (0: none); undefined writes over whatever is stored. */
  expectedVersion: number | undefined;
  source: string | null;
  chain: string[];
  cues: CueSpan[];
  note: string | null;
  /** The client's word on the suggestion it showed; absent: keep what was recorded for the label. */
  suggestion: { relation: NonNullable<AnnotationRow['suggestionRelation']>; version: string | null } | null;
}

export interface SaveAtOnceResult {
  /** What the checks need, as the statement read it; undefined when there is no sentence. */
  target: SaveTarget | undefined;
  /** The row written with its history entry; undefined when the statement wrote nothing. */
  written: AnnotationRow | undefined;
}

/**
 * Reads what a save checks and, when the checks that SQL can decide all pass, writes the
 * annotation and its history entry, in one statement: one round trip, atomic without a
 * transaction. The write happens only when the caller may annotate the sentence (a member;
 * an analyst only on an assigned document), it is not boilerplate, the label exists, the key was
 * not used yet, the cues lie inside the sentence, the If-Match version matches, and the
 * suggestion record fits the sentence's suggestion label. Otherwise, or when a concurrent writer
 * moved the row, nothing is written and the caller runs its checks on `target`: they answer the
 * request exactly as they would have after a read.
 */
export async function saveAnnotationAtOnce(
  db: Executor,
  request: SaveAtOnceRequest,
): Promise<SaveAtOnceResult> {
  const spans = request.cues;
  const [row] = await preparedFor(db).save.execute({
    ...targetParameters(request),
    expectedVersion: request.expectedVersion ?? null,
    source: request.source,
    chain: JSON.stringify(request.chain),
    cues: JSON.stringify(spans),
    note: request.note,
    minCueStart: spans.length > 0 ? Math.min(...spans.map((cue) => cue.start)) : null,
    maxCueEnd: spans.length > 0 ? Math.max(...spans.map((cue) => cue.end)) : null,
    hasRecord: request.suggestion !== null,
    suggestionRelation: request.suggestion?.relation ?? null,
    suggestionVersion: request.suggestion?.version ?? null,
    // The history's "after" without the version, which the statement adds once it is known.
    after: JSON.stringify({
      label: request.labelKey,
      source: request.source,
      chain: request.chain,
      cues: spans,
      note: request.note,
    }),
    // Text: the parameter has no column to encode a Date by, and postgres.js under Drizzle
    // leaves dates to the columns.
    updatedAt: new Date().toISOString(),
  });
  if (!row) return { target: undefined, written: undefined };
  const written: AnnotationRow | undefined =
    row.writtenId === null
      ? undefined
      : {
          id: row.writtenId,
          sentenceId: row.sentenceId,
          annotatorId: request.userId,
          labelId: row.labelId as string,
          source: request.source,
          chain: request.chain,
          cues: spans,
          note: request.note,
          suggestionRelation: row.writtenSuggestionRelation,
          suggestionVersion: row.writtenSuggestionVersion,
          version: row.writtenVersion as number,
          createdAt: row.writtenCreatedAt as Date,
          updatedAt: row.writtenUpdatedAt as Date,
        };
  return { target: toSaveTarget(row), written };
}

function targetParameters(request: SaveTargetRequest) {
  return {
    sentenceId: request.sentenceId,
    userId: request.userId,
    labelKey: request.labelKey,
    clientOpId: request.clientOpId ?? null,
  };
}

type TargetRow = Awaited<ReturnType<ReturnType<typeof prepareRead>['execute']>>[number];

function toSaveTarget(row: TargetRow): SaveTarget {
  return {
    sentence: {
      id: row.sentenceId,
      documentId: row.documentId,
      position: row.position,
      start: row.start,
      end: row.end,
      kind: row.kind,
      text: row.text,
      suggestion: row.suggestion,
      projectId: row.projectId,
    },
    memberRole: row.memberRole,
    isAssigned: row.isAssigned,
    label: row.labelId && row.labelKey ? { id: row.labelId, key: row.labelKey } : null,
    current:
      row.currentId !== null && row.currentLabelKey !== null
        ? {
            id: row.currentId,
            sentenceId: row.sentenceId,
            annotatorId: row.currentAnnotatorId as string,
            labelId: row.currentLabelId as string,
            labelKey: row.currentLabelKey,
            source: row.currentSource,
            chain: row.currentChain as string[],
            cues: row.currentCues as CueSpan[],
            note: row.currentNote,
            suggestionRelation: row.currentSuggestionRelation,
            suggestionVersion: row.currentSuggestionVersion,
            version: row.currentVersion as number,
            createdAt: row.currentCreatedAt as Date,
            updatedAt: row.currentUpdatedAt as Date,
          }
        : undefined,
    // A raw jsonb value: drivers differ in whether they parse it.
    appliedOperation:
      typeof row.appliedOperation === 'string'
        ? (JSON.parse(row.appliedOperation) as AppliedOperation)
        : (row.appliedOperation ?? undefined),
  };
}

/** Building these statements costs more CPU than sending them, so each is built once per database. */
const prepared = new WeakMap<
  Executor,
  { read: ReturnType<typeof prepareRead>; save: ReturnType<typeof prepareSave> }
>();

function preparedFor(db: Executor) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = { read: prepareRead(db), save: prepareSave(db) };
    prepared.set(db, statements);
  }
  return statements;
}

/**
 * The facts a save checks, as one flat common table expression: the read-only query selects it
 * as it is, the one-statement save writes from it. Every column has a name of its own, so the
 * statements that use it can refer to them in SQL.
 */
function saveTarget(db: Executor) {
  const currentLabels = alias(labels, 'current_labels');
  const userId = sql.placeholder('userId');
  const column = <Type>(value: SQL | SQL.Aliased | { getSQL(): SQL }, name: string) =>
    sql<Type>`${value}`.as(name);
  return db.$with('save_target').as(
    db
      .select({
        sentenceId: column<string>(sentences.id, 't_sentence_id'),
        documentId: column<string>(sentences.documentId, 't_document_id'),
        position: column<number>(sentences.position, 't_position'),
        start: column<number>(sentences.start, 't_start'),
        end: column<number>(sentences.end, 't_end'),
        kind: column<SentenceWithProject['kind']>(sentences.kind, 't_kind'),
        text: column<string>(sentences.text, 't_text'),
        suggestion: sql`${sentences.suggestion}`.mapWith(sentences.suggestion).as('t_suggestion'),
        projectId: column<string>(documents.projectId, 't_project_id'),
        memberRole: column<ProjectRole | null>(projectMembers.role, 't_member_role'),
        isAssigned: column<boolean>(
          sql`exists (select 1 from ${assignments} where ${assignments.documentId} = ${sentences.documentId} and ${assignments.userId} = ${userId})`,
          't_is_assigned',
        ),
        labelId: column<string | null>(labels.id, 't_label_id'),
        labelKey: column<string | null>(labels.key, 't_label_key'),
        currentId: column<string | null>(annotations.id, 't_current_id'),
        currentAnnotatorId: column<string | null>(annotations.annotatorId, 't_current_annotator_id'),
        currentLabelId: column<string | null>(annotations.labelId, 't_current_label_id'),
        currentLabelKey: column<string | null>(currentLabels.key, 't_current_label_key'),
        currentSource: column<string | null>(annotations.source, 't_current_source'),
        currentChain: sql`${annotations.chain}`.mapWith(annotations.chain).as('t_current_chain'),
        currentCues: sql`${annotations.cues}`.mapWith(annotations.cues).as('t_current_cues'),
        currentNote: column<string | null>(annotations.note, 't_current_note'),
        currentSuggestionRelation: column<AnnotationRow['suggestionRelation']>(
          annotations.suggestionRelation,
          't_current_suggestion_relation',
        ),
        currentSuggestionVersion: column<string | null>(
          annotations.suggestionVersion,
          't_current_suggestion_version',
        ),
        currentVersion: column<number | null>(annotations.version, 't_current_version'),
        currentCreatedAt: sql<Date | null>`${annotations.createdAt}`
          .mapWith(annotations.createdAt)
          .as('t_current_created_at'),
        currentUpdatedAt: sql<Date | null>`${annotations.updatedAt}`
          .mapWith(annotations.updatedAt)
          .as('t_current_updated_at'),
        appliedOperation: column<AppliedOperation | string | null>(
          sql`(select jsonb_build_object('sentenceId', ${annotationEvents.sentenceId}, 'action', ${annotationEvents.action}, 'after', ${annotationEvents.after}) from ${annotationEvents} where ${annotationEvents.annotatorId} = ${userId} and ${annotationEvents.clientOpId} = ${sql.placeholder('clientOpId')})`,
          't_applied_operation',
        ),
      })
      .from(sentences)
      .innerJoin(documents, eq(documents.id, sentences.documentId))
      .leftJoin(
        projectMembers,
        and(eq(projectMembers.projectId, documents.projectId), eq(projectMembers.userId, userId)),
      )
      .leftJoin(
        labels,
        and(eq(labels.projectId, documents.projectId), eq(labels.key, sql.placeholder('labelKey'))),
      )
      .leftJoin(
        annotations,
        and(eq(annotations.sentenceId, sentences.id), eq(annotations.annotatorId, userId)),
      )
      .leftJoin(currentLabels, eq(currentLabels.id, annotations.labelId))
      .where(eq(sentences.id, sql.placeholder('sentenceId'))),
  );
}

function prepareRead(db: Executor) {
  const target = saveTarget(db);
  return db.with(target).select().from(target).prepare('find_save_target');
}

function prepareSave(db: Executor) {
  const target = saveTarget(db);
  const value = (name: string) => sql.placeholder(name);
  // What SQL can decide of the service's checks; anything else leaves the write to the service.
  const mayWrite = sql`
    t.t_kind <> 'boilerplate' and t.t_label_id is not null and t.t_applied_operation is null
    and t.t_member_role is not null and (t.t_member_role <> 'analyst' or t.t_is_assigned)
    and (${value('minCueStart')}::int is null
      or (${value('minCueStart')}::int >= t.t_start and ${value('maxCueEnd')}::int <= t.t_end))
    and (${value('expectedVersion')}::int is null
      or coalesce(t.t_current_version, 0) = ${value('expectedVersion')}::int)
    and (not ${value('hasRecord')}::boolean or ${value('suggestionVersion')}::text is null
      or t.t_suggestion->>'label' is null
      or (${value('suggestionRelation')}::text = 'other_label') = (t.t_suggestion->>'label' <> t.t_label_key))`;
  // Without the client's word, an unchanged label keeps the suggestion record it had.
  const keptRecord = (field: 'relation' | 'version') => sql`case
    when ${value('hasRecord')}::boolean then ${value(field === 'relation' ? 'suggestionRelation' : 'suggestionVersion')}::text
    when t.t_current_suggestion_relation is not null and t.t_current_label_key = t.t_label_key
      then ${sql.raw(field === 'relation' ? 't.t_current_suggestion_relation' : 't.t_current_suggestion_version')}
    end`;
  const updated = db.$with('updated', {}).as(sql`
    update ${annotations} set label_id = t.t_label_id, source = ${value('source')}::text,
      chain = ${value('chain')}::jsonb, cues = ${value('cues')}::jsonb, note = ${value('note')}::text,
      suggestion_relation = ${keptRecord('relation')}, suggestion_version = ${keptRecord('version')},
      version = t.t_current_version + 1, updated_at = ${value('updatedAt')}::timestamptz
    from ${target} t
    where ${mayWrite} and ${annotations.id} = t.t_current_id and ${annotations.version} = t.t_current_version
    returning ${annotations}.*`);
  const inserted = db.$with('inserted', {}).as(sql`
    insert into ${annotations} (sentence_id, annotator_id, label_id, source, chain, cues, note,
      suggestion_relation, suggestion_version, version)
    select t.t_sentence_id, ${value('userId')}::uuid, t.t_label_id, ${value('source')}::text,
      ${value('chain')}::jsonb, ${value('cues')}::jsonb, ${value('note')}::text,
      ${keptRecord('relation')}, ${keptRecord('version')}, 1
    from ${target} t
    where ${mayWrite} and t.t_current_id is null
    on conflict (sentence_id, annotator_id) do nothing
    returning *`);
  const written = db
    .$with('written', {
      id: sql<string | null>`w_id`.as('w_id'),
      suggestionRelation: sql<AnnotationRow['suggestionRelation']>`w_suggestion_relation`.as(
        'w_suggestion_relation',
      ),
      suggestionVersion: sql<string | null>`w_suggestion_version`.as('w_suggestion_version'),
      version: sql<number | null>`w_version`.as('w_version'),
      createdAt: sql<Date | null>`w_created_at`.mapWith(annotations.createdAt).as('w_created_at'),
      updatedAt: sql<Date | null>`w_updated_at`.mapWith(annotations.updatedAt).as('w_updated_at'),
    })
    .as(sql`
      select id as w_id, suggestion_relation as w_suggestion_relation,
        suggestion_version as w_suggestion_version, version as w_version,
        created_at as w_created_at, updated_at as w_updated_at
      from (select * from updated union all select * from inserted) as rows`);
  // The history entry, in the same statement as the row it records. Further rows kept in step
  // with a save (a summary per label, say) belong here too, reading `written` and `save_target`.
  const recorded = db.$with('recorded', {}).as(sql`
    insert into ${annotationEvents} (document_id, sentence_id, annotator_id, action, before, after, client_op_id)
    select t.t_document_id, t.t_sentence_id, ${value('userId')}::uuid, 'set',
      case when t.t_current_id is not null then jsonb_build_object('label', t.t_current_label_key,
        'source', t.t_current_source, 'chain', t.t_current_chain, 'cues', t.t_current_cues,
        'note', t.t_current_note, 'version', t.t_current_version) end,
      ${value('after')}::jsonb || jsonb_build_object('version', w.w_version), ${value('clientOpId')}::text
    from written w cross join ${target} t`);
  return db
    .with(target, updated, inserted, written, recorded)
    .select({
      ...target._.selectedFields,
      writtenId: written.id,
      writtenSuggestionRelation: written.suggestionRelation,
      writtenSuggestionVersion: written.suggestionVersion,
      writtenVersion: written.version,
      writtenCreatedAt: written.createdAt,
      writtenUpdatedAt: written.updatedAt,
    })
    .from(target)
    .leftJoin(written, sql`true`)
    .prepare('save_annotation_at_once');
}
