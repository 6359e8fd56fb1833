// Fixing segmentation in the editor: split a sentence at an offset, or merge it with the next.
// Annotations survive: a split copies them to both halves, a merge keeps a label both halves
// share and otherwise clears it, telling the analyst.
import type { CueSpan, SegmentKind } from '@attest/core';
import {
  type AnnotationSnapshot,
  type AnnotationWithLabel,
  deleteAdjudication,
  deleteAnnotationById,
  deleteSentence,
  type Executor,
  findAdjudication,
  findNextSentence,
  findSentence,
  insertAdjudication,
  insertAnnotation,
  insertAnnotationEvent,
  insertSentence,
  listAnnotationsForSentences,
  lockDocument,
  type ProjectRole,
  reassignAnnotation,
  type SentenceRow,
  shiftSentencePositions,
  updateAnnotation,
  updateSentenceSpan,
} from '@attest/db';
import { InvalidInputError, NotFoundError, ProblemError } from '../errors.ts';
import { requireSentence } from './access.ts';
import { snapshot } from './annotation-snapshot.ts';
import type { ServiceContext } from './context.ts';
import { refreshSuggestions } from './suggestions.ts';

export interface SegmentationChange {
  documentId: string;
  /** What the caller should know, e.g. that a merge cleared their differing labels. */
  notice: string | null;
}

export async function splitSentence(
  context: ServiceContext,
  request: { sentenceId: string; at: number },
): Promise<SegmentationChange> {
  return context.db.transaction(async (transaction) => {
    const { sentence, body } = await lockSentenceDocument(
      { ...context, db: transaction },
      request.sentenceId,
    );
    const { at } = request;
    if (at <= sentence.start || at >= sentence.end) {
      throw new InvalidInputError(
        `Split offsets must lie inside the sentence (between ${sentence.start} and ${sentence.end}); got ${at}.`,
      );
    }
    if (isLowSurrogate(body.charCodeAt(at))) {
      throw new InvalidInputError(`Offset ${at} falls inside a character; split before or after it.`);
    }
    const left = trimmedSpan(body, sentence.start, at);
    const right = trimmedSpan(body, at, sentence.end);
    if (!left || !right) {
      throw new InvalidInputError(
        'Splitting there would leave an empty part; choose a point between two words.',
      );
    }

    await shiftSentencePositions(transaction, sentence.documentId, sentence.position, 1);
    await updateSentenceSpan(transaction, sentence.id, {
      ...left,
      text: body.slice(left.start, left.end),
      kind: sentence.kind,
    });
    const rightSentence = await insertSentence(transaction, {
      documentId: sentence.documentId,
      position: sentence.position + 1,
      ...right,
      text: body.slice(right.start, right.end),
      kind: sentence.kind,
      suggestion: null,
    });

    for (const annotation of await listAnnotationsForSentences(transaction, [sentence.id])) {
      const leftCues = annotation.cues.filter((cue) => cue.end <= left.end);
      const rightCues = annotation.cues.filter((cue) => cue.start >= right.start);
      const values = annotationValues(annotation);
      const updated = await updateAnnotation(transaction, { ...values, cues: leftCues }, annotation.version);
      const copied = await insertAnnotation(transaction, {
        ...values,
        sentenceId: rightSentence.id,
        cues: rightCues,
      });
      if (!updated || !copied) throw new Error('An annotation changed during the split.');
      await recordEvent(transaction, annotation, 'split', sentence, {
        before: snapshot(annotation),
        after: { ...snapshot(annotation), cues: leftCues, version: updated.version },
      });
      await recordEvent(transaction, annotation, 'split', rightSentence, {
        before: null,
        after: { ...snapshot(annotation), cues: rightCues, version: copied.version },
      });
    }
    // A gold label, like an analyst's, applies to both halves.
    const adjudication = await findAdjudication(transaction, sentence.id);
    if (adjudication) {
      await insertAdjudication(transaction, {
        sentenceId: rightSentence.id,
        labelId: adjudication.labelId,
        note: adjudication.note,
        decidedBy: adjudication.decidedBy ?? context.userId,
      });
    }
    await refreshSuggestions(transaction, sentence.documentId, body);
    return { documentId: sentence.documentId, notice: null };
  });
}

