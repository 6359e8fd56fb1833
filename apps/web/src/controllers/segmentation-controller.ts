// Split and merge in the annotate view: each waits for pending saves, asks first when it
// changes other people's labels, sends the change and says what it did.
import type { SegmentationChange } from '@attest/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ApiClient, ApiError } from '../api/client.ts';
import { errorMessage } from '../components/format.ts';
import type { AnnotationDraftsController } from './annotation-drafts-controller.ts';
import type { DocumentSentencesController } from './document-sentences-controller.ts';
import type { TextModeController } from './text-mode-controller.ts';

/** A visible message about the last split, merge or refused action. */
export interface ActionMessage {
  text: string;
  tone: 'info' | 'warning';
}

/** A split or merge waiting for the user's yes: what it changes, and how to go ahead. */
export interface PendingSegmentation {
  action: 'split' | 'merge';
  question: string;
  proceed: () => Promise<void>;
}

export interface SegmentationActions {
  api(): ApiClient;
  /** The document, its selection and whether all its sentences are here. */
  readonly sentences: DocumentSentencesController;
  /** The labels (a split or merge says what became of them) and the save queue it waits for. */
  readonly drafts: AnnotationDraftsController;
  /** Where split mode would split the selected sentence; left once the change is made. */
  readonly modes: TextModeController;
  labelName(labelKey: string): string | undefined;
  /** Shows what the server changed, if the document is still the one open. */
  applyChange(documentId: string, change: SegmentationChange): void;
  showMessage(message: ActionMessage): void;
  announce(text: string): void;
  /** Opens or closes the dialog asking about `pending`. */
  setConfirmationOpen(isOpen: boolean): void;
  focusSentences(): void;
}

