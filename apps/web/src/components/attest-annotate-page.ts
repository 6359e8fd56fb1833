import type { CueSpan, DocumentDetail, SegmentationChange, Sentence } from '@attest/core';
import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { AnnotateKeyboardController } from '../controllers/annotate-keyboard-controller.ts';
import { AnnotationDraftsController } from '../controllers/annotation-drafts-controller.ts';
import { DocumentSentencesController } from '../controllers/document-sentences-controller.ts';
import { HeightPropertyController } from '../controllers/height-property-controller.ts';
import { PageController } from '../controllers/page-controller.ts';
import { type ActionMessage, SegmentationController } from '../controllers/segmentation-controller.ts';
import { TextModeController } from '../controllers/text-mode-controller.ts';
import { UndoController, type UndoEntry } from '../controllers/undo-controller.ts';
import type { DialogOpenEvent } from '../events/dialog-open-event.ts';
import type { EvidenceChangeEvent } from '../events/evidence-change-event.ts';
import type { LabelChangeEvent } from '../events/label-change-event.ts';
import type { SegmentationAnswerEvent } from '../events/segmentation-answer-event.ts';
import type { SentenceActionEvent } from '../events/sentence-action-event.ts';
import type { SentenceSelectEvent } from '../events/sentence-select-event.ts';
import type { TextPickEvent } from '../events/text-pick-event.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import type { AnnotateDialog } from './attest-annotate-dialogs.ts';
import { annotatePageStyles } from './attest-annotate-page.styles.ts';
import type { AttestAnnotateSide } from './attest-annotate-side.ts';
import type { ConflictResolveEvent } from './attest-conflict-notice.ts';
import type { AnnotationDraft } from './attest-evidence-panel.ts';
import type { AttestSentenceList } from './attest-sentence-list.ts';
import type { EvidenceWarning } from './evidence-warnings.ts';
import { formatUtcDay, plural } from './format.ts';
import { breadcrumbsTemplate, loadErrorTemplate } from './page-templates.ts';
import { describeQueueJump, QueueJumper } from './queue-jump.ts';
import './attest-annotate-dialogs.ts';
import './attest-annotate-side.ts';
import './attest-annotate-toolbar.ts';
import './attest-sentence-list.ts';

/**
 * The annotate view: a document's sentences, tagged by keyboard or mouse, saved optimistically
 * through the save queue, with progress, save status, guidelines and shortcut help; beside them
 * the selected sentence's evidence (source, chain, cues, note, warnings), and split and merge
 * to fix the segmentation. The work lives in controllers: the document and its paging
 * (DocumentSentencesController), the drafts and the save queue (AnnotationDraftsController),
 * split and cue modes (TextModeController), split and merge (SegmentationController), the
 * keys (AnnotateKeyboardController) and undo.
 */
