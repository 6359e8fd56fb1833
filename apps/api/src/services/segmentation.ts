// Fixing segmentation in the editor: split a sentence at an offset, or merge it with the next.
// Annotations survive: a split copies them to both halves, a merge keeps a label both halves
// share and otherwise clears it. Segmentation is shared by everyone on a document, so:
// - only owners and reviewers change it, unless the project lets analysts (`analystsMaySegment`);
// - every annotation and gold label it changes is in the history, with who split or merged;
// - what an analyst is told never depends on colleagues' labels, which analysts cannot see;
// - an owner or reviewer confirms a change to other people's labels (`confirm`), having been
//   told how many it changes.
import { type CueSpan, joinNotes, type SegmentationChange, type SegmentKind } from '@attest/core';
import {
  type AdjudicationWithLabel,
  type AnnotationEventValues,
  type AnnotationSnapshot,
  type AnnotationWithLabel,
  deleteAdjudication,
  deleteAnnotationById,
  deleteSentence,
  findAdjudication,
  findAnalystsMaySegment,
  findDocumentProjectId,
  findNextSentence,
  findSentence,
  insertAdjudication,
  insertAnnotation,
  insertAnnotationEvents,
  insertSentence,
  listAnnotationsForSentences,
  listSentencesBetween,
  lockDocument,
  type ProjectRole,
  reassignAnnotation,
  type SentenceWithProject,
  shiftSentencePositions,
  updateAnnotation,
  updateSentenceSpan,
} from '@attest/db';
import { ForbiddenError, InvalidInputError, NotFoundError, ProblemError } from '../errors.ts';
import { requireSentence, seesEveryone } from './access.ts';
import { snapshot } from './annotation-snapshot.ts';
import type { ServiceContext } from './context.ts';
import { toAnnotation, toSentence } from './serialize.ts';
import { addSuggestions } from './suggestion-filler.ts';
import { withLearnedSuggestions } from './suggestion-model/served-model.ts';
import { refreshSuggestionsAround, suggestionWindow } from './suggestions.ts';

export interface SegmentationRequest {
  sentenceId: string;
  /** An owner's or reviewer's yes to changing other people's labels or the gold label. */
  confirm?: boolean | undefined;
}

