// The active queue's order (issue 21): unlabelled sentences, and the documents holding them,
// come first where the project's model and the rules disagree, then where the model is least
// sure between its two best labels. Free of zod and of the model itself: the editor imports it
// (`@attest/core/learn-queue`) to order the sentences it has already read.
import type { Suggestion } from '../schemas.ts';

/** What the queue reads from a sentence's suggestion: only the model's own verdict, never a label. */
export interface QueueReading {
  /** The model's label is not the rules' label. */
  disagrees: boolean;
  /** The model's probability for its label minus the next likeliest label's (0: a toss-up). */
  margin: number;
}

/** The model's reading of a suggestion, or null when the model did not read it (no model, boilerplate). */
export function queueReading(suggestion: Suggestion | null | undefined): QueueReading | null {
  const learned = suggestion?.learned;
  if (!learned) return null;
  return { disagrees: learned.label !== learned.ruleLabel, margin: learned.margin };
}

/**
 * Negative when `first` goes before `second`: a disagreement before an agreement, then the
 * smaller margin; a sentence the model did not read goes last. Ties are 0 (keep the usual order).
 */
export function compareQueueReadings(first: QueueReading | null, second: QueueReading | null): number {
  if (!first || !second) return (first ? 0 : 1) - (second ? 0 : 1);
  if (first.disagrees !== second.disagrees) return first.disagrees ? -1 : 1;
  return first.margin - second.margin;
}

/** `items` in queue order; items that tie keep their order (the usual one). */
export function inQueueOrder<Item>(
  items: readonly Item[],
  readingOf: (item: Item) => QueueReading | null,
): Item[] {
  return items
    .map((item, index) => ({ item, index, reading: readingOf(item) }))
    .sort(
      (first, second) => compareQueueReadings(first.reading, second.reading) || first.index - second.index,
    )
    .map(({ item }) => item);
}

/** Where a document stands in the queue: by its unlabelled sentence that comes first. */
export interface DocumentQueueReading {
  /** The reading of the document's first sentence in queue order; null when the model read none. */
  first: QueueReading | null;
  /** Unlabelled sentences where the model and the rules disagree. */
  disagreements: number;
}

/** A document's place from the readings of its unlabelled sentences. */
export function documentQueueReading(readings: readonly (QueueReading | null)[]): DocumentQueueReading {
  let first: QueueReading | null = null;
  let disagreements = 0;
  for (const reading of readings) {
    if (reading?.disagrees) disagreements++;
    if (compareQueueReadings(reading, first) < 0) first = reading;
  }
  return { first, disagreements };
}
