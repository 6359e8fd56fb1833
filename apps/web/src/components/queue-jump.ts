// Where the editor's `n` goes: the next of the analyst's unlabelled sentences, least sure first
// when the project's active queue is on and the model has read them, else in document order.
import type { Sentence } from '@attest/core';
import { inQueueOrder, type QueueReading, queueReading } from '@attest/core/learn-queue';

export interface QueueJump {
  sentence: Sentence;
  /** The model's reading of it, when the queue ordered by the model. */
  reading: QueueReading | null;
  /** Its place among the unlabelled sentences (1 = the least sure, or the first). */
  place: number;
  unlabelledCount: number;
}

/**
 * By the model: the first unlabelled sentence in the queue's order, or, when the selection is
 * still where the last `n` went (`lastJumpId`, left unlabelled), the one after it, wrapping round.
 * Else the next unlabelled sentence after the selection in document order. Undefined when
 * every sentence is labelled.
 */
export function nextInQueue(
  annotatable: readonly Sentence[],
  isLabelled: (sentenceId: string) => boolean,
  selectedId: string | null,
  ordersByModel: boolean,
  lastJumpId: string | null = null,
): QueueJump | undefined {
  const unlabelled = annotatable.filter((sentence) => !isLabelled(sentence.id));
  const order = ordersByModel
    ? inQueueOrder(unlabelled, (sentence) => queueReading(sentence.suggestion))
    : documentOrderFrom(unlabelled, annotatable, selectedId);
  if (order.length === 0) return undefined;
  const current = selectedId === lastJumpId ? order.findIndex((sentence) => sentence.id === selectedId) : -1;
  const index = ordersByModel && current !== -1 ? (current + 1) % order.length : 0;
  const sentence = order[index]!;
  return {
    sentence,
    reading: ordersByModel ? queueReading(sentence.suggestion) : null,
    place: index + 1,
    unlabelledCount: order.length,
  };
}

/** The unlabelled sentences from the one after the selection on, then those before it. */
function documentOrderFrom(
  unlabelled: readonly Sentence[],
  annotatable: readonly Sentence[],
  selectedId: string | null,
): Sentence[] {
  const selectedIndex = annotatable.findIndex((sentence) => sentence.id === selectedId);
  const indexOf = new Map(annotatable.map((sentence, index) => [sentence.id, index]));
  const after = unlabelled.filter((sentence) => (indexOf.get(sentence.id) ?? 0) > selectedIndex);
  const before = unlabelled.filter((sentence) => (indexOf.get(sentence.id) ?? 0) <= selectedIndex);
  return [...after, ...before];
}

/** `n` in the editor: remembers where it last went, so pressing it again there moves on. */
export class QueueJumper {
  private lastJumpId: string | null = null;

  /**
   * The next sentence for `n` (see `nextInQueue`); undefined when every one is labelled. With the
   * project's active queue on, by the model once it has read the sentences (it reads a project's
   * sentences once it decides suggestions); before that, and with the queue off, document order.
   */
  next(
    annotatable: readonly Sentence[],
    isLabelled: (sentenceId: string) => boolean,
    selectedId: string | null,
    activeQueue: boolean,
  ): QueueJump | undefined {
    const ordersByModel = activeQueue && annotatable.some((sentence) => sentence.suggestion?.learned);
    const jump = nextInQueue(annotatable, isLabelled, selectedId, ordersByModel, this.lastJumpId);
    if (jump) this.lastJumpId = jump.sentence.id;
    return jump;
  }
}

/** What the editor says on a jump, in words: why this sentence comes now. */
export function describeQueueJump(jump: QueueJump): string {
  const where = `Sentence ${jump.sentence.position + 1}`;
  const left = `${jump.unlabelledCount} unlabelled`;
  if (!jump.reading) return `${where}: the next unlabelled sentence (${left}).`;
  const why = jump.reading.disagrees
    ? 'the rules and the model disagree'
    : `the model's two likeliest labels are ${Math.round(jump.reading.margin * 100)} points apart`;
  return `${where}, ${jump.place} of ${left} in the queue (least sure first): ${why}.`;
}
