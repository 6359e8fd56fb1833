// The save's reads and writes on the hottest path. Each is sent as a prepared statement: Drizzle
// sends other queries unprepared, which postgres.js answers with a round trip to describe the
// parameters before the one that runs it, and PostgreSQL plans them afresh each time. The text of
// these does not depend on the values, so each connection prepares them once. They read their
// input from one jsonb array of saves, so concurrent saves go out together: one statement, one
// round trip and one commit for all that queued while earlier ones were out. A save that goes
// out alone takes the same statement with its values as parameters of their own.
import type { CueSpan } from '@attest/core';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { defaultSaveConnections, type Executor } from '../client.ts';
import { type AnnotationRow, annotationEvents, annotations } from '../schema/annotations.ts';
import { documents, sentences } from '../schema/documents.ts';
import { assignments, type ProjectRole, projectMembers } from '../schema/members.ts';
import { labels } from '../schema/projects.ts';
import { BatchSender } from '../sql/batch-sender.ts';
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
  const [row] = await preparedFor(db).read.execute({
    saves: JSON.stringify([{ ord: 0, ...targetInput(request) }]),
  });
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
 *
 * Saves that arrive while earlier ones are out are sent together in one statement; each is
 * checked and written on its own, as if it had been sent alone.
 */
export function saveAnnotationAtOnce(db: Executor, request: SaveAtOnceRequest): Promise<SaveAtOnceResult> {
  let sender = senders.get(db);
  if (!sender) {
    sender = new BatchSender({
      send: (requests) => saveAll(db, requests),
      // Two saves of one row, or two uses of one key, would see the same row as it was: the
      // later waits for the next statement, which sees what the earlier wrote.
      exclusiveKeys: (request) =>
        request.clientOpId === undefined
          ? [`${request.userId} ${request.sentenceId}`]
          : [`${request.userId} ${request.sentenceId}`, `${request.userId} op ${request.clientOpId}`],
      // One statement out at a time ran fastest (docs/benchmarks.md, Save): the more saves wait
      // for it, the more the next one carries. One held up (by a row lock, say) is joined after
      // 50 ms by another, up to the saves' pool's connections. At most 64 saves a statement keeps
      // any one short.
      maxInFlight: defaultSaveConnections,
      overlapAfterMs: 50,
      maxBatchSize: 64,
    });
    senders.set(db, sender);
  }
  return sender.send(request);
}

const senders = new WeakMap<Executor, BatchSender<SaveAtOnceRequest, SaveAtOnceResult>>();

/** One statement for every save given, each answered as if it had been sent alone. */
async function saveAll(db: Executor, requests: readonly SaveAtOnceRequest[]): Promise<SaveAtOnceResult[]> {
  // One time for the statement's saves, as the statement's own clock would give them.
  const updatedAt = new Date().toISOString();
  const saves = requests.map((request, ord) => {
    const { cues } = request;
    return {
      ord,
      ...targetInput(request),
      expected_version: request.expectedVersion ?? null,
      source: request.source,
      chain: request.chain,
      cues,
      note: request.note,
      min_cue_start: cues.length > 0 ? Math.min(...cues.map((cue) => cue.start)) : null,
      max_cue_end: cues.length > 0 ? Math.max(...cues.map((cue) => cue.end)) : null,
      has_record: request.suggestion !== null,
      suggestion_relation: request.suggestion?.relation ?? null,
      suggestion_version: request.suggestion?.version ?? null,
      updated_at: updatedAt,
    };
  });
  const statements = preparedFor(db);
  // A lone save (every save when they come one at a time) goes as parameters of its own, so
  // PostgreSQL plans for the one row it is; saves sent together go as one jsonb array.
  const [lone] = saves;
  const rows =
    saves.length === 1 && lone
      ? await statements.saveAlone.execute({
          ...lone,
          chain: JSON.stringify(lone.chain),
          cues: JSON.stringify(lone.cues),
        })
      : await statements.save.execute({ saves: JSON.stringify(saves) });
  const rowByOrd = new Map(rows.map((row) => [row.ord, row]));
  return requests.map((request, ord) => {
    const row = rowByOrd.get(ord);
    return row ? resultOf(request, row) : { target: undefined, written: undefined };
  });
}

type SaveRow = Awaited<ReturnType<ReturnType<typeof prepareSave>['execute']>>[number];

function resultOf(request: SaveAtOnceRequest, row: SaveRow): SaveAtOnceResult {
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
          cues: request.cues,
          note: request.note,
          suggestionRelation: row.writtenSuggestionRelation,
          suggestionVersion: row.writtenSuggestionVersion,
          version: row.writtenVersion as number,
          createdAt: row.writtenCreatedAt as Date,
          updatedAt: row.writtenUpdatedAt as Date,
        };
  return { target: toSaveTarget(row), written };
}