@customElement('attest-annotate-page')
export class AttestAnnotatePage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, annotatePageStyles];

  protected readonly page = new PageController(this, {
    title: () => this.sentences.loaded?.detail.document.title ?? 'Document',
    focusTarget: () => this.sentenceList,
  });

  private readonly drafts: AnnotationDraftsController = new AnnotationDraftsController(this, {
    sentence: (sentenceId) => this.sentences.annotatableSentence(sentenceId),
    labelName: (labelKey) => this.labelName(labelKey),
    recordUndo: (sentenceId, before) => this.undo.record(sentenceId, before),
    announce: (text) => this.announce(text),
    // A claim's occurrences show labels: the panel asks again once a label in one is stored.
    saved: (sentenceId) => this.side?.claim?.sentenceSaved(sentenceId),
  });

  private readonly sentences: DocumentSentencesController = new DocumentSentencesController(this, {
    api: () => this.api,
    documentId: () => this.documentId,
    beforeShow: async (detail, storageScope, isComplete) => {
      const sentenceIds = detail.sentences.map((sentence) => sentence.id);
      const { saveQueue } = this.drafts;
      if (isComplete) await saveQueue.load(detail.annotations, sentenceIds, storageScope);
      // The stored edits are taken back once every sentence is known (see whenAllLoaded).
      else saveQueue.open(detail.annotations, sentenceIds, storageScope);
      this.drafts.clearConflicts();
      this.actionMessage = null;
      this.modes.leave();
      this.drafts.showSaved(detail.annotations, sentenceIds);
      this.undo.clear();
    },
    whenAllLoaded: async (sentences) => {
      const sentenceIds = sentences.map((sentence) => sentence.id);
      await this.drafts.saveQueue.restoreStored(sentenceIds);
      this.drafts.showPending(sentenceIds);
    },
    onLoadFailure: (text) => {
      this.actionMessage = { text, tone: 'warning' };
    },
  });

  protected readonly undo = new UndoController<AnnotationDraft>(this, {
    revert: (entry) => this.revert(entry),
    showHistory: () => this.openDialogNamed('history'),
    isActive: () =>
      this.openDialog === null &&
      this.sentences.loaded !== undefined &&
      !this.segmentation.isSegmenting &&
      this.modes.mode === 'browse',
  });

  private readonly modes: TextModeController = new TextModeController(this, {
    selected: () => this.selectedSentence,
    isBusy: () => this.segmentation.isSegmenting,
    isTagged: (sentenceId) => this.drafts.get(sentenceId) !== undefined,
    addCue: (sentence, cue) => this.drafts.addCue(sentence, cue),
    split: () => void this.segmentation.split(),
    announce: (text) => this.announce(text),
    showWarning: (text) => {
      this.actionMessage = text === null ? null : { text, tone: 'warning' };
    },
    focusSentences: () => this.focusSentences(),
  });

  private readonly segmentation: SegmentationController = new SegmentationController(this, {
    api: () => this.api,
    sentences: this.sentences,
    drafts: this.drafts,
    modes: this.modes,
    labelName: (labelKey) => this.labelName(labelKey),
    applyChange: (documentId, change) => this.applySegmentationChange(documentId, change),
    showMessage: (message) => {
      this.actionMessage = message;
    },
    announce: (text) => this.announce(text),
    setConfirmationOpen: (isOpen) => {
      this.openDialog = isOpen ? 'confirm-segmentation' : null;
    },
    focusSentences: () => this.focusSentences(),
  });

  protected readonly keyboard = new AnnotateKeyboardController(this, {
    move: (step) => this.moveSelection(step),
    moveToEnd: (end) => this.moveSelection(end === 'first' ? -Infinity : Infinity),
    moveToNextInQueue: () => this.moveToNextInQueue(),
    tag: (hotkey) => this.tagWithHotkey(hotkey),
    clear: () => this.setSelectedLabel(null),
    acceptSuggestion: () => this.acceptSuggestion(),
    startSplit: () => this.startSplit(),
    mergeWithNext: () => void this.segmentation.mergeWithNext(),
    startCueMarking: () => this.modes.startCueMarking(),
    editSource: () => this.editSource(),
    handleModeKey: (event) => this.modes.handleKey(event),
    decideClaimLink: (decision) => void this.side?.claim?.decide(decision),
    applyClaimLabel: () => this.applyClaimLabel(),
    showGuidelines: () => this.openDialogNamed('guidelines'),
    showHelp: () => this.openDialogNamed('help'),
    isActive: () =>
      this.openDialog === null && this.sentences.loaded !== undefined && !this.segmentation.isSegmenting,
  });

  /** The side panel sticks below the sticky toolbar, whose height depends on the labels. */
  protected readonly toolbarHeight = new HeightPropertyController(
    this,
    () => this.toolbar,
    '--toolbar-height',
  );

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @query('attest-sentence-list') private sentenceList: AttestSentenceList | undefined;
  @query('attest-annotate-side') private side: AttestAnnotateSide | undefined;
  @query('.toolbar') private toolbar: HTMLElement | undefined;

  @state() private openDialog: AnnotateDialog | null = null;
  /** The latest change, read out by screen readers. */
  @state() private announcement = '';
  @state() private actionMessage: ActionMessage | null = null;
  private readonly queueJumper = new QueueJumper();

  /** The id of the document to annotate. */
  @property() documentId = '';

  /** A message from the page before (e.g. "already imported"), shown above the sentences. */
  @property() notice: string | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('documentId')) this.openDialog = null;
    this.drafts.saveQueue.client = this.api;
  }

  /**
   * Patches the list with what a split or merge changed, which is all the server sends: the
   * other sentences, their labels, edits still pending and save queues stay as they are.
   */
  private applySegmentationChange(documentId: string, change: SegmentationChange): void {
    // Another document opened while the server worked: the change is not about its sentences.
    if (this.sentences.loaded?.detail.document.id !== documentId) return;
    this.drafts.applyChange(change);
    this.undo.clear();
    this.sentences.applyChange(change);
  }

  private get selectedId(): string | null {
    return this.sentences.selectedId;
  }

  private get selectedSentence(): Sentence | undefined {
    return this.sentences.selectedSentence;
  }

  private labelName(labelKey: string | undefined): string | undefined {
    return this.sentences.loaded?.detail.labels.find((label) => label.key === labelKey)?.name;
  }

  private announce(text: string): void {
    this.announcement = text;
  }

  private focusSentences(): void {
    this.sentenceList?.focus({ preventScroll: true });
  }

  private moveSelection(step: number): void {
    const target = this.sentences.sentenceAt(step);
    if (!target) return;
    this.select(target.id);
    this.focusSentences();
  }

  /** `n`: the next unlabelled sentence in the queue's order, saying why it comes now. */
  private moveToNextInQueue(): void {
    const loaded = this.sentences.loaded;
    if (!loaded) return;
    const isLabelled = (sentenceId: string) => this.drafts.labelBySentence.has(sentenceId);
    const { annotatable } = this.sentences;
    const jump = this.queueJumper.next(annotatable, isLabelled, this.selectedId, loaded.detail.activeQueue);
    if (!jump) {
      this.actionMessage = { tone: 'info', text: 'Every sentence loaded here has your label.' };
      return;
    }
    this.select(jump.sentence.id);
    this.focusSentences();
    const text = describeQueueJump(jump);
    this.actionMessage = { tone: 'info', text };
    this.announce(text);
  }

  private select(sentenceId: string): void {
    if (sentenceId !== this.selectedId) this.modes.leave();
    this.sentences.select(sentenceId);
  }

  private tagWithHotkey(hotkey: string): boolean {
    const label = this.sentences.loaded?.detail.labels.find((candidate) => candidate.hotkey === hotkey);
    if (!label) return false;
    this.setSelectedLabel(label.key);
    return true;
  }

  private acceptSuggestion(): void {
    const sentence = this.selectedSentence;
    if (sentence) this.drafts.acceptSuggestion(sentence);
  }

  /** Labels the sentence as its claim's other occurrences were labelled most, and says so: never silently. */
  private applyClaimLabel(): void {
    const suggestion = this.side?.claim?.labelSuggestion();
    const sentence = this.selectedSentence;
    if (!sentence) return;
    if (!suggestion) {
      this.actionMessage = {
        tone: 'info',
        text: "No other labelled occurrence of this sentence's claim to take a label from.",
      };
      return;
    }
    const name = this.labelName(suggestion.label) ?? suggestion.label;
    const counted = `${suggestion.count} of its ${suggestion.total} other occurrences`;
    if (this.drafts.bySentence.get(sentence.id)?.label === suggestion.label) {
      this.actionMessage = { tone: 'info', text: `Already labelled “${name}”, as ${counted} are.` };
      return;
    }
    this.setSelectedLabel(suggestion.label);
    this.actionMessage = {
      tone: 'info',
      text: `Labelled “${name}” from its claim (${counted}); Ctrl+Z undoes it.`,
    };
  }

  private setSelectedLabel(labelKey: string | null): void {
    const sentence = this.selectedSentence;
    if (sentence) this.drafts.setLabel(sentence, labelKey);
  }

  private handleEvidenceChange(event: EvidenceChangeEvent): void {
    const sentence = this.selectedSentence;
    if (sentence) this.drafts.updateEvidence(sentence, event.change);
  }

  /** Ctrl+Z: puts the sentence back as it was before the last change, through the queue. */
  private revert(entry: UndoEntry<AnnotationDraft>): void {
    const sentence = this.sentences.annotatableSentence(entry.sentenceId);
    if (!sentence) return;
    this.select(sentence.id);
    this.drafts.revert(sentence, entry.before);
  }

  private resolveConflict(event: ConflictResolveEvent): void {
    this.drafts.resolveConflict(event.sentenceId, event.choice);
    this.focusSentences();
  }

  private startSplit(): void {
    const sentence = this.selectedSentence;
    if (sentence && this.segmentation.mayStart()) this.modes.startSplit(sentence);
  }

  private editSource(): void {
    const sentence = this.selectedSentence;
    if (!sentence) return;
    if (!this.drafts.get(sentence.id)) {
      this.announcement = `Tag sentence ${sentence.position + 1} first: its source is saved with its label.`;
      return;
    }
    this.side?.focusSource();
  }

  private openDialogNamed(dialog: AnnotateDialog): void {
    // The Markdown renderer (marked and DOMPurify) is the page's largest dependency and most
    // visits never open the guidelines: load it then; the element upgrades when it arrives.
    if (dialog === 'guidelines') void import('./attest-markdown.ts');
    this.openDialog = dialog;
  }

  private closeDialog(): void {
    this.openDialog = null;
  }

  private handleSelect(event: SentenceSelectEvent): void {
    this.select(event.sentenceId);
  }

  private handleLabelChange(event: LabelChangeEvent): void {
    this.setSelectedLabel(event.label);
  }

  private handleDialogOpen(event: DialogOpenEvent): void {
    this.openDialogNamed(event.dialog);
  }

  private handleSegmentationAnswer(event: SegmentationAnswerEvent): void {
    void this.segmentation.answer(event.isConfirmed);
  }

  private handleTextPick(event: TextPickEvent): void {
    this.modes.handlePick(event);
  }

  private handleSentenceAction(event: SentenceActionEvent): void {
    if (this.modes.runAction(event.action, event.cueKind)) return;
    switch (event.action) {
      case 'accept-suggestion':
        this.acceptSuggestion();
        this.focusSentences();
        return;
      case 'start-split':
        this.startSplit();
        return;
      case 'split':
        void this.segmentation.split();
        return;
      case 'merge-next':
        void this.segmentation.mergeWithNext();
        return;
      case 'return-focus':
        this.focusSentences();
        return;
    }
  }

  private renderToolbar(loaded: DocumentDetail) {
    // Counts the labels given, not the whole document: a long one has few of them at first.
    const { counts, taggedCount } = this.drafts.labelCounts(
      (sentenceId) => (this.sentences.place(sentenceId)?.annotatableIndex ?? -1) !== -1,
    );
    const selected = this.selectedSentence;
    const { saveQueue } = this.drafts;
    return html`
      <attest-annotate-toolbar
        class="toolbar panel"
        .labels=${loaded.labels}
        .counts=${counts}
        .current=${selected ? (this.drafts.labelBySentence.get(selected.id) ?? null) : null}
        ?disabled=${!selected || this.segmentation.isSegmenting}
        ?hasSelection=${selected !== undefined}
        .taggedCount=${taggedCount}
        .annotatableCount=${this.sentences.annotatableCount}
        .saveStatus=${saveQueue.status}
        .reason=${saveQueue.failureMessage ?? ''}
        .failedCount=${saveQueue.failedCount}
        .pendingCount=${saveQueue.pendingCount}
        .conflictCount=${this.drafts.conflicts.length}
        @attest-label-change=${this.handleLabelChange}
        @attest-dialog-open=${this.handleDialogOpen}
        @attest-save-retry=${() => saveQueue.retry()}
      ></attest-annotate-toolbar>
    `;
  }

  private renderSide(loaded: DocumentDetail) {
    const sentence = this.selectedSentence;
    const annotation = sentence ? this.drafts.get(sentence.id) : undefined;
    const usedSources = [...this.drafts.bySentence.values()].flatMap((other) =>
      other.source ? [other.source] : [],
    );
    return html`
      <attest-annotate-side
        class="side"
        .sentence=${sentence}
        .annotation=${annotation}
        .warnings=${sentence && annotation ? this.drafts.warningsFor(sentence, annotation) : noWarnings}
        .usedSources=${usedSources}
        .labels=${loaded.labels}
        .documentId=${loaded.document.id}
        .projectSlug=${loaded.document.projectSlug}
        .conflicts=${this.drafts.conflicts}
        .message=${this.actionMessage}
        .mode=${this.modes.mode}
        .splitPoint=${this.modes.splitPoint}
        .pickedText=${sentence ? this.modes.pickedText(sentence) : ''}
        .cueKind=${this.modes.cueKind}
        ?canSegment=${loaded.maySegment}
        ?canMerge=${this.sentences.nextSentence !== undefined}
        ?isSegmenting=${this.segmentation.isSegmenting}
        @attest-conflict-resolve=${this.resolveConflict}
        @attest-sentence-action=${this.handleSentenceAction}
        @attest-evidence-change=${this.handleEvidenceChange}
      ></attest-annotate-side>
    `;
  }

  private renderDocument(loaded: DocumentDetail, projectName: string) {
    const { document, sentences } = loaded;
    const unsaved = this.drafts.unsavedIn(sentences);
    const facts = [
      document.outlet,
      formatUtcDay(document.publishedAt),
      plural(this.sentences.annotatableCount, 'sentence'),
    ];
    const loading = this.sentences.loading;
    const selected = this.selectedSentence;
    return html`
      ${breadcrumbsTemplate([{ href: `/projects/${document.projectSlug}`, text: projectName }])}
      <h1 tabindex="-1">${document.title}</h1>
      <p class="facts">${facts.filter(Boolean).join(' · ')}</p>
      ${this.renderToolbar(loaded)}
      ${
        loading
          ? html`<p class="message info" role="status">
              Loading sentences: ${loading.loadedCount.toLocaleString('en')} of ${loading.totalCount.toLocaleString('en')}
            </p>`
          : null
      }
      ${this.notice ? html`<p class="message info" role="status">${this.notice}</p>` : null}
      <div class="workspace">
        <attest-sentence-list
          .sentences=${sentences}
          .totalCount=${loading?.totalCount ?? sentences.length}
          ?busy=${loading !== null}
          .labels=${loaded.labels}
          .labelBySentence=${this.drafts.labelBySentence}
          .unsavedSentenceIds=${unsaved}
          .conflictSentenceIds=${this.drafts.conflictSentenceIds}
          .selectedId=${this.selectedId}
          .mode=${this.modes.mode}
          .selectedCues=${(selected && this.drafts.get(selected.id)?.cues) || noCues}
          .splitPoint=${this.modes.splitPoint}
          .pickedSpan=${selected ? this.modes.pickedSpan(selected) : null}
          @attest-sentence-select=${this.handleSelect}
          @attest-text-pick=${this.handleTextPick}
        ></attest-sentence-list>
        ${this.renderSide(loaded)}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <attest-annotate-dialogs
        .open=${this.openDialog}
        .guidelines=${loaded.guidelines}
        .labels=${loaded.labels}
        .sentence=${selected}
        .pending=${this.segmentation.pending}
        @attest-dialog-close=${this.closeDialog}
        @attest-segmentation-answer=${this.handleSegmentationAnswer}
      ></attest-annotate-dialogs>
    `;
  }

  override render() {
    return this.sentences.task.render({
      pending: () => html`<h1 tabindex="-1">Loading the document…</h1>`,
      complete: () => {
        const loaded = this.sentences.loaded;
        return loaded ? this.renderDocument(loaded.detail, loaded.projectName) : nothing;
      },
      error: (error) =>
        loadErrorTemplate('Document not available', error, () => void this.sentences.task.run()),
    });
  }
}

const noCues: readonly CueSpan[] = [];
const noWarnings: readonly EvidenceWarning[] = [];

declare global {
  interface HTMLElementTagNameMap {
    'attest-annotate-page': AttestAnnotatePage;
  }
}
