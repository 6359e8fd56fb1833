// The selected sentence's text in the sentence list: cut into words and gaps so clicks and
// selections map to offsets, with the cue words marked, the picked words and the split caret.
import type { CueSpan, Sentence } from '@attest/core';
import { html } from 'lit';
import { type WordSpan, wordsOf } from './sentence-text.ts';

interface Piece extends WordSpan {
  isWord: boolean;
}

interface ShownCue extends WordSpan {
  kind: CueSpan['kind'];
  isAnalysts: boolean;
}

/** The cues to mark: the analyst's, and the suggestion's where they do not overlap those. */
function cuesToShow(sentence: Sentence, selectedCues: readonly CueSpan[]): ShownCue[] {
  const relative = (cue: CueSpan, isAnalysts: boolean): ShownCue => ({
    start: cue.start - sentence.start,
    end: cue.end - sentence.start,
    kind: cue.kind,
    isAnalysts,
  });
  const analysts = selectedCues.map((cue) => relative(cue, true));
  const suggested = (sentence.suggestion?.cues ?? []).map((cue) => relative(cue, false));
  const shown: ShownCue[] = [];
  for (const cue of [...analysts, ...suggested]) {
    const isInside = cue.start >= 0 && cue.end <= sentence.text.length && cue.start < cue.end;
    const overlaps = shown.some((other) => cue.start < other.end && other.start < cue.end);
    if (isInside && !overlaps) shown.push(cue);
  }
  return shown.sort((a, b) => a.start - b.start);
}

/**
 * The selected sentence's text in pieces (words and the gaps between them, cut at cue, pick
 * and caret edges), with the cue words marked, the picked words and the split caret.
 */
export function selectedSentenceText(
  sentence: Sentence,
  selectedCues: readonly CueSpan[],
  pickedSpan: WordSpan | null,
  splitPoint: number | null,
) {
  const { text } = sentence;
  const cues = cuesToShow(sentence, selectedCues);
  const words = wordsOf(text);
  const cuts = new Set([0, text.length]);
  for (const span of [...words, ...cues, ...(pickedSpan ? [pickedSpan] : [])]) {
    cuts.add(span.start).add(span.end);
  }
  if (splitPoint !== null) cuts.add(splitPoint);
  const edges = [...cuts].filter((cut) => cut >= 0 && cut <= text.length).sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let index = 1; index < edges.length; index += 1) {
    const start = edges[index - 1]!;
    const end = edges[index]!;
    pieces.push({ start, end, isWord: words.some((word) => word.start <= start && end <= word.end) });
  }
  const renderPiece = (piece: Piece) => {
    const isPicked = pickedSpan !== null && piece.start >= pickedSpan.start && piece.end <= pickedSpan.end;
    const isAfterSplit = splitPoint !== null && piece.start >= splitPoint;
    return html`${piece.start === splitPoint ? html`<span class="caret" aria-hidden="true"></span>` : null}<span
      class="${piece.isWord ? 'word' : 'gap'}${isPicked ? ' picked' : ''}${isAfterSplit ? ' after-split' : ''}"
      data-start=${piece.start}
      data-end=${piece.end}
      >${text.slice(piece.start, piece.end)}</span
    >`;
  };
  const parts: unknown[] = [];
  let index = 0;
  for (const cue of cues) {
    while (index < pieces.length && pieces[index]!.start < cue.start)
      parts.push(renderPiece(pieces[index++]!));
    const inside: unknown[] = [];
    while (index < pieces.length && pieces[index]!.end <= cue.end) inside.push(renderPiece(pieces[index++]!));
    const kind = cue.kind.replace('_', ' ');
    parts.push(
      cue.isAnalysts
        ? html`<mark class="analyst" title="Your cue: ${kind}">${inside}</mark>`
        : html`<mark title="Suggested cue: ${kind}">${inside}</mark>`,
    );
  }
  while (index < pieces.length) parts.push(renderPiece(pieces[index++]!));
  return parts;
}