export class SegmentationController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly actions: SegmentationActions;
  private isWorking = false;
  private pendingChange: PendingSegmentation | null = null;

  constructor(host: ReactiveControllerHost, actions: SegmentationActions) {
    this.host = host;
    this.actions = actions;
    host.addController(this);
  }

  /** A question left unanswered is not asked again when the page comes back. */
  hostDisconnected(): void {
    this.pendingChange = null;
  }

  /** True while a split or merge waits for saves or for the server. */
  get isSegmenting(): boolean {
    return this.isWorking;
  }

  /** The split or merge the confirmation dialog asks about. */
  get pending(): PendingSegmentation | null {
    return this.pendingChange;
  }

  /** Whether a split or merge may start now; says why not when it may not. */
  mayStart(): boolean {
    return !this.isWorking && this.maySegment() && !this.isStillLoading();
  }

  async split(isConfirmed = false): Promise<void> {
    const { actions } = this;
    const sentence = actions.sentences.selectedSentence;
    const point = actions.modes.splitPoint;
    const document = actions.sentences.loaded?.detail.document;
    if (!sentence || point === null || this.isWorking || !document) return;
    const labelKey = actions.drafts.get(sentence.id)?.label;
    this.setWorking(true);
    try {
      if (!isConfirmed && (await this.asksFirst('split', sentence.id, () => this.split(true)))) return;
      if (!(await this.settleSaves('split a sentence'))) return;
      const result = await actions.api().splitSentence(sentence.id, sentence.start + point, isConfirmed);
      actions.applyChange(document.id, result);
      actions.modes.leave();
      const number = sentence.position + 1;
      const labels = labelKey ? ` Both parts are tagged ${actions.labelName(labelKey) ?? labelKey}.` : '';
      this.showResult(
        result.notice,
        `Sentence ${number} was split into sentences ${number} and ${number + 1}.${labels}`,
      );
    } catch (error) {
      if (this.asksFromProblem(error, 'split', () => this.split(true))) return;
      actions.showMessage({ text: `The sentence was not split: ${errorMessage(error)}`, tone: 'warning' });
    } finally {
      this.setWorking(false);
      actions.focusSentences();
    }
  }

  async mergeWithNext(isConfirmed = false): Promise<void> {
    const { actions } = this;
    const sentence = actions.sentences.selectedSentence;
    const next = actions.sentences.nextSentence;
    const document = actions.sentences.loaded?.detail.document;
    if (!sentence || this.isWorking || !document || !this.maySegment() || this.isStillLoading()) return;
    if (!next) {
      actions.showMessage({
        text: 'This is the last sentence: there is nothing to merge it with.',
        tone: 'warning',
      });
      return;
    }
    const firstLabel = actions.drafts.get(sentence.id)?.label;
    const secondLabel = actions.drafts.get(next.id)?.label;
    actions.modes.leave();
    this.setWorking(true);
    try {
      if (!isConfirmed && (await this.asksFirst('merge', sentence.id, () => this.mergeWithNext(true))))
        return;
      if (!(await this.settleSaves('merge sentences'))) return;
      const result = await actions.api().mergeWithNext(sentence.id, isConfirmed);
      actions.applyChange(document.id, result);
      const number = sentence.position + 1;
      const kept =
        firstLabel && firstLabel === secondLabel
          ? ` It keeps the label both had: ${actions.labelName(firstLabel) ?? firstLabel}.`
          : '';
      this.showResult(result.notice, `Sentences ${number} and ${number + 1} were merged.${kept}`);
    } catch (error) {
      if (this.asksFromProblem(error, 'merge', () => this.mergeWithNext(true))) return;
      actions.showMessage({ text: `The sentences were not merged: ${errorMessage(error)}`, tone: 'warning' });
    } finally {
      this.setWorking(false);
      actions.focusSentences();
    }
  }

  /** The confirmation dialog's answer: go ahead, or say nothing was changed. */
  async answer(isConfirmed: boolean): Promise<void> {
    const pending = this.pendingChange;
    this.pendingChange = null;
    this.actions.setConfirmationOpen(false);
    if (!pending) return;
    if (isConfirmed) await pending.proceed();
    else this.actions.announce(pending.action === 'split' ? 'Split not made.' : 'Merge not made.');
  }

  /** Whether the project lets the user split and merge; says so when it does not. */
  private maySegment(): boolean {
    if (this.actions.sentences.loaded?.detail.maySegment) return true;
    this.actions.showMessage({
      text: "In this project only owners and reviewers split and merge sentences; an owner can change that in the project's settings.",
      tone: 'warning',
    });
    return false;
  }

  /** Split and merge renumber the sentences, so they wait until all of them have arrived. */
  private isStillLoading(): boolean {
    if (!this.actions.sentences.loading) return false;
    this.actions.showMessage({
      text: 'The last sentences of this document are still loading: split and merge once they are here.',
      tone: 'warning',
    });
    return true;
  }

  /** Waits for pending saves: a split or merge must start from what the server holds. */
  private async settleSaves(action: string): Promise<boolean> {
    const { saveQueue } = this.actions.drafts;
    await saveQueue.whenSettled();
    if (saveQueue.status !== 'failed') return true;
    this.actions.showMessage({
      text: `Some changes are not saved yet. Retry them (or change those labels) before you ${action}.`,
      tone: 'warning',
    });
    return false;
  }

  /**
   * Asks the user first when the server says a split or merge changes more than their own
   * labels (analysts, who cannot see colleagues' labels, are asked every time).
   */
  private async asksFirst(
    action: 'split' | 'merge',
    sentenceId: string,
    proceed: () => Promise<void>,
  ): Promise<boolean> {
    const { question } = await this.actions.api().getSegmentationImpact(sentenceId, action);
    if (!question) return false;
    this.askToConfirm({ action, question, proceed });
    return true;
  }

  /** Someone labelled meanwhile: the server asks instead, saying how many people's labels change. */
  private asksFromProblem(error: unknown, action: 'split' | 'merge', proceed: () => Promise<void>): boolean {
    if (!(error instanceof ApiError) || !error.problem?.type.endsWith('/segmentation-needs-confirmation'))
      return false;
    // The detail ends with how an API client confirms; the dialog's button does that here.
    const question = error.problem.detail.replace(/\s*Send "confirm".*$/, '');
    this.askToConfirm({ action, question, proceed });
    return true;
  }

  private askToConfirm(pending: PendingSegmentation): void {
    this.pendingChange = pending;
    this.host.requestUpdate();
    this.actions.setConfirmationOpen(true);
  }

  /**
   * Says what a split or merge did, in a visible live region (no second, hidden announcement);
   * the server's notice (e.g. cleared labels) makes it a warning.
   */
  private showResult(notice: string | null, summary: string): void {
    this.actions.showMessage(
      notice ? { text: `${summary} ${notice}`, tone: 'warning' } : { text: summary, tone: 'info' },
    );
  }

  private setWorking(isWorking: boolean): void {
    this.isWorking = isWorking;
    this.host.requestUpdate();
  }
}
