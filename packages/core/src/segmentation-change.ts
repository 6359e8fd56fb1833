// Applying a split's or merge's answer to a document's sentences as the editor holds them, so the
// editor patches its list instead of fetching (or being sent) every sentence again.
import type { SegmentationChange, Sentence } from './api-types.ts';

/**
 * The sentences after the change, in order: removed ones dropped, changed ones replaced, new ones
 * put at their position, and every other sentence after `shift.afterPosition` moved by `shift.by`.
 * Sentences it does not change keep their identity, so a list keyed by them redraws only what moved.
 */
export function applySegmentationChange(
  sentences: readonly Sentence[],
  change: Pick<SegmentationChange, 'sentences' | 'removedSentenceIds' | 'shift'>,
): Sentence[] {
  const removed = new Set(change.removedSentenceIds);
  const changed = new Map(change.sentences.map((sentence) => [sentence.id, sentence]));
  const { afterPosition, by } = change.shift;
  const result: Sentence[] = [];
  for (const sentence of sentences) {
    if (removed.has(sentence.id)) continue;
    const replacement = changed.get(sentence.id);
    if (replacement) {
      changed.delete(sentence.id);
      result.push(replacement);
    } else if (sentence.position > afterPosition) {
      result.push({ ...sentence, position: sentence.position + by });
    } else {
      result.push(sentence);
    }
  }
  // What is left in `changed` is new (a split's second half): it goes in at its position.
  for (const created of changed.values()) {
    const index = result.findIndex((sentence) => sentence.position >= created.position);
    result.splice(index === -1 ? result.length : index, 0, created);
  }
  return result;
}