export async function mergeWithNext(
  context: ServiceContext,
  request: { sentenceId: string },
): Promise<SegmentationChange> {
  return context.db.transaction(async (transaction) => {
    const { sentence, body, role } = await lockSentenceDocument(
      { ...context, db: transaction },
      request.sentenceId,
    );
    const next = await findNextSentence(transaction, sentence);
    if (!next)
      throw new InvalidInputError(
        'This is the last sentence of the document; there is nothing to merge it with.',
      );

    const merged = { start: sentence.start, end: next.end };
    await updateSentenceSpan(transaction, sentence.id, {
      ...merged,
      text: body.slice(merged.start, merged.end),
      kind: mergedKind(sentence.kind, next.kind),
    });

    let notice: string | null = null;
    const annotationsOnBoth = await listAnnotationsForSentences(transaction, [sentence.id, next.id]);
    if (role === 'analyst' && wouldClearOthersLabels(annotationsOnBoth, context.userId)) {
      // Blind annotation: an analyst must neither wipe nor learn of a colleague's labels.
      throw new ProblemError(
        409,
        'merge-needs-reviewer',
        'A reviewer has to make this merge',
        'Merging these sentences would change labels you cannot see. Ask a reviewer or owner to merge them.',
      );
    }
    for (const annotatorId of new Set(annotationsOnBoth.map((annotation) => annotation.annotatorId))) {
      const first = annotationsOnBoth.find(
        (a) => a.annotatorId === annotatorId && a.sentenceId === sentence.id,
      );
      const second = annotationsOnBoth.find((a) => a.annotatorId === annotatorId && a.sentenceId === next.id);
      if (first && second && first.labelKey === second.labelKey) {
        const cues = [...first.cues, ...second.cues];
        const note = [first.note, second.note].filter(Boolean).join('\n') || null;
        await reassignAnnotation(transaction, first.id, { sentenceId: sentence.id, cues, note });
        await deleteAnnotationById(transaction, second.id);
        await recordEvent(transaction, first, 'merge', sentence, {
          before: snapshot(first),
          after: { ...snapshot(first), cues, note, version: first.version + 1 },
        });
        continue;
      }
      for (const cleared of [first, second]) {
        if (!cleared) continue;
        await deleteAnnotationById(transaction, cleared.id);
        await recordEvent(transaction, cleared, 'merge', sentence, {
          before: snapshot(cleared),
          after: null,
        });
      }
      if (annotatorId === context.userId) notice = mergeNotice(first, second);
    }

    // A gold label survives a merge only when both parts had the same one.
    const [firstGold, secondGold] = await Promise.all([
      findAdjudication(transaction, sentence.id),
      findAdjudication(transaction, next.id),
    ]);
    if (firstGold && firstGold.labelKey !== secondGold?.labelKey) {
      await deleteAdjudication(transaction, sentence.id, firstGold.version);
    }
    await deleteSentence(transaction, next.id);
    await shiftSentencePositions(transaction, sentence.documentId, next.position, -1);
    await refreshSuggestions(transaction, sentence.documentId, body);
    return { documentId: sentence.documentId, notice };
  });
}

async function lockSentenceDocument(
  context: ServiceContext,
  sentenceId: string,
): Promise<{ sentence: SentenceRow; body: string; role: ProjectRole }> {
  const found = await requireSentence(context, sentenceId);
  const document = await lockDocument(context.db, found.documentId);
  // Read again under the lock: a concurrent split may have moved it.
  const sentence = document ? await findSentence(context.db, sentenceId) : undefined;
  if (!document || !sentence) throw new NotFoundError('Sentence');
  return { sentence, body: document.body, role: found.role };
}

function trimmedSpan(body: string, start: number, end: number): { start: number; end: number } | undefined {
  let from = start;
  let to = end;
  while (from < to && /\s/.test(body[from]!)) from++;
  while (to > from && /\s/.test(body[to - 1]!)) to--;
  return to > from ? { start: from, end: to } : undefined;
}

function isLowSurrogate(codeUnit: number): boolean {
  return codeUnit >= 0xdc00 && codeUnit <= 0xdfff;
}

/** Does a merge clear a label someone else gave (one part labelled, or the parts differing)? */
function wouldClearOthersLabels(annotations: readonly AnnotationWithLabel[], userId: string): boolean {
  const others = annotations.filter((annotation) => annotation.annotatorId !== userId);
  const labelsByAnnotator = new Map<string, string[]>();
  for (const annotation of others) {
    labelsByAnnotator.set(annotation.annotatorId, [
      ...(labelsByAnnotator.get(annotation.annotatorId) ?? []),
      annotation.labelKey,
    ]);
  }
  return [...labelsByAnnotator.values()].some((labels) => labels.length < 2 || labels[0] !== labels[1]);
}

function mergedKind(first: SegmentKind, second: SegmentKind): SegmentKind {
  if (first === second) return first;
  if (first === 'boilerplate') return second;
  if (second === 'boilerplate') return first;
  return 'sentence';
}

function mergeNotice(
  first: AnnotationWithLabel | undefined,
  second: AnnotationWithLabel | undefined,
): string {
  if (first && second) {
    return `The two parts had different labels (${first.labelKey}, ${second.labelKey}), so the merged sentence is unlabelled.`;
  }
  return 'Only one of the two parts was labelled, so the merged sentence is unlabelled.';
}

function annotationValues(annotation: AnnotationWithLabel) {
  return {
    sentenceId: annotation.sentenceId,
    annotatorId: annotation.annotatorId,
    labelId: annotation.labelId,
    source: annotation.source,
    chain: annotation.chain,
    cues: annotation.cues as CueSpan[],
    note: annotation.note,
  };
}

async function recordEvent(
  db: Executor,
  annotation: AnnotationWithLabel,
  action: 'split' | 'merge',
  target: { documentId: string; id: string },
  change: { before: AnnotationSnapshot | null; after: AnnotationSnapshot | null },
): Promise<void> {
  await insertAnnotationEvent(db, {
    documentId: target.documentId,
    sentenceId: target.id,
    annotatorId: annotation.annotatorId,
    action,
    ...change,
  });
}
