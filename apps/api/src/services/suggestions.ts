// Suggestions are computed from the whole document (attribution carries over between sentences)
// after an article import answers (suggestion-filler.ts) or with a labelled dataset's documents,
// and again around a split or merge, from the sentences near it. Each holds every attribution in
// its sentence (source, cue and content spans, from core's attribution layer), so the editor can
// list them and an accepted suggestion stores them.
import { isDeepStrictEqual } from 'node:util';
import { type Segment, type Suggestion, suggest } from '@attest/core';
import { type Executor, listSentencesBetween, updateSentenceSuggestions } from '@attest/db';

export function suggestionsFor(body: string, segments: readonly Segment[]): Suggestion[] {
  return suggest(body, segments, { attributions: true });
}

/**
 * How many sentences on each side of a split or merge its new suggestions are computed from
 * (before) and written to (after). Attribution carries over at most four sentences unless a
 * sentence refreshes it, so this window sees what decides the sentences near the change; a
 * chain of refreshes running further is not followed. Reading and suggesting the whole
 * document instead made a split of a 100,000-sentence document take seconds.
 */
export const suggestionWindow = 32;

/**
 * Recomputes the suggestions of the sentences from `fromPosition` to `toPosition` (the ones a
 * split or merge made) and of the window after them, and writes those that changed in one
 * statement. The comparison ignores key order: jsonb stores keys in its own order, so comparing
 * JSON text would count every sentence as changed. Returns the ids of the sentences whose
 * suggestion changed, for the answer to the split or merge.
 */
export async function refreshSuggestionsAround(
  db: Executor,
  change: { documentId: string; body: string; fromPosition: number; toPosition: number },
): Promise<string[]> {
  const sentences = await listSentencesBetween(db, {
    documentId: change.documentId,
    fromPosition: Math.max(0, change.fromPosition - suggestionWindow),
    toPosition: change.toPosition + suggestionWindow,
  });
  const suggestions = suggestionsFor(change.body, sentences);
  const changed = sentences.flatMap((sentence, index) => {
    const suggestion = suggestions[index] ?? null;
    return sentence.position < change.fromPosition || isDeepStrictEqual(suggestion, sentence.suggestion)
      ? []
      : [{ id: sentence.id, suggestion }];
  });
  await updateSentenceSuggestions(db, { updates: changed });
  return changed.map((sentence) => sentence.id);
}
