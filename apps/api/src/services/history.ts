// A sentence's history: every change to the caller's own label (analysts), or to everyone's
// and to the gold label (owners and reviewers), oldest first.
import { listAnnotationEvents } from '@attest/db';
import { requireSentence, seesEveryone } from './access.ts';
import type { ServiceContext } from './context.ts';

export async function sentenceHistory(context: ServiceContext, sentenceId: string) {
  const { role, projectId } = await requireSentence(context, sentenceId);
  const events = await listAnnotationEvents(context.db, { projectId, sentenceId });
  const seesAll = seesEveryone(role);
  return events
    .filter((event) => seesAll || event.annotatorId === context.userId)
    .map((event) => ({
      id: event.id,
      action: event.action,
      annotatorId: event.annotatorId,
      actorId: event.actorId,
      // Analysts see their own entries only; a colleague who split or merged stays unnamed to them.
      annotatorName: seesAll ? event.annotatorName : null,
      actorName: seesAll ? event.actorName : null,
      before: event.before,
      after: event.after,
      at: event.createdAt.toISOString(),
    }));
}
