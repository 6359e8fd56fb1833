// The analyst's annotations as the annotate view shows them: what the server holds with the
// edits still in the save queue laid over them, the conflicts the server reported, and the
// save queue itself. Every change shows at once and is queued for saving.
import type { Annotation, AnnotationInput, CueSpan, SegmentationChange, Sentence } from '@attest/core';
import { suggestionVersion } from '@attest/core/suggestion-version';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { draftOf, draftOfInput, inputOf, suggestionRecord } from '../components/annotation-drafts.ts';
import type { ConflictChoice, SaveConflict } from '../components/attest-conflict-notice.ts';
import type { AnnotationDraft } from '../components/attest-evidence-panel.ts';
import { type EvidenceWarning, evidenceWarnings } from '../components/evidence-warnings.ts';
import { plural } from '../components/format.ts';
import type { EvidenceChange } from '../events/evidence-change-event.ts';
import { SaveQueueController } from './save-queue-controller.ts';

/** A conflict shown to the analyst, with the edit of theirs the server refused. */
export interface PendingConflict extends SaveConflict {
  readonly mineInput: AnnotationInput | null;
}

export interface AnnotationDraftsActions {
  /** The annotatable sentence with this id, if the document has it. */
  sentence(sentenceId: string): Sentence | undefined;
  labelName(labelKey: string): string | undefined;
  /** Remembers the annotation a change replaced, for undo. */
  recordUndo(sentenceId: string, before: AnnotationDraft | null): void;
  /** Reads a change out to screen readers. */
  announce(text: string): void;
  /** The server has stored the sentence's latest edit. */
  saved?(sentenceId: string): void;
}

export class AnnotationDraftsController implements ReactiveController {
  readonly saveQueue: SaveQueueController;
  private readonly host: ReactiveControllerHost;
  private readonly actions: AnnotationDraftsActions;
  private drafts: ReadonlyMap<string, AnnotationDraft> = new Map();
  private pendingConflicts: readonly PendingConflict[] = [];
  /** The drafts labelBySentence was last derived from. */
  private labelsDerivedFrom: ReadonlyMap<string, AnnotationDraft> | undefined;
  private derivedLabels: ReadonlyMap<string, string> = new Map();
  /** The conflicts conflictSentenceIds was last derived from. */
  private conflictIdsDerivedFrom: readonly PendingConflict[] | undefined;
  private derivedConflictIds: ReadonlySet<string> = new Set();

  constructor(host: ReactiveControllerHost, actions: AnnotationDraftsActions) {
    this.host = host;
    this.actions = actions;
    host.addController(this);
    this.saveQueue = new SaveQueueController(host, {
      onConflict: (sentenceId, current, mine) => this.showServerValue(sentenceId, current, mine),
      onSaved: (sentenceId) => this.actions.saved?.(sentenceId),
    });
  }

  /** Nothing to set up: the drafts live as long as the page, whose updates follow their changes. */
  hostConnected(): void {}

  /** The annotations as shown, by sentence id: a new map after every change. */
  get bySentence(): ReadonlyMap<string, AnnotationDraft> {
    return this.drafts;
  }

  /** Sentences whose save the server refused as stale, waiting for Keep mine or Take theirs. */
  get conflicts(): readonly PendingConflict[] {
    return this.pendingConflicts;
  }

  /** Each sentence's label, for the list and the counts; a new map only when annotations change. */
  get labelBySentence(): ReadonlyMap<string, string> {
    if (this.labelsDerivedFrom !== this.drafts) {
      this.labelsDerivedFrom = this.drafts;
      this.derivedLabels = new Map([...this.drafts].map(([sentenceId, draft]) => [sentenceId, draft.label]));
    }
    return this.derivedLabels;
  }

  /** The sentences in conflict, for the list; a new set only when the conflicts change. */
  get conflictSentenceIds(): ReadonlySet<string> {
    if (this.conflictIdsDerivedFrom !== this.pendingConflicts) {
      this.conflictIdsDerivedFrom = this.pendingConflicts;
      this.derivedConflictIds = new Set(this.pendingConflicts.map((conflict) => conflict.sentenceId));
    }
    return this.derivedConflictIds;
  }

