// Saving and clearing an analyst's label on a sentence: versioned, idempotent, with history.
import { type Annotation, type AnnotationInput, cueOutsideSentence, suggestionVersion } from '@attest/core';
import {
  type AnnotationWithLabel,
  deleteAnnotation,
  type Executor,
  findAnnotation,
  findSaveTarget,
  findSentenceAndProject,
  insertAnnotationEvent,
  listLabels,
  type SaveTarget,
  type SentenceWithProject,
  saveAnnotationAtOnce,
  writeAnnotationWithEvent,
} from '@attest/db';
import { InvalidInputError, StaleVersionError } from '../errors.ts';
import { authorizeSentence, requireSentence } from './access.ts';
import { snapshot } from './annotation-snapshot.ts';
import type { ServiceContext } from './context.ts';
import { assertRetryOf, type Edit, isApplied, retryOnDuplicateOperation } from './idempotency.ts';
import { toAnnotation } from './serialize.ts';

export interface SaveAnnotationRequest {
  sentenceId: string;
  input: AnnotationInput;
  /** The version the client last saw (0: none); undefined writes unconditionally. */
  expectedVersion?: number | undefined;
  /** The client's id for this edit: a retry with the same id is applied once. */
  clientOpId?: string | undefined;
}

export async function saveAnnotation(
  context: ServiceContext,
  request: SaveAnnotationRequest,
): Promise<Annotation> {
  // A replay may come before anything was read (a duplicate client op id), so it finds the
  // sentence's project itself.
  const replay = async (): Promise<Annotation> => {
    const sentence = await findSentenceAndProject(context.db, { sentenceId: request.sentenceId });
    const current = sentence && (await currentAnnotation(context.db, sentence, context.userId));
    if (!current) throw new StaleVersionError(null);
    return current;
  };
  const content = contentOf(request.input);
  const edit: Edit = { sentenceId: request.sentenceId, action: 'set', content };
  // Checks on what was read, then one statement that writes the annotation and its history entry
  // only if the annotation is still the one read; no transaction is held across the two.
  const attempt = async (
    attemptsLeft: number,
    read?: { target: SaveTarget | undefined },
  ): Promise<Annotation> => {
    const target =
      read?.target ??
      (read
        ? undefined
        : await findSaveTarget(context.db, {
            sentenceId: request.sentenceId,
            userId: context.userId,
            labelKey: request.input.label,
            clientOpId: request.clientOpId,
          }));
    const sentence = assertAnnotatable(await authorizeSentence(context, target));
    if (!target?.label) {
      const known = (await listLabels(context.db, { projectId: sentence.projectId })).map((row) => row.key);
      throw new InvalidInputError(
        `Unknown label "${request.input.label}". This project's labels: ${known.join(', ')}.`,
        [{ path: 'label', message: `Use one of: ${known.join(', ')}.` }],
      );
    }
    assertCuesInside(sentence, content.cues);
    assertSuggestionRecord(sentence, request.input);
    if (target.appliedOperation) {
      assertRetryOf(target.appliedOperation, edit, request.clientOpId);
      return replay();
    }

    const { current, label } = target;
    assertExpectedVersion(current, request.expectedVersion);
    const record = suggestionRecordOf(request.input, current);
    const values = {
      sentenceId: request.sentenceId,
      annotatorId: context.userId,
      labelId: label.id,
      source: content.source,
      chain: content.chain,
      cues: content.cues,
      note: content.note,
      suggestionRelation: record?.relation ?? null,
      suggestionVersion: record?.version ?? null,
    };
    // The write applies only over the version read, so the version it makes is known now.
    const after = snapshot({ ...values, labelKey: label.key, version: (current?.version ?? 0) + 1 });
    const written = await writeAnnotationWithEvent(context.db, {
      values,
      previousVersion: current?.version,
      event: {
        documentId: sentence.documentId,
        action: 'set',
        before: current ? snapshot(current) : null,
        after,
        clientOpId: request.clientOpId,
      },
    });
    if (written) return toAnnotation({ ...written, labelKey: label.key });
    // Someone wrote between the read and the write: another delivery of this very edit, or
    // another tab of the same analyst. Without If-Match the last write wins, so read again.
    if (await isApplied(context.db, context.userId, request.clientOpId, edit)) return replay();
    if (request.expectedVersion === undefined && attemptsLeft > 0) return attempt(attemptsLeft - 1);
    throw new StaleVersionError(await currentAnnotation(context.db, sentence, context.userId));
  };
  // The common save is one statement that reads, checks what SQL can check, and writes: one
  // round trip. When it writes nothing, the checks above run on what it read and answer as a
  // read would have (an error, a replay, or the write done the long way).
  const saveAtOnce = async (): Promise<Annotation> => {
    const saved = await saveAnnotationAtOnce(context.saveDb ?? context.db, {
      sentenceId: request.sentenceId,
      userId: context.userId,
      labelKey: request.input.label,
      clientOpId: request.clientOpId,
      expectedVersion: request.expectedVersion,
      ...content,
      suggestion: request.input.suggestion ?? null,
    });
    if (saved.written) return toAnnotation({ ...saved.written, labelKey: request.input.label });
    return attempt(3, { target: saved.target });
  };
  return retryOnDuplicateOperation(
    request,
    () => (mayCheckInSql(context, content.cues) ? saveAtOnce() : attempt(3)),
    async () => {
      await isApplied(context.db, context.userId, request.clientOpId, edit);
      return replay();
    },
  );
}