export async function splitSentence(
  context: ServiceContext,
  request: SegmentationRequest & { at: number },
): Promise<SegmentationChange> {
  return context.db.transaction(async (transaction) => {
    const scoped = { ...context, db: transaction };
    const { sentence, body, role } = await lockSentenceDocument(scoped, request.sentenceId);
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
    const annotations = await listAnnotationsForSentences(transaction, { sentenceIds: [sentence.id] });
    const gold = await findAdjudication(transaction, {
      projectId: sentence.projectId,
      sentenceId: sentence.id,
      forUpdate: true,
    });
    assertConfirmed(context, role, request, annotations, gold ? [gold] : [], 'split');

    await shiftSentencePositions(transaction, {
      documentId: sentence.documentId,
      afterPosition: sentence.position,
      delta: 1,
    });
    await updateSentenceSpan(transaction, {
      sentenceId: sentence.id,
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

    const history = new SegmentationHistory(context.userId, sentence.documentId);
    for (const annotation of annotations) {
      const leftCues = annotation.cues.filter((cue) => cue.end <= left.end);
      const rightCues = annotation.cues.filter((cue) => cue.start >= right.start);
      const values = annotationValues(annotation);
      // An annotation whose cues all stay on the left did not change: its version stays.
      if (leftCues.length !== annotation.cues.length) {
        const updated = await updateAnnotation(transaction, {
          ...values,
          projectId: sentence.projectId,
          cues: leftCues,
          expectedVersion: annotation.version,
        });
        if (!updated) throw new Error('A locked annotation changed during the split.');
        history.annotation(annotation, 'split', sentence.id, snapshot(annotation), {
          ...snapshot(annotation),
          cues: leftCues,
          version: updated.version,
        });
      }
      const copied = await insertAnnotation(transaction, {
        ...values,
        sentenceId: rightSentence.id,
        cues: rightCues,
      });
      if (!copied) throw new Error('The new half of the sentence had an annotation already.');
      history.annotation(annotation, 'split', rightSentence.id, null, {
        ...snapshot(annotation),
        cues: rightCues,
        version: copied.version,
      });
    }
    // A gold label, like an analyst's, applies to both halves; it stays the reviewer's decision.
    if (gold) {
      const copied = await insertAdjudication(transaction, {
        sentenceId: rightSentence.id,
        labelId: gold.labelId,
        note: gold.note,
        decidedBy: gold.decidedBy ?? context.userId,
      });
      if (!copied) throw new Error('The new half of the sentence had a gold label already.');
      history.gold(gold, 'split-gold', rightSentence.id, null, { ...goldSnapshot(gold), version: 1 });
    }
    return finishChange(scoped, history, {
      documentId: sentence.documentId,
      body,
      fromPosition: sentence.position,
      toPosition: rightSentence.position,
      changedIds: [sentence.id, rightSentence.id],
      removedSentenceIds: [],
      shift: { afterPosition: sentence.position, by: 1 },
      notice: null,
    });
  });
}

export async function mergeWithNext(
  context: ServiceContext,
  request: SegmentationRequest,
): Promise<SegmentationChange> {
  return context.db.transaction(async (transaction) => {
    const scoped = { ...context, db: transaction };
    const { sentence, body, role } = await lockSentenceDocument(scoped, request.sentenceId);
    const next = await findNextSentence(transaction, sentence);
    if (!next)
      throw new InvalidInputError(
        'This is the last sentence of the document; there is nothing to merge it with.',
      );
    const annotationsOnBoth = await listAnnotationsForSentences(transaction, {
      sentenceIds: [sentence.id, next.id],
    });
    const [firstGold, secondGold] = [
      await findAdjudication(transaction, {
        projectId: sentence.projectId,
        sentenceId: sentence.id,
        forUpdate: true,
      }),
      await findAdjudication(transaction, {
        projectId: sentence.projectId,
        sentenceId: next.id,
        forUpdate: true,
      }),
    ];
    const golds = [firstGold, secondGold].filter((gold) => gold !== undefined);
    assertConfirmed(context, role, request, annotationsOnBoth, golds, 'merge');

    const merged = { start: sentence.start, end: next.end };
    await updateSentenceSpan(transaction, {
      sentenceId: sentence.id,
      ...merged,
      text: body.slice(merged.start, merged.end),
      kind: mergedKind(sentence.kind, next.kind),
    });

    const history = new SegmentationHistory(context.userId, sentence.documentId);
    let notice: string | null = null;
    for (const annotatorId of new Set(annotationsOnBoth.map((annotation) => annotation.annotatorId))) {
      const first = annotationsOnBoth.find(
        (a) => a.annotatorId === annotatorId && a.sentenceId === sentence.id,
      );
      const second = annotationsOnBoth.find((a) => a.annotatorId === annotatorId && a.sentenceId === next.id);
      if (first && second && first.labelKey === second.labelKey) {
        const cues = [...first.cues, ...second.cues];
        const note = joinNotes(first.note, second.note);
        await reassignAnnotation(transaction, {
          annotationId: first.id,
          sentenceId: sentence.id,
          cues,
          note,
        });
        await deleteAnnotationById(transaction, { annotationId: second.id });
        const after = { ...snapshot(first), cues, note, version: first.version + 1 };
        history.annotation(first, 'merge', sentence.id, snapshot(first), after);
        history.annotation(second, 'merge', sentence.id, snapshot(second), after);
        continue;
      }
      for (const cleared of [first, second]) {
        if (!cleared) continue;
        await deleteAnnotationById(transaction, { annotationId: cleared.id });
        history.annotation(cleared, 'merge', sentence.id, snapshot(cleared), null);
      }
      if (annotatorId === context.userId) notice = mergeNotice(first, second);
    }

    // A gold label survives a merge only when both parts had the same one.
    if (firstGold && firstGold.labelKey === secondGold?.labelKey) {
      history.gold(secondGold, 'merge-gold', sentence.id, goldSnapshot(secondGold), goldSnapshot(firstGold));
    } else {
      if (firstGold) {
        await deleteAdjudication(transaction, {
          projectId: sentence.projectId,
          sentenceId: sentence.id,
          expectedVersion: firstGold.version,
        });
        history.gold(firstGold, 'merge-gold', sentence.id, goldSnapshot(firstGold), null);
      }
      // The second part's gold label goes with its sentence.
      if (secondGold) history.gold(secondGold, 'merge-gold', sentence.id, goldSnapshot(secondGold), null);
    }
    await deleteSentence(transaction, { sentenceId: next.id });
    await shiftSentencePositions(transaction, {
      documentId: sentence.documentId,
      afterPosition: next.position,
      delta: -1,
    });
    return finishChange(scoped, history, {
      documentId: sentence.documentId,
      body,
      fromPosition: sentence.position,
      toPosition: sentence.position,
      changedIds: [sentence.id],
      removedSentenceIds: [next.id],
      shift: { afterPosition: next.position, by: -1 },
      notice,
    });
  });
}

/**
 * Ends a split or merge inside its transaction (`context.db`): writes its history, refreshes the
 * suggestions around it, and answers with the sentences it created or changed (all between
 * `fromPosition` and the suggestion window after `toPosition`) and the caller's own annotations
 * on them, the same ones the document's detail shows them. Its size never grows with the document.
 */
async function finishChange(
  context: ServiceContext,
  history: SegmentationHistory,
  change: Omit<SegmentationChange, 'sentences' | 'annotations'> & {
    documentId: string;
    body: string;
    fromPosition: number;
    toPosition: number;
    changedIds: readonly string[];
  },
): Promise<SegmentationChange> {
  await history.write(context.db);
  const resuggestedIds = await refreshSuggestionsAround(context.db, {
    documentId: change.documentId,
    body: change.body,
    fromPosition: change.fromPosition,
    toPosition: change.toPosition,
  });
  const changedIds = new Set([...change.changedIds, ...resuggestedIds]);
  // From the sentence before the change: the project's learned model reads it.
  const nearby = await listSentencesBetween(context.db, {
    documentId: change.documentId,
    fromPosition: Math.max(0, change.fromPosition - 1),
    toPosition: change.toPosition + suggestionWindow,
  });
  const projectId = await findDocumentProjectId(context.db, { documentId: change.documentId });
  const shown = nearby.map(toSentence);
  const sentences = (
    projectId
      ? await withLearnedSuggestions(context.db, { projectId, documentId: change.documentId }, shown)
      : shown
  ).filter((sentence) => changedIds.has(sentence.id));
  const annotations = await listAnnotationsForSentences(context.db, {
    sentenceIds: sentences.map((sentence) => sentence.id),
    lock: false,
  });
  return {
    sentences,
    removedSentenceIds: change.removedSentenceIds,
    shift: change.shift,
    annotations: annotations
      .filter((annotation) => annotation.annotatorId === context.userId)
      .map(toAnnotation),
    notice: change.notice,
  };
}

const segmentationForbidden =
  'Only owners and reviewers of this project can split or merge sentences; an owner can let analysts do it in the project settings.';

async function lockSentenceDocument(
  context: ServiceContext,
  sentenceId: string,
): Promise<{ sentence: SentenceWithProject; body: string; role: ProjectRole }> {
  const found = await requireSentence(context, sentenceId);
  const document = await lockDocument(context.db, {
    projectId: found.projectId,
    documentId: found.documentId,
  });
  if (!document) throw new NotFoundError('Sentence');
  if (!seesEveryone(found.role) && !document.analystsMaySegment) {
    throw new ForbiddenError(segmentationForbidden);
  }
  // The change recomputes suggestions near it: a document still waiting for its suggestions gets
  // them all now, so none is added twice.
  await addSuggestions(context.db, found.documentId);
  // Read again under the lock: a concurrent split may have moved it.
  const sentence = await findSentence(context.db, { projectId: found.projectId, sentenceId });
  if (!sentence) throw new NotFoundError('Sentence');
  return { sentence, body: document.body, role: found.role };
}

/**
 * What to ask before a split or merge, or null when it changes nothing but the caller's own
 * labels. Owners and reviewers see everyone's labels, so they are told how many people's labels
 * (and whether the gold label) would change. Analysts cannot see their colleagues' labels, so
 * they get the same question every time: a question that depended on those labels would tell
 * them whether colleagues labelled here.
 */
function segmentationQuestion(
  context: ServiceContext,
  role: ProjectRole,
  annotations: readonly AnnotationWithLabel[],
  golds: readonly AdjudicationWithLabel[],
  action: 'split' | 'merge',
): string | null {
  if (!seesEveryone(role)) {
    const what = action === 'split' ? 'Splitting this sentence' : 'Merging these sentences';
    return `${what} changes them for everyone on the project. Anyone else's labels on them change with them, and the history records that you did it.`;
  }
  const others = new Set(
    annotations
      .filter((annotation) => annotation.annotatorId !== context.userId)
      .map((annotation) => annotation.annotatorId),
  );
  if (others.size === 0 && golds.length === 0) return null;
  const changes = [
    others.size > 0 ? `the labels of ${others.size} other ${others.size === 1 ? 'person' : 'people'}` : '',
    golds.length > 0 ? 'the gold label' : '',
  ].filter(Boolean);
  return `This ${action} changes ${changes.join(' and ')}; the history will record who made it.`;
}

/** Owners and reviewers confirm a change to other people's work; analysts are never refused here. */
function assertConfirmed(
  context: ServiceContext,
  role: ProjectRole,
  request: SegmentationRequest,
  annotations: readonly AnnotationWithLabel[],
  golds: readonly AdjudicationWithLabel[],
  action: 'split' | 'merge',
): void {
  if (request.confirm || !seesEveryone(role)) return;
  const question = segmentationQuestion(context, role, annotations, golds, action);
  if (!question) return;
  throw new ProblemError(
    409,
    'segmentation-needs-confirmation',
    `Confirm the ${action}`,
    `${question} Send "confirm": true to go ahead.`,
  );
}

/**
 * What the editor asks before a split or merge (null: nothing to ask), read without locks:
 * a change made meanwhile is still caught by `confirm` on the split or merge itself.
 */
export async function segmentationImpact(
  context: ServiceContext,
  request: { sentenceId: string; action: 'split' | 'merge' },
): Promise<{ question: string | null }> {
  const found = await requireSentence(context, request.sentenceId);
  if (
    !seesEveryone(found.role) &&
    !(await findAnalystsMaySegment(context.db, { projectId: found.projectId }))
  ) {
    throw new ForbiddenError(segmentationForbidden);
  }
  const next = request.action === 'merge' ? await findNextSentence(context.db, found) : undefined;
  const sentenceIds = [found.id, ...(next ? [next.id] : [])];
  const annotations = seesEveryone(found.role)
    ? await listAnnotationsForSentences(context.db, { sentenceIds, lock: false })
    : [];
  const golds = seesEveryone(found.role)
    ? (
        await Promise.all(
          sentenceIds.map((id) =>
            findAdjudication(context.db, { projectId: found.projectId, sentenceId: id }),
          ),
        )
      ).filter((gold) => gold !== undefined)
    : [];
  return { question: segmentationQuestion(context, found.role, annotations, golds, request.action) };
}

/** The history entries of one split or merge, written together: one statement for all. */
class SegmentationHistory {
  private readonly events: AnnotationEventValues[] = [];

  constructor(
    private readonly actorId: string,
    private readonly documentId: string,
  ) {}

  annotation(
    annotation: AnnotationWithLabel,
    action: 'split' | 'merge',
    sentenceId: string,
    before: AnnotationSnapshot | null,
    after: AnnotationSnapshot | null,
  ): void {
    this.add(annotation.annotatorId, action, sentenceId, before, after);
  }

  /** A gold label's entry names its reviewer as annotator, like `adjudicate`. */
  gold(
    gold: AdjudicationWithLabel,
    action: 'split-gold' | 'merge-gold',
    sentenceId: string,
    before: AnnotationSnapshot | null,
    after: AnnotationSnapshot | null,
  ): void {
    this.add(gold.decidedBy ?? this.actorId, action, sentenceId, before, after);
  }

  async write(db: Parameters<typeof insertAnnotationEvents>[0]): Promise<void> {
    await insertAnnotationEvents(db, { events: this.events });
  }

  private add(
    annotatorId: string,
    action: AnnotationEventValues['action'],
    sentenceId: string,
    before: AnnotationSnapshot | null,
    after: AnnotationSnapshot | null,
  ): void {
    this.events.push({
      documentId: this.documentId,
      sentenceId,
      annotatorId,
      action,
      before,
      after,
      actorId: this.actorId,
    });
  }
}

function goldSnapshot(gold: AdjudicationWithLabel): AnnotationSnapshot {
  return { label: gold.labelKey, source: null, chain: [], cues: [], note: gold.note, version: gold.version };
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
