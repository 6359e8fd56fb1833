// Suggestions are computed from the whole document (attribution carries over between
// sentences), at import and again whenever the segmentation changes.
import { isDeepStrictEqual } from 'node:util';
import { type Segment, type Suggestion, suggest } from '@attest/core';
import { type Executor, listSentences, updateSentenceSuggestions } from '@attest/db';

export function suggestionsFor(body: string, segments: readonly Segment[]): Suggestion[] {
  return suggest(body, segments);
}

/**
 * Recomputes a document's suggestions and writes the ones that changed, in one statement. The
 * comparison ignores key order: jsonb stores keys in its own order, so comparing JSON text
 * would count every sentence as changed and rewrite the whole document.
 */
export async function refreshSuggestions(db: Executor, documentId: string, body: string): Promise<void> {
  const sentences = await listSentences(db, documentId);
  const suggestions = suggestionsFor(body, sentences);
  const changed = sentences.flatMap((sentence, index) => {
    const suggestion = suggestions[index] ?? null;
    return isDeepStrictEqual(suggestion, sentence.suggestion) ? [] : [{ id: sentence.id, suggestion }];
  });
  await updateSentenceSuggestions(db, changed);
}