  /** How many of the sentences `isCounted` accepts carry each label, and how many carry one. */
  labelCounts(isCounted: (sentenceId: string) => boolean): {
    counts: ReadonlyMap<string, number>;
    taggedCount: number;
  } {
    const counts = new Map<string, number>();
    let taggedCount = 0;
    for (const [sentenceId, label] of this.labelBySentence) {
      if (!isCounted(sentenceId)) continue;
      taggedCount += 1;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    return { counts, taggedCount };
  }

  /** The sentences whose edits are not saved: failed, or waiting while offline. */
  unsavedIn(sentences: readonly Sentence[]): ReadonlySet<string> {
    const { saveQueue } = this;
    const isOffline = saveQueue.status === 'offline';
    // Only a failure or being offline leaves sentences unsaved: skip the walk otherwise.
    if (saveQueue.status !== 'failed' && !isOffline) return noSentenceIds;
    return new Set(
      sentences
        .filter((s) => saveQueue.hasFailed(s.id) || (isOffline && saveQueue.hasPending(s.id)))
        .map((s) => s.id),
    );
  }

  get(sentenceId: string): AnnotationDraft | undefined {
    return this.drafts.get(sentenceId);
  }

  /** Shows a document's annotations as the server sent them, under the edits still queued. */
  showSaved(annotations: readonly Annotation[], sentenceIds: readonly string[]): void {
    const drafts = new Map(annotations.map((annotation) => [annotation.sentenceId, draftOf(annotation)]));
    this.overlayPending(drafts, sentenceIds);
    this.setDrafts(drafts);
  }

  /** Shows the edits still queued (from this visit or stored by an earlier one) for these sentences. */
  showPending(sentenceIds: readonly string[]): void {
    const drafts = new Map(this.drafts);
    if (this.overlayPending(drafts, sentenceIds)) this.setDrafts(drafts);
  }

  /**
   * Takes what a split or merge changed: the changed sentences' saved annotations (and their
   * queues), under edits still queued; other sentences stay as they are.
   */
  applyChange(change: SegmentationChange): void {
    const changedIds = change.sentences.map((sentence) => sentence.id);
    this.saveQueue.sync(change.annotations, changedIds);
    const drafts = new Map(this.drafts);
    for (const sentenceId of [...changedIds, ...change.removedSentenceIds]) drafts.delete(sentenceId);
    for (const annotation of change.annotations) drafts.set(annotation.sentenceId, draftOf(annotation));
    this.overlayPending(drafts, changedIds);
    this.setDrafts(drafts);
  }

  /** Labels the sentence (null clears it), keeping its evidence; the suggestion it relates to is recorded. */
  setLabel(sentence: Sentence, labelKey: string | null): void {
    const current = this.drafts.get(sentence.id);
    if ((current?.label ?? null) === labelKey) return;
    const next: AnnotationDraft | null =
      labelKey === null
        ? null
        : {
            ...(current ?? { source: null, chain: [], cues: [], note: null }),
            label: labelKey,
            suggestion: suggestionRecord(sentence, labelKey),
          };
    this.edit(sentence, next);
  }

  /** Takes the suggestion's label with its evidence: source, chain and cue words. */
  acceptSuggestion(sentence: Sentence): void {
    const suggestion = sentence.suggestion;
    if (!suggestion?.label) return;
    const current = this.drafts.get(sentence.id);
    const suggestedCues = suggestion.cues.map(({ start, end, kind }) => ({ start, end, kind }));
    const ownCues = (current?.cues ?? []).filter(
      (cue) => !suggestedCues.some((other) => other.start === cue.start && other.end === cue.end),
    );
    this.edit(sentence, {
      label: suggestion.label,
      source: suggestion.source ?? current?.source ?? null,
      chain: suggestion.chain.length > 0 ? suggestion.chain : (current?.chain ?? []),
      cues: [...ownCues, ...suggestedCues].sort((a, b) => a.start - b.start),
      note: current?.note ?? null,
      suggestion: { relation: 'accepted', version: suggestionVersion(suggestion) },
    });
  }

  /** Adds a cue to a tagged sentence (false when it has no label); it replaces the cues it overlaps: the analyst redrew them. */
  addCue(sentence: Sentence, cue: CueSpan): boolean {
    const current = this.drafts.get(sentence.id);
    if (!current) return false;
    const kept = current.cues.filter((other) => other.end <= cue.start || other.start >= cue.end);
    this.edit(sentence, { ...current, cues: [...kept, cue].sort((a, b) => a.start - b.start) });
    return true;
  }

  /** Changes a tagged sentence's source, chain, cues or note from the evidence panel. */
  updateEvidence(sentence: Sentence, change: EvidenceChange): void {
    const current = this.drafts.get(sentence.id);
    if (!current) return;
    this.edit(sentence, { ...current, ...change });
    const number = sentence.position + 1;
    if (change.source !== undefined) {
      this.actions.announce(`Source of sentence ${number}: ${change.source ?? 'none'}.`);
    } else if (change.cues !== undefined) {
      this.actions.announce(`Sentence ${number} has ${plural(change.cues.length, 'cue')}.`);
    } else if (change.note !== undefined) {
      this.actions.announce(`Note of sentence ${number} saved.`);
    }
  }

  /** Ctrl+Z: puts the sentence back as it was, through the queue (not recorded for undo again). */
  revert(sentence: Sentence, before: AnnotationDraft | null): void {
    this.edit(sentence, before, true);
    const name = before ? (this.actions.labelName(before.label) ?? before.label) : 'untagged';
    this.actions.announce(`Undone: sentence ${sentence.position + 1} is ${name} again.`);
  }

  /** What to check in an annotation: evidence that does not fit its label. */
  warningsFor(sentence: Sentence, draft: AnnotationDraft): EvidenceWarning[] {
    return evidenceWarnings({
      label: draft.label,
      text: sentence.text,
      source: draft.source,
      chain: draft.chain,
      cues: [...draft.cues, ...(sentence.suggestion?.cues ?? [])],
      suggestedSource: sentence.suggestion?.source,
      suggestedChain: sentence.suggestion?.chain,
    });
  }

  /** Keep mine sends the analyst's edit again, over theirs; Take theirs keeps what is shown. */
  resolveConflict(sentenceId: string, choice: ConflictChoice): void {
    const conflict = this.pendingConflicts.find((candidate) => candidate.sentenceId === sentenceId);
    if (!conflict) return;
    this.setConflicts(this.pendingConflicts.filter((candidate) => candidate !== conflict));
    const sentence = this.actions.sentence(sentenceId);
    if (choice === 'mine' && sentence) {
      // The queue now holds the server's version: this edit replaces theirs knowingly.
      this.edit(sentence, conflict.mineInput && draftOfInput(conflict.mineInput));
      this.actions.announce(`Sentence ${conflict.sentenceNumber}: keeping yours (${conflict.mine}).`);
    } else {
      this.actions.announce(`Sentence ${conflict.sentenceNumber}: took theirs (${conflict.theirs}).`);
    }
  }

  clearConflicts(): void {
    this.setConflicts([]);
  }

  /** Shows an annotation at once and queues it for saving; null clears it. */
  private edit(sentence: Sentence, draft: AnnotationDraft | null, isUndo = false): void {
    const previous = this.drafts.get(sentence.id);
    if (!isUndo) this.actions.recordUndo(sentence.id, previous ?? null);
    const drafts = new Map(this.drafts);
    if (draft === null) drafts.delete(sentence.id);
    else drafts.set(sentence.id, draft);
    this.setDrafts(drafts);
    this.setConflicts(this.pendingConflicts.filter((conflict) => conflict.sentenceId !== sentence.id));
    this.saveQueue.enqueue(sentence.id, draft === null ? null : inputOf(draft));
    const number = sentence.position + 1;
    if (draft === null) {
      this.actions.announce(`Sentence ${number} label cleared.`);
    } else if (draft.label !== previous?.label) {
      const warnings = this.warningsFor(sentence, draft).map((warning) => ` Check: ${warning.message}`);
      this.actions.announce(
        `Sentence ${number} tagged ${this.actions.labelName(draft.label) ?? draft.label}.${warnings.join('')}`,
      );
    }
  }

  /** The server refused an edit as stale: show what it holds now, and offer to keep the analyst's. */
  private showServerValue(
    sentenceId: string,
    current: Annotation | null,
    mine: AnnotationInput | null,
  ): void {
    const drafts = new Map(this.drafts);
    if (current) drafts.set(sentenceId, draftOf(current));
    else drafts.delete(sentenceId);
    this.setDrafts(drafts);
    const sentence = this.actions.sentence(sentenceId);
    const conflict: PendingConflict = {
      sentenceId,
      sentenceNumber: (sentence?.position ?? 0) + 1,
      theirs: (current && this.actions.labelName(current.label)) ?? 'untagged',
      mine: (mine && this.actions.labelName(mine.label)) ?? 'untagged',
      mineInput: mine,
    };
    this.setConflicts([
      ...this.pendingConflicts.filter((other) => other.sentenceId !== sentenceId),
      conflict,
    ]);
    this.actions.announce(
      `Sentence ${conflict.sentenceNumber} was changed elsewhere; it now shows ${conflict.theirs}.`,
    );
  }

  /** Lays the queued edits of these sentences over `drafts`; true when there were any. */
  private overlayPending(drafts: Map<string, AnnotationDraft>, sentenceIds: readonly string[]): boolean {
    let hasPending = false;
    for (const sentenceId of sentenceIds) {
      const pending = this.saveQueue.pendingInput(sentenceId);
      if (pending === undefined) continue;
      hasPending = true;
      if (pending === null) drafts.delete(sentenceId);
      else drafts.set(sentenceId, draftOfInput(pending));
    }
    return hasPending;
  }

  private setDrafts(drafts: ReadonlyMap<string, AnnotationDraft>): void {
    this.drafts = drafts;
    this.host.requestUpdate();
  }

  private setConflicts(conflicts: readonly PendingConflict[]): void {
    this.pendingConflicts = conflicts;
    this.host.requestUpdate();
  }
}

const noSentenceIds: ReadonlySet<string> = new Set();
