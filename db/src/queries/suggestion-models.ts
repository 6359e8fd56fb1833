// The project's suggestion models (one row per trained version) and the gold they learn from.
import type { SegmentKind, SuggestionModel } from '@attest/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { documents } from '../schema/documents.ts';
import { suggestionModels } from '../schema/suggestion-models.ts';
import { goldSentences } from '../sql/gold.ts';
import { rowsOf } from '../sql/rows.ts';

export interface SuggestionModelSummary {
  version: number;
  goldSentences: number;
  trainingMilliseconds: number;
  createdAt: Date;
}

const summaryColumns = {
  version: suggestionModels.version,
  goldSentences: suggestionModels.goldSentences,
  trainingMilliseconds: suggestionModels.trainingMilliseconds,
  createdAt: suggestionModels.createdAt,
};

/** The newest model's version and size, without its weights; null before the first training. */
export async function findLatestSuggestionModel(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<SuggestionModelSummary | null> {
  const [row] = await db
    .select(summaryColumns)
    .from(suggestionModels)
    .where(eq(suggestionModels.projectId, projectId))
    .orderBy(desc(suggestionModels.version))
    .limit(1);
  return row ?? null;
}

/** One version's weights. */
export async function findSuggestionModelWeights(
  db: Executor,
  { projectId, version }: { projectId: string; version: number },
): Promise<SuggestionModel | null> {
  const [row] = await db
    .select({ model: suggestionModels.model })
    .from(suggestionModels)
    .where(and(eq(suggestionModels.projectId, projectId), eq(suggestionModels.version, version)));
  return row?.model ?? null;
}

/**
 * Stores a trained model as the project's next version. Two processes training at once both
 * read the same next version: the second insert breaks the unique (project, version) key and
 * the caller drops its copy.
 */
export async function insertSuggestionModel(
  db: Executor,
  values: {
    projectId: string;
    model: SuggestionModel;
    trainingMilliseconds: number;
    trainedBy: string | null;
  },
): Promise<SuggestionModelSummary> {
  const [row] = await db
    .insert(suggestionModels)
    .values({
      projectId: values.projectId,
      version: sql`(select coalesce(max(version), 0) + 1 from suggestion_models where project_id = ${values.projectId})`,
      goldSentences: values.model.goldSentences,
      model: values.model,
      trainingMilliseconds: values.trainingMilliseconds,
      trainedBy: values.trainedBy,
    })
    .returning(summaryColumns);
  if (!row) throw new Error('The suggestion model was not stored.');
  return row;
}

const projectScope = (projectId: string) => sql`d.project_id = ${projectId} and d.archived_at is null`;

/** How many sentences of the project's current documents have a gold label. */
export async function countGoldSentences(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<number> {
  const [row] = await rowsOf<{ total: number }>(
    db,
    sql`select count(*)::int as total from (${goldSentences(projectScope(projectId))}) g where g.gold is not null`,
  );
  return row?.total ?? 0;
}

export interface GoldDocumentRows {
  documentId: string;
  body: string;
  outlet: string | null;
  sentences: { start: number; end: number; kind: SegmentKind; text: string; gold: string | null }[];
}

/**
 * Every current document holding a gold sentence, with all its sentences in order (the rules
 * read their neighbours) and each one's gold label, for training.
 */
export async function listGoldDocuments(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<GoldDocumentRows[]> {
  const rows = await rowsOf<{
    document_id: string;
    body: string;
    outlet: string | null;
    start: number;
    end: number;
    kind: SegmentKind;
    text: string;
    gold: string | null;
  }>(
    db,
    sql`with gold as (
        select g.id, g.document_id, g.gold from (${goldSentences(projectScope(projectId))}) g where g.gold is not null
      )
      select s.document_id, d.body, d.outlet, s.start, s."end", s.kind, s.text, gold.gold
      from sentences s
        join documents d on d.id = s.document_id
        left join gold on gold.id = s.id
      where s.document_id in (select document_id from gold)
      order by s.document_id, s.position`,
  );
  const documents = new Map<string, GoldDocumentRows>();
  for (const row of rows) {
    let document = documents.get(row.document_id);
    if (!document) {
      document = { documentId: row.document_id, body: row.body, outlet: row.outlet, sentences: [] };
      documents.set(row.document_id, document);
    }
    document.sentences.push({
      start: row.start,
      end: row.end,
      kind: row.kind,
      text: row.text,
      gold: row.gold,
    });
  }
  return [...documents.values()];
}

/** The outlet a document was imported with (a feature of the model), or null. */
export async function findDocumentOutlet(
  db: Executor,
  { projectId, documentId }: { projectId: string; documentId: string },
): Promise<string | null> {
  const [row] = await db
    .select({ outlet: documents.outlet })
    .from(documents)
    .where(and(eq(documents.id, documentId), eq(documents.projectId, projectId)));
  return row?.outlet ?? null;
}

export interface DeciderWeekRow {
  /** Monday of the week the labels were last saved, YYYY-MM-DD. */
  week: string;
  decider: 'rules' | 'model';
  /** Labels saved by accepting the suggestion (`a`). */
  accepted: number;
  /** Labels saved while a suggestion was shown, accepted or not. */
  shown: number;
}

/**
 * Per week and decider, how many labels were saved with a suggestion shown and how many of
 * them accepted it. The decider is read from the suggestion version recorded with the label:
 * `model-v<version>:…` when the project's model decided, a rule id otherwise.
 */
export async function acceptedSuggestionsByDecider(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<DeciderWeekRow[]> {
  return rowsOf<DeciderWeekRow>(
    db,
    sql`select to_char(date_trunc('week', an.updated_at), 'YYYY-MM-DD') as week,
        case when an.suggestion_version like 'model-v%' then 'model' else 'rules' end as decider,
        count(*) filter (where an.suggestion_relation = 'accepted')::int as accepted,
        count(*)::int as shown
      from annotations an
        join sentences s on s.id = an.sentence_id
        join documents d on d.id = s.document_id
      where d.project_id = ${projectId} and d.archived_at is null and an.suggestion_version is not null
      group by 1, 2
      order by 1, 2`,
  );
}