/**
 * Whether the one-statement save can decide the checks: the operator's and API tokens' rights
 * are decided here, not in SQL, and an empty cue span is refused before anything is read.
 */
function mayCheckInSql(context: ServiceContext, cues: NonNullable<AnnotationInput['cues']>): boolean {
  return !context.isOperator && context.tokenProjectIds === null && cues.every((cue) => cue.start < cue.end);
}

export interface ClearAnnotationRequest {
  sentenceId: string;
  expectedVersion?: number | undefined;
  clientOpId?: string | undefined;
}

/** Removes the caller's label; clearing what is not there is not an error. */
export async function clearAnnotation(
  context: ServiceContext,
  request: ClearAnnotationRequest,
): Promise<void> {
  const edit: Edit = { sentenceId: request.sentenceId, action: 'clear' };
  await retryOnDuplicateOperation(
    request,
    () =>
      context.db.transaction(async (transaction) => {
        const sentence = await requireAnnotatableSentence(
          { ...context, db: transaction },
          request.sentenceId,
        );
        if (await isApplied(transaction, context.userId, request.clientOpId, edit)) return null;
        const scope = {
          projectId: sentence.projectId,
          sentenceId: request.sentenceId,
          annotatorId: context.userId,
        };
        const current = await findAnnotation(transaction, { ...scope, forUpdate: true });
        assertExpectedVersion(current, request.expectedVersion);
        if (!current) return null;
        if (!(await deleteAnnotation(transaction, { ...scope, expectedVersion: current.version }))) {
          throw new StaleVersionError(await currentAnnotation(transaction, sentence, context.userId));
        }
        await insertAnnotationEvent(transaction, {
          documentId: sentence.documentId,
          sentenceId: sentence.id,
          annotatorId: context.userId,
          action: 'clear',
          before: snapshot(current),
          after: null,
          clientOpId: request.clientOpId,
        });
        return null;
      }),
    async () => {
      await isApplied(context.db, context.userId, request.clientOpId, edit);
      return null;
    },
  );
}

// Inferred, not EditContent: the one-statement save wants the cues with their kinds.
function contentOf(input: AnnotationInput) {
  return {
    label: input.label,
    source: input.source?.trim() || null,
    chain: input.chain ?? [],
    cues: input.cues ?? [],
    note: input.note?.trim() || null,
  };
}

async function requireAnnotatableSentence(
  context: ServiceContext,
  sentenceId: string,
): Promise<SentenceWithProject> {
  return assertAnnotatable(await requireSentence(context, sentenceId));
}

function assertAnnotatable<Sentence extends SentenceWithProject>(sentence: Sentence): Sentence {
  if (sentence.kind === 'boilerplate') {
    throw new InvalidInputError(
      'This segment is boilerplate (a source line, byline or end mark) and takes no label.',
    );
  }
  return sentence;
}

function assertExpectedVersion(
  current: AnnotationWithLabel | undefined,
  expectedVersion: number | undefined,
): void {
  if (expectedVersion === undefined) return;
  if ((current?.version ?? 0) !== expectedVersion)
    throw new StaleVersionError(current ? toAnnotation(current) : null);
}

function assertCuesInside(sentence: SentenceWithProject, cues: NonNullable<AnnotationInput['cues']>): void {
  const errors = cues.flatMap((cue, index) => {
    const message = cueOutsideSentence(sentence, cue);
    return message ? [{ path: `cues.${index}`, message }] : [];
  });
  if (errors.length > 0) throw new InvalidInputError('A cue span lies outside its sentence.', errors);
}

/**
 * The client says how the label relates to the suggestion it showed. When that suggestion is the
 * sentence's current one (same version), the claim must fit the label: a figure built on it
 * would otherwise say more than is true. An older version (the sentence was re-segmented since)
 * is stored as sent: it describes what the analyst saw.
 */
function assertSuggestionRecord(sentence: SentenceWithProject, input: AnnotationInput): void {
  const record = input.suggestion;
  const suggested = sentence.suggestion;
  if (!record || record.version === null || !suggested?.label) return;
  if (record.version !== suggestionVersion(suggested)) return;
  const isSameLabel = input.label === suggested.label;
  const fits = record.relation === 'other_label' ? !isSameLabel : isSameLabel;
  if (!fits) {
    throw new InvalidInputError(
      `The suggestion was "${suggested.label}" and the label is "${input.label}", so the relation cannot be "${record.relation}".`,
      [
        {
          path: 'suggestion.relation',
          message: isSameLabel ? 'Use accepted or same_label.' : 'Use other_label.',
        },
      ],
    );
  }
}

/** What to record: the client's word; else, for an unchanged label, what was recorded before. */
function suggestionRecordOf(
  input: AnnotationInput,
  current: AnnotationWithLabel | undefined,
): { relation: NonNullable<AnnotationWithLabel['suggestionRelation']>; version: string | null } | null {
  if (input.suggestion) return input.suggestion;
  if (current?.suggestionRelation && current.labelKey === input.label) {
    return { relation: current.suggestionRelation, version: current.suggestionVersion };
  }
  return null;
}

async function currentAnnotation(
  db: Executor,
  sentence: { projectId: string; id: string },
  annotatorId: string,
): Promise<Annotation | null> {
  const annotation = await findAnnotation(db, {
    projectId: sentence.projectId,
    sentenceId: sentence.id,
    annotatorId,
  });
  return annotation ? toAnnotation(annotation) : null;
}
