// The active queue (issue 21; docs/suggestions.md, "Active queue"): when a project turns it on
// and its model decides suggestions, a member's unfinished documents come where the model and
// the rules disagree on an unlabelled sentence, then where the model is least sure, instead of
// oldest first. Only the caller's own labels are read, so the order says nothing of colleagues'.
import {
  compareQueueReadings,
  type DocumentQueue,
  type DocumentQueueReading,
  documentQueueReading,
  minGoldSentences,
  type ProjectModel,
  type QueueReading,
  queueReading,
  suggestionVersion,
} from '@attest/core';
import {
  type DocumentSummaryRow,
  type Executor,
  listDocuments,
  listSentencesForAnnotator,
  type ProjectRole,
  type ProjectRow,
  type SentenceForAnnotator,
} from '@attest/db';
import { requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { toDocumentSummary } from './serialize.ts';
import { ensureSuggestions } from './suggestion-filler.ts';
import { applyModel, servedModel } from './suggestion-model/served-model.ts';

/**
 * The bound on the work per request: only the caller's oldest this-many unfinished documents are
 * read and ordered; the ones after them wait in the usual order until the window reaches them.
 */
export const queueWindowDocuments = 50;

export interface QueuedDocument {
  document: DocumentSummaryRow;
  reading: DocumentQueueReading;
}

/** The caller's active queue in a project, as the documents page shows it. */
export async function getDocumentQueue(context: ServiceContext, slug: string): Promise<DocumentQueue> {
  const { project, role } = await requireProject(context, slug);
  const projectModel = await queueModel(context.db, project);
  const queued = projectModel ? await queuedDocuments(context, project, role, projectModel) : null;
  return {
    ordersByModel: queued !== null,
    modelVersion: projectModel?.version ?? null,
    windowDocuments: queueWindowDocuments,
    items: (queued ?? []).map(({ document, reading }) => ({
      document: toDocumentSummary(document),
      disagreements: reading.disagreements,
      firstMargin: reading.first?.margin ?? null,
    })),
  };
}

/**
 * The model the queue orders by: the project's served model once it decides suggestions (the
 * editor explains its reading from then on), or null while the queue keeps the usual order.
 */
export async function queueModel(
  db: Executor,
  project: Pick<ProjectRow, 'id' | 'activeQueue'>,
): Promise<ProjectModel | null> {
  if (!project.activeQueue) return null;
  const projectModel = await servedModel(db, project.id);
  return projectModel && projectModel.model.model.goldSentences >= minGoldSentences ? projectModel : null;
}

/**
 * The caller's unfinished documents of the window in queue order (ties, and documents the model
 * read nothing in, keep the oldest-first order), or null when the queue is off or has no model.
 */
export async function queuedDocuments(
  context: ServiceContext,
  project: Pick<ProjectRow, 'id' | 'activeQueue'>,
  role: ProjectRole,
  /** The model from queueModel(), when the caller has read it already. */
  knownModel?: ProjectModel,
): Promise<QueuedDocument[] | null> {
  const projectModel = knownModel ?? (await queueModel(context.db, project));
  if (!projectModel) return null;
  const window = await listDocuments(context.db, {
    projectId: project.id,
    annotatorId: context.userId,
    assignedTo: role === 'analyst' ? context.userId : undefined,
    unfinishedOnly: true,
    order: 'oldest',
    limit: queueWindowDocuments,
  });
  // The model reads the rules' suggestions, which an import leaves to the filler.
  await ensureSuggestions(
    context.db,
    window.map((document) => document.id),
  );
  const sentences = await listSentencesForAnnotator(context.db, {
    projectId: project.id,
    documentIds: window.map((document) => document.id),
    annotatorId: context.userId,
  });
  const byDocument = new Map<string, SentenceForAnnotator[]>();
  for (const sentence of sentences) {
    const documentSentences = byDocument.get(sentence.documentId);
    if (documentSentences) documentSentences.push(sentence);
    else byDocument.set(sentence.documentId, [sentence]);
  }
  return window
    .map((document, index) => {
      const documentSentences = byDocument.get(document.id) ?? [];
      const readings = readingsOf(projectModel, document, documentSentences);
      const unlabelled = documentSentences.filter(
        (sentence) => !sentence.isLabelled && sentence.kind !== 'boilerplate',
      );
      return {
        index,
        queued: {
          document,
          reading: documentQueueReading(unlabelled.map((sentence) => readings.get(sentence.id) ?? null)),
        },
      };
    })
    .sort(
      (first, second) =>
        compareQueueReadings(first.queued.reading.first, second.queued.reading.first) ||
        first.index - second.index,
    )
    .map(({ queued }) => queued);
}

/**
 * The model's reading of each sentence of a document, kept per process for as long as the
 * model version and the document's sentences and suggestions stay the same: the tagger's
 * features are the costly part, and a member asks for the next document many times.
 */
const readingsByDocument = new Map<string, { key: string; readings: Map<string, QueueReading | null> }>();
const cachedDocuments = 2_000;

function readingsOf(
  projectModel: ProjectModel,
  document: DocumentSummaryRow,
  sentences: readonly SentenceForAnnotator[],
): Map<string, QueueReading | null> {
  const key = `${projectModel.version}|${sentences
    .map(
      (sentence) =>
        `${sentence.id}@${sentence.position}:${sentence.start}-${sentence.end}:${
          sentence.suggestion ? suggestionVersion(sentence.suggestion) : '-'
        }`,
    )
    .join('|')}`;
  const cached = readingsByDocument.get(document.id);
  if (cached?.key === key) return cached.readings;
  const applied = applyModel(projectModel, sentences, document.outlet);
  const readings = new Map(applied.map((sentence) => [sentence.id, queueReading(sentence.suggestion)]));
  readingsByDocument.delete(document.id);
  readingsByDocument.set(document.id, { key, readings });
  // Oldest entry first in a Map: drop it once the cache is full.
  if (readingsByDocument.size > cachedDocuments) {
    const oldest = readingsByDocument.keys().next().value;
    if (oldest !== undefined) readingsByDocument.delete(oldest);
  }
  return readings;
}
