// Idempotency keys (the Idempotency-Key header): a client's id for one edit, recorded on the
// edit's history entry (unique per user), so a retry after a lost response is answered as the
// first delivery was and a key reused for another edit is refused. Annotation saves and clears
// and gold-label decisions share the key space of their user.
import type { AnnotationEventAction, AppliedOperation, Executor } from '@attest/db';
import { errorCodesOf, findAppliedOperation, sqlState } from '@attest/db';
import { ProblemError } from '../errors.ts';

/** An edit as a key stands for it: where, what, and for a write the values written. */
export interface Edit {
  sentenceId: string;
  action: AnnotationEventAction;
  content?: EditContent | undefined;
}

export interface EditContent {
  label: string;
  source: string | null;
  chain: readonly string[];
  cues: readonly { start: number; end: number; kind: string }[];
  note: string | null;
}

/** The values of a write in a fixed form: jsonb does not keep the order of an object's keys. */
function canonical(content: Partial<EditContent> | null | undefined): string {
  return JSON.stringify([
    content?.label,
    content?.source ?? null,
    content?.chain ?? [],
    (content?.cues ?? []).map((cue) => [cue.start, cue.end, cue.kind]),
    content?.note ?? null,
  ]);
}

/** Whether the caller already applied this very edit under its key (a 422 for another edit). */
export async function isApplied(
  db: Executor,
  userId: string,
  clientOpId: string | undefined,
  edit: Edit,
): Promise<boolean> {
  if (!clientOpId) return false;
  const applied = await findAppliedOperation(db, { annotatorId: userId, clientOpId });
  if (applied) assertRetryOf(applied, edit, clientOpId);
  return applied !== undefined;
}

/**
 * A key stands for one edit: reusing it for another sentence, another action or other values
 * would otherwise answer "applied" for an edit that was never stored.
 */
export function assertRetryOf(applied: AppliedOperation, edit: Edit, clientOpId: string | undefined): void {
  const isSame =
    applied.sentenceId === edit.sentenceId &&
    applied.action === edit.action &&
    (edit.content === undefined || canonical(applied.after) === canonical(edit.content));
  if (!isSame)
    throw new ProblemError(
      422,
      'idempotency-key-reused',
      'The Idempotency-Key belongs to another edit',
      `You already used the Idempotency-Key "${clientOpId}" for a different edit (another sentence, action or values); send a new key with every new edit.`,
    );
}

/**
 * Two deliveries of the same operation can race past the "already applied?" check; the unique
 * client op id then rejects the second, which answers with the state the first one left.
 */
export async function retryOnDuplicateOperation<Result>(
  request: { clientOpId?: string | undefined },
  operation: () => Promise<Result>,
  answerDuplicate: () => Promise<Result>,
): Promise<Result> {
  try {
    return await operation();
  } catch (error) {
    const isUniqueViolation = errorCodesOf(error).includes(sqlState.uniqueViolation);
    if (!request.clientOpId || !isUniqueViolation || error instanceof ProblemError) throw error;
    return answerDuplicate();
  }
}
