// The project's learned suggestion model: trained on demand (owners and reviewers) or after
// every `retrainAfterGoldLabels` new gold labels, in a worker thread, and stored versioned.
import type { GoldDocument, SuggestionModelStatus } from '@attest/core';
import { defaultCombineOptions } from '@attest/core';
import {
  acceptedSuggestionsByDecider,
  countGoldSentences,
  type Executor,
  findLatestSuggestionModel,
  insertSuggestionModel,
  listGoldDocuments,
  type SuggestionModelSummary,
} from '@attest/db';
import { ProblemError } from '../../errors.ts';
import { managers, requireProject } from '../access.ts';
import type { ServiceContext } from '../context.ts';
import { trainInWorker } from './train-in-worker.ts';

/** New gold labels (adjudications) a process counts in a project before it checks for retraining. */
export const retrainAfterGoldLabels = 25;

export async function getSuggestionModelStatus(
  context: ServiceContext,
  slug: string,
): Promise<SuggestionModelStatus> {
  const { project } = await requireProject(context, slug);
  const [latest, goldSentences, acceptedByDecider] = await Promise.all([
    findLatestSuggestionModel(context.db, { projectId: project.id }),
    countGoldSentences(context.db, { projectId: project.id }),
    acceptedSuggestionsByDecider(context.db, { projectId: project.id }),
  ]);
  return toStatus(latest, goldSentences, acceptedByDecider);
}

export async function trainSuggestionModel(
  context: ServiceContext,
  slug: string,
): Promise<SuggestionModelStatus> {
  const { project } = await requireProject(context, slug, managers, 'train the suggestion model');
  const trained = await inTurn(project.id, () =>
    trainAndStore(context.db, project.id, context.isOperator ? null : context.userId),
  );
  if (!trained)
    throw new ProblemError(
      409,
      'no-gold-labels',
      'Nothing to learn from yet',
      'The project has no gold labels: adjudicate sentences, or have two analysts agree on them, then train again.',
    );
  return toStatus(
    trained,
    trained.goldSentences,
    await acceptedSuggestionsByDecider(context.db, { projectId: project.id }),
  );
}

async function trainAndStore(
  db: Executor,
  projectId: string,
  trainedBy: string | null,
): Promise<SuggestionModelSummary | null> {
  const documents: GoldDocument[] = (await listGoldDocuments(db, { projectId })).map((document) => ({
    text: document.body,
    outlet: document.outlet,
    segments: document.sentences,
    goldLabels: document.sentences.map((sentence) => sentence.gold),
  }));
  if (documents.length === 0) return null;
  const { model, milliseconds } = await trainInWorker(documents);
  return insertSuggestionModel(db, { projectId, model, trainingMilliseconds: milliseconds, trainedBy });
}

const newLabelsByProject = new Map<string, number>();
const trainingProjects = new Set<string>();
const trainingInTurn = new Map<string, Promise<unknown>>();

/**
 * Runs a project's trainings in this process one after another, so a background retraining that
 * finishes late never stores an older view of the gold after an on-demand one: what was asked
 * for last is the newest version.
 */
function inTurn<Result>(projectId: string, train: () => Promise<Result>): Promise<Result> {
  const previous = trainingInTurn.get(projectId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(train);
  trainingInTurn.set(projectId, next);
  next
    .finally(() => {
      if (trainingInTurn.get(projectId) === next) trainingInTurn.delete(projectId);
    })
    .catch(() => undefined);
  return next;
}

/**
 * Counts a new gold label; every `retrainAfterGoldLabels` of them, retrains in the background
 * if the project has gained that many gold sentences since its newest model. Never throws:
 * the label is saved whatever happens here.
 */
export function noteNewGoldLabel(db: Executor, projectId: string): void {
  const count = (newLabelsByProject.get(projectId) ?? 0) + 1;
  newLabelsByProject.set(projectId, count % retrainAfterGoldLabels);
  if (count < retrainAfterGoldLabels || trainingProjects.has(projectId)) return;
  trainingProjects.add(projectId);
  void inTurn(projectId, () => retrainIfDue(db, projectId))
    .catch((error: unknown) =>
      console.warn(
        `Retraining the suggestion model of project ${projectId} failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
    )
    .finally(() => trainingProjects.delete(projectId));
}

async function retrainIfDue(db: Executor, projectId: string): Promise<void> {
  const [latest, goldSentences] = await Promise.all([
    findLatestSuggestionModel(db, { projectId }),
    countGoldSentences(db, { projectId }),
  ]);
  if (goldSentences - (latest?.goldSentences ?? 0) >= retrainAfterGoldLabels)
    await trainAndStore(db, projectId, null);
}

function toStatus(
  latest: SuggestionModelSummary | null,
  goldSentences: number,
  acceptedByDecider: SuggestionModelStatus['acceptedByDecider'],
): SuggestionModelStatus {
  return {
    acceptedByDecider,
    goldSentences,
    minGoldSentences: defaultCombineOptions.minGoldSentences,
    minProbability: defaultCombineOptions.minProbability,
    retrainAfterGoldLabels,
    model: latest && {
      version: latest.version,
      goldSentences: latest.goldSentences,
      trainingMilliseconds: latest.trainingMilliseconds,
      trainedAt: latest.createdAt.toISOString(),
      decides: latest.goldSentences >= defaultCombineOptions.minGoldSentences,
    },
  };
}
