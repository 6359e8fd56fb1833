// A reviewer settles a sentence's gold label: versioned like annotations, and recorded in the
// same history (action "adjudicate", the reviewer as annotator).
import type { Adjudication } from '@attest/core';
import {
  type AdjudicationWithLabel,
  type AnnotationSnapshot,
  deleteAdjudication,
  type Executor,
  findAdjudication,
  findLabel,
  findSentenceAndProject,
  insertAdjudication,
  insertAnnotationEvent,
  listLabels,
  updateAdjudication,
} from '@attest/db';
import { ForbiddenError, InvalidInputError, StaleAdjudicationError } from '../errors.ts';
import { requireSentence, seesEveryone } from './access.ts';
import type { ServiceContext } from './context.ts';
import { type Edit, isApplied, retryOnDuplicateOperation } from './idempotency.ts';
import { noteNewGoldLabel } from './suggestion-model/index.ts';

export interface AdjudicateRequest {
  sentenceId: string;
  label: string;
  note?: string | null | undefined;
  expectedVersion?: number | undefined;
  /** The client's id for this decision: a retry with the same id is applied once. */
  clientOpId?: string | undefined;
}

export async function adjudicate(context: ServiceContext, request: AdjudicateRequest): Promise<Adjudication> {
  const note = request.note?.trim() || null;
  const edit: Edit = {
    sentenceId: request.sentenceId,
    action: 'adjudicate',
    content: { label: request.label, source: null, chain: [], cues: [], note },
  };
  // A retry answers with the gold label as it is now, as a retried save does.
  // A replay may come before anything was read (a duplicate client op id), so it finds the
  // sentence's project itself.
  const replay = async (): Promise<Adjudication> => {
    const sentence = await findSentenceAndProject(context.db, { sentenceId: request.sentenceId });
    const current = sentence && (await currentAdjudication(context.db, sentence));
    if (!current) throw new StaleAdjudicationError(null);
    return current;
  };
  let projectId = '';
  const decide = () =>
    context.db.transaction(async (transaction): Promise<Adjudication | undefined> => {
      const scoped = { ...context, db: transaction };
      const sentence = await requireReviewableSentence(scoped, request.sentenceId);
      if (await isApplied(transaction, context.userId, request.clientOpId, edit)) return undefined;
      const label = await findLabel(transaction, { projectId: sentence.projectId, key: request.label });
      if (!label) {
        const known = (await listLabels(transaction, { projectId: sentence.projectId })).map(
          (row) => row.key,
        );
        throw new InvalidInputError(
          `Unknown label "${request.label}". This project's labels: ${known.join(', ')}.`,
        );
      }
      const current = await findAdjudication(transaction, {
        projectId: sentence.projectId,
        sentenceId: request.sentenceId,
        forUpdate: true,
      });
      assertVersion(current, request.expectedVersion);
      const values = { sentenceId: request.sentenceId, labelId: label.id, note, decidedBy: context.userId };
      const written = current
        ? await updateAdjudication(transaction, {
            ...values,
            projectId: sentence.projectId,
            expectedVersion: current.version,
          })
        : await insertAdjudication(transaction, values);
      if (!written) throw new StaleAdjudicationError(await currentAdjudication(transaction, sentence));
      const saved = { ...written, labelKey: label.key };
      projectId = sentence.projectId;
      await insertAnnotationEvent(transaction, {
        documentId: sentence.documentId,
        sentenceId: sentence.id,
        annotatorId: context.userId,
        action: 'adjudicate',
        before: current ? snapshot(current) : null,
        after: snapshot(saved),
        clientOpId: request.clientOpId,
      });
      return toAdjudication(saved);
    });
  const adjudication = await retryOnDuplicateOperation(
    request,
    async () => (await decide()) ?? replay(),
    async () => {
      await isApplied(context.db, context.userId, request.clientOpId, edit);
      return replay();
    },
  );
  // After the commit: a retraining this may start reads the new gold label (a replay adds none).
  if (projectId) noteNewGoldLabel(context.db, projectId);
  return adjudication;
}

export async function removeAdjudication(
  context: ServiceContext,
  request: { sentenceId: string; expectedVersion?: number | undefined; clientOpId?: string | undefined },
): Promise<void> {
  const edit: Edit = { sentenceId: request.sentenceId, action: 'unadjudicate' };
  await retryOnDuplicateOperation(
    request,
    () =>
      context.db.transaction(async (transaction) => {
        const sentence = await requireReviewableSentence({ ...context, db: transaction }, request.sentenceId);
        if (await isApplied(transaction, context.userId, request.clientOpId, edit)) return;
        const scope = { projectId: sentence.projectId, sentenceId: request.sentenceId };
        const current = await findAdjudication(transaction, { ...scope, forUpdate: true });
        assertVersion(current, request.expectedVersion);
        if (!current) return;
        if (!(await deleteAdjudication(transaction, { ...scope, expectedVersion: current.version }))) {
          throw new StaleAdjudicationError(await currentAdjudication(transaction, sentence));
        }
        await insertAnnotationEvent(transaction, {
          documentId: sentence.documentId,
          sentenceId: sentence.id,
          annotatorId: context.userId,
          action: 'unadjudicate',
          before: snapshot(current),
          after: null,
          clientOpId: request.clientOpId,
        });
      }),
    async () => {
      await isApplied(context.db, context.userId, request.clientOpId, edit);
    },
  );
}

async function requireReviewableSentence(context: ServiceContext, sentenceId: string) {
  const sentence = await requireSentence(context, sentenceId);
  if (!seesEveryone(sentence.role)) throw new ForbiddenError('Only owners and reviewers settle gold labels.');
  if (sentence.kind === 'boilerplate') throw new InvalidInputError('Boilerplate takes no label.');
  return sentence;
}

function assertVersion(
  current: AdjudicationWithLabel | undefined,
  expectedVersion: number | undefined,
): void {
  if (expectedVersion === undefined) return;
  if ((current?.version ?? 0) !== expectedVersion) {
    throw new StaleAdjudicationError(current ? toAdjudication(current) : null);
  }
}

async function currentAdjudication(
  db: Executor,
  sentence: { projectId: string; id: string },
): Promise<Adjudication | null> {
  const adjudication = await findAdjudication(db, { projectId: sentence.projectId, sentenceId: sentence.id });
  return adjudication ? toAdjudication(adjudication) : null;
}

function snapshot(adjudication: {
  labelKey: string;
  note: string | null;
  version: number;
}): AnnotationSnapshot {
  return {
    label: adjudication.labelKey,
    source: null,
    chain: [],
    cues: [],
    note: adjudication.note,
    version: adjudication.version,
  };
}

export function toAdjudication(adjudication: {
  sentenceId: string;
  labelKey: string;
  note: string | null;
  decidedBy: string | null;
  version: number;
  updatedAt: Date;
}): Adjudication {
  return {
    sentenceId: adjudication.sentenceId,
    label: adjudication.labelKey,
    note: adjudication.note,
    decidedBy: adjudication.decidedBy,
    version: adjudication.version,
    updatedAt: adjudication.updatedAt.toISOString(),
  };
}