/** The fields of a save's input row that the checks' read needs. */
function targetInput(request: SaveTargetRequest) {
  return {
    sentence_id: request.sentenceId,
    user_id: request.userId,
    label_key: request.labelKey,
    client_op_id: request.clientOpId ?? null,
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
  {
    read: ReturnType<typeof prepareRead>;
    save: ReturnType<typeof prepareSave>;
    saveAlone: ReturnType<typeof prepareSave>;
  }
>();

function preparedFor(db: Executor) {
  let statements = prepared.get(db);
  if (!statements) {
    statements = {
      read: prepareRead(db),
      save: prepareSave(db, 'array'),
      saveAlone: prepareSave(db, 'alone'),
    };
    prepared.set(db, statements);
  }
  return statements;
}

/** The columns of a save's input row, with their SQL types: what `saveAll` and `findSaveTarget` send. */
const saveInputColumns = [
  ['ord', 'int'],
  ['sentence_id', 'uuid'],
  ['user_id', 'uuid'],
  ['label_key', 'text'],
  ['client_op_id', 'text'],
  ['expected_version', 'int'],
  ['source', 'text'],
  ['chain', 'jsonb'],
  ['cues', 'jsonb'],
  ['note', 'text'],
  ['min_cue_start', 'int'],
  ['max_cue_end', 'int'],
  ['has_record', 'boolean'],
  ['suggestion_relation', 'text'],
  ['suggestion_version', 'text'],
  ['updated_at', 'timestamptz'],
] as const;

/**
 * The saves a statement reads, as `save_input`: from one jsonb array (`array`), or one save's
 * values as parameters of their own (`alone`).
 */
function saveInput(db: Executor, shape: 'array' | 'alone') {
  const column = <Type>(name: string) => sql<Type>`${sql.raw(name)}`.as(name);
  const rows =
    shape === 'array'
      ? sql`select * from jsonb_to_recordset(${sql.placeholder('saves')}::jsonb) as i(${sql.raw(
          saveInputColumns.map(([name, type]) => `${name} ${type}`).join(', '),
        )})`
      : sql`select ${sql.join(
          saveInputColumns.map(
            ([name, type]) => sql`${sql.placeholder(name)}::${sql.raw(type)} as ${sql.raw(name)}`,
          ),
          sql`, `,
        )}`;
  return db.$with('save_input', { ord: column<number>('ord') }).as(rows);
}

/**
 * The facts a save checks, one row per save whose sentence exists, as a flat common table
 * expression: the read-only query selects it as it is, the one-statement save writes from it.
 * Every column has a name of its own, so the statements that use it can refer to them in SQL.
 */
function saveTarget(db: Executor, input: ReturnType<typeof saveInput>) {
  const currentLabels = alias(labels, 'current_labels');
  // Qualified: sentences, members and assignments have columns of the same names.
  const inputColumn = (name: string) => sql.raw(`save_input.${name}`);
  const userId = inputColumn('user_id');
  const column = <Type>(value: SQL | SQL.Aliased | { getSQL(): SQL }, name: string) =>
    sql<Type>`${value}`.as(name);
  // Looked up save by save, in a lateral subquery: the planner cannot know how many saves the
  // jsonb holds and plans for a hundred, for which it would scan whole tables (sentences, say)
  // into hash joins; for one save at a time it follows the indexes.
  const facts = db
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
        sql`(select jsonb_build_object('sentenceId', ${annotationEvents.sentenceId}, 'action', ${annotationEvents.action}, 'after', ${annotationEvents.after}) from ${annotationEvents} where ${annotationEvents.annotatorId} = ${userId} and ${annotationEvents.clientOpId} = ${inputColumn('client_op_id')})`,
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
      and(eq(labels.projectId, documents.projectId), eq(labels.key, inputColumn('label_key'))),
    )
    .leftJoin(annotations, and(eq(annotations.sentenceId, sentences.id), eq(annotations.annotatorId, userId)))
    .leftJoin(currentLabels, eq(currentLabels.id, annotations.labelId))
    .where(eq(sentences.id, inputColumn('sentence_id')))
    .as('facts');
  return db.$with('save_target').as(
    db
      .select({
        ord: column<number>(inputColumn('ord'), 't_ord'),
        // Saves of one row in one statement would both see it as it was: neither may write.
        duplicates: column<number>(
          sql`count(*) over (partition by ${facts.sentenceId}, ${userId})`,
          't_duplicates',
        ),
        ...facts._.selectedFields,
      })
      .from(input)
      .crossJoinLateral(facts),
  );
}

function prepareRead(db: Executor) {
  const input = saveInput(db, 'array');
  const target = saveTarget(db, input);
  return db.with(input, target).select().from(target).prepare('find_save_target');
}

function prepareSave(db: Executor, shape: 'array' | 'alone') {
  const input = saveInput(db, shape);
  const target = saveTarget(db, input);
  // What SQL can decide of the service's checks; anything else leaves the write to the service.
  // `t` is the save's target row, `i` its input row.
  const mayWrite = sql`
    t.t_kind <> 'boilerplate' and t.t_label_id is not null and t.t_applied_operation is null
    and t.t_duplicates = 1
    and t.t_member_role is not null and (t.t_member_role <> 'analyst' or t.t_is_assigned)
    and (i.min_cue_start is null or (i.min_cue_start >= t.t_start and i.max_cue_end <= t.t_end))
    and (i.expected_version is null or coalesce(t.t_current_version, 0) = i.expected_version)
    and (not i.has_record or i.suggestion_version is null
      or t.t_suggestion->>'label' is null
      or (i.suggestion_relation = 'other_label') = (t.t_suggestion->>'label' <> t.t_label_key))`;
  // Without the client's word, an unchanged label keeps the suggestion record it had.
  const keptRecord = (field: 'relation' | 'version') => sql`case
    when i.has_record then ${sql.raw(field === 'relation' ? 'i.suggestion_relation' : 'i.suggestion_version')}
    when t.t_current_suggestion_relation is not null and t.t_current_label_key = t.t_label_key
      then ${sql.raw(field === 'relation' ? 't.t_current_suggestion_relation' : 't.t_current_suggestion_version')}
    end`;
  const updated = db.$with('updated', {}).as(sql`
    update ${annotations} set label_id = t.t_label_id, source = i.source,
      chain = i.chain, cues = i.cues, note = i.note,
      suggestion_relation = ${keptRecord('relation')}, suggestion_version = ${keptRecord('version')},
      version = t.t_current_version + 1, updated_at = i.updated_at
    from save_target t join save_input i on i.ord = t.t_ord
    where ${mayWrite} and ${annotations.id} = t.t_current_id and ${annotations.version} = t.t_current_version
    returning i.ord as w_ord, ${annotations}.id as w_id, ${annotations}.suggestion_relation as w_suggestion_relation,
      ${annotations}.suggestion_version as w_suggestion_version, ${annotations}.version as w_version,
      ${annotations}.created_at as w_created_at, ${annotations}.updated_at as w_updated_at`);
  const inserted = db.$with('inserted', {}).as(sql`
    insert into ${annotations} (sentence_id, annotator_id, label_id, source, chain, cues, note,
      suggestion_relation, suggestion_version, version)
    select t.t_sentence_id, i.user_id, t.t_label_id, i.source, i.chain, i.cues, i.note,
      ${keptRecord('relation')}, ${keptRecord('version')}, 1
    from save_target t join save_input i on i.ord = t.t_ord
    where ${mayWrite} and t.t_current_id is null
    on conflict (sentence_id, annotator_id) do nothing
    returning *`);
  const written = db
    .$with('written', {
      ord: sql<number>`w_ord`.as('w_ord'),
      id: sql<string | null>`w_id`.as('w_id'),
      suggestionRelation: sql<AnnotationRow['suggestionRelation']>`w_suggestion_relation`.as(
        'w_suggestion_relation',
      ),
      suggestionVersion: sql<string | null>`w_suggestion_version`.as('w_suggestion_version'),
      version: sql<number | null>`w_version`.as('w_version'),
      createdAt: sql<Date | null>`w_created_at`.mapWith(annotations.createdAt).as('w_created_at'),
      updatedAt: sql<Date | null>`w_updated_at`.mapWith(annotations.updatedAt).as('w_updated_at'),
    })
    // An inserted row is found by its sentence and annotator: one save of them per statement.
    .as(sql`
      select * from updated
      union all
      select i.ord, n.id, n.suggestion_relation, n.suggestion_version, n.version, n.created_at, n.updated_at
      from inserted n join save_input i on i.sentence_id = n.sentence_id and i.user_id = n.annotator_id`);
  // The history entry, in the same statement as the row it records. Further rows kept in step
  // with a save (a summary per label, say) belong here too, reading `written` and `save_target`.
  const recorded = db.$with('recorded', {}).as(sql`
    insert into ${annotationEvents} (document_id, sentence_id, annotator_id, action, before, after, client_op_id)
    select t.t_document_id, t.t_sentence_id, i.user_id, 'set',
      case when t.t_current_id is not null then jsonb_build_object('label', t.t_current_label_key,
        'source', t.t_current_source, 'chain', t.t_current_chain, 'cues', t.t_current_cues,
        'note', t.t_current_note, 'version', t.t_current_version) end,
      jsonb_build_object('label', i.label_key, 'source', i.source, 'chain', i.chain, 'cues', i.cues,
        'note', i.note, 'version', w.w_version), i.client_op_id
    from written w join save_target t on t.t_ord = w.w_ord join save_input i on i.ord = w.w_ord`);
  return db
    .with(input, target, updated, inserted, written, recorded)
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
    .leftJoin(written, eq(written.ord, target.ord))
    .prepare(shape === 'alone' ? 'save_annotation_alone' : 'save_annotations_at_once');
}
