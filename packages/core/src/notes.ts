// Joining two annotations' notes when a merge keeps one annotation for two sentences.
import { noteMaxLength } from './schemas.ts';

/** Ends a joined note that had to be cut to the limit; the history keeps both notes in full. */
export const shortenedNoteMarker = ' […shortened by a merge; the history keeps both notes in full]';

/**
 * The note of a merged annotation: one note when the parts share it (a split copies the note to
 * both halves, so merging them back must not double it), both otherwise, cut to the note limit
 * with a marker so repeated merges can never grow a note without bound.
 */
export function joinNotes(first: string | null, second: string | null): string | null {
  if (!first || !second) return first || second || null;
  if (first === second) return first;
  const joined = `${first}\n${second}`;
  if (joined.length <= noteMaxLength) return joined;
  let kept = joined.slice(0, noteMaxLength - shortenedNoteMarker.length);
  // Never end on half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}${shortenedNoteMarker}`;
}
