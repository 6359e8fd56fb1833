import type {
  Annotation,
  AnnotationInput,
  CueSpan,
  DocumentDetail,
  Label,
  SegmentationChange,
  Sentence,
} from '@attest/core';
import { applySegmentationChange } from '@attest/core/segmentation-change';
import { suggestionVersion } from '@attest/core/suggestion-version';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type ApiClient, ApiError } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { AnnotateKeyboardController } from '../controllers/annotate-keyboard-controller.ts';
import { PageController } from '../controllers/page-controller.ts';
import { SaveQueueController } from '../controllers/save-queue-controller.ts';
import { UndoController, type UndoEntry } from '../controllers/undo-controller.ts';
import type { EvidenceChange, EvidenceChangeEvent } from '../events/evidence-change-event.ts';
import type { LabelChangeEvent } from '../events/label-change-event.ts';
import type { SentenceActionEvent } from '../events/sentence-action-event.ts';
import type { SentenceSelectEvent } from '../events/sentence-select-event.ts';
import type { TextPickEvent } from '../events/text-pick-event.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import { annotatePageStyles } from './attest-annotate-page.styles.ts';
import type { ConflictResolveEvent, SaveConflict } from './attest-conflict-notice.ts';
import { cueKindKeys } from './attest-cue-editor.ts';
import {
  type AnnotationDraft,
  type AttestEvidencePanel,
  commonSources,
  cueKindNames,
} from './attest-evidence-panel.ts';
import type { AttestSentenceList, TextMode } from './attest-sentence-list.ts';
import { evidenceWarnings } from './evidence-warnings.ts';
import { errorMessage, formatDate, plural } from './format.ts';
import { loadErrorTemplate } from './page-templates.ts';
import {
  initialSplitPoint,
  isSplitPoint,
  moveSplitPoint,
  moveWordRange,
  spanOfWords,
  type WordRange,
  wordsInSpan,
  wordsOf,
} from './sentence-text.ts';
import './attest-conflict-notice.ts';
import './attest-cue-editor.ts';
import './attest-dialog.ts';
import './attest-evidence-panel.ts';
import './attest-history-panel.ts';
import type { AttestClaimPanel } from './attest-claim-panel.ts';
import './attest-claim-panel.ts';
import './attest-label-legend.ts';
import './attest-progress.ts';
import './attest-save-status.ts';
import './attest-sentence-list.ts';
import './attest-shortcut-help.ts';
import './attest-split-editor.ts';

type OpenDialog = 'guidelines' | 'help' | 'history' | 'confirm-segmentation' | null;

/** A split or merge waiting for the user's yes: what it changes, and how to go ahead. */
interface PendingSegmentation {
  action: 'split' | 'merge';
  question: string;
  proceed: () => Promise<void>;
}

/** Sentences asked for with the document: more than a screen holds, a quick answer however long it is. */
const firstSentenceCount = 100;
/** Sentences per request for the rest of a long document: each page is parsed and shown in a short task. */
const sentencesPerPage = 500;

/** A conflict shown to the analyst, with the edit of theirs the server refused. */
interface PendingConflict extends SaveConflict {
  readonly mineInput: AnnotationInput | null;
}

interface LoadedDocument {
  detail: DocumentDetail;
  projectName: string;
  /** Sentences that take a label (not boilerplate), in order: what navigation moves through. */
  annotatable: readonly Sentence[];
  /** Where each sentence is, by id: a long document is not searched on every key press. */
  positionById: ReadonlyMap<string, SentencePlace>;
}

/** How far the sentences of a long document have arrived, while the rest are on their way. */
interface SentenceLoading {
  loadedCount: number;
  totalCount: number;
}

interface SentencePlace {
  /** Index in the document's sentences, boilerplate included. */
  index: number;
  /** Index among the annotatable sentences; -1 for boilerplate. */
  annotatableIndex: number;
}

/** A visible message about the last split, merge or refused action. */
interface ActionMessage {
  text: string;
  tone: 'info' | 'warning';
}

/**
 * The annotate view: a document's sentences, tagged by keyboard or mouse, saved optimistically
 * through the save queue, with progress, save status, guidelines and shortcut help; beside them
 * the selected sentence's evidence (source, chain, cues, note, warnings), and split and merge
 * to fix the segmentation.
 */
@customElement('attest-annotate-page')
export class AttestAnnotatePage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, annotatePageStyles];

  protected readonly page = new PageController(this, {
    title: () => this.loaded?.detail.document.title ?? 'Document',
    focusTarget: () => this.sentenceList,
  });

  private readonly saveQueue = new SaveQueueController(this, {
    onConflict: (sentenceId, current, mine) => this.showServerValue(sentenceId, current, mine),
  });

  protected readonly undo = new UndoController<AnnotationDraft>(this, {
    revert: (entry) => this.revert(entry),
    showHistory: () => this.openDialogNamed('history'),
    isActive: () =>
      this.openDialog === null && this.loaded !== undefined && !this.isSegmenting && this.mode === 'browse',
  });

  protected readonly keyboard = new AnnotateKeyboardController(this, {
    move: (step) => this.moveSelection(step),
    moveToEnd: (end) => this.moveSelection(end === 'first' ? -Infinity : Infinity),
    tag: (hotkey) => this.tagWithHotkey(hotkey),
    clear: () => this.setSelectedLabel(null),
    acceptSuggestion: () => this.acceptSuggestion(),
    startSplit: () => this.startSplit(),
    mergeWithNext: () => void this.mergeWithNext(),
    startCueMarking: () => this.startCueMarking(),
    editSource: () => this.editSource(),
    handleModeKey: (event) => this.handleModeKey(event),
    decideClaimLink: (decision) => void this.claimPanel?.decide(decision),
    applyClaimLabel: () => this.applyClaimLabel(),
    showGuidelines: () => this.openDialogNamed('guidelines'),
    showHelp: () => this.openDialogNamed('help'),
    isActive: () => this.openDialog === null && this.loaded !== undefined && !this.isSegmenting,
  });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @query('attest-sentence-list') private sentenceList: AttestSentenceList | undefined;
  @query('attest-evidence-panel') private evidencePanel: AttestEvidencePanel | undefined;
  @query('attest-claim-panel') private claimPanel: AttestClaimPanel | undefined;
  @query('.toolbar') private toolbar: HTMLElement | undefined;

  @state() private loaded: LoadedDocument | undefined;
  /** The analyst's annotations as shown: saved ones plus edits still in the save queue. */
  @state() private annotationBySentence: ReadonlyMap<string, AnnotationDraft> = new Map();
  @state() private selectedId: string | null = null;
  @state() private openDialog: OpenDialog = null;
  /** The latest change, read out by screen readers. */
  @state() private announcement = '';
  /** Sentences whose save the server refused as stale, waiting for Keep mine or Take theirs. */
  @state() private conflicts: readonly PendingConflict[] = [];
  /** Reading, split mode or cue-marking mode on the selected sentence. */
  @state() private mode: TextMode = 'browse';
  /** Split mode: where the selected sentence would be split, relative to its text. */
  @state() private splitPoint: number | null = null;
  /** Cue mode: the words picked, as indexes into the selected sentence's words. */
  @state() private pickedWords: WordRange | null = null;
  @state() private cueKind: CueSpan['kind'] = 'source';
  /** True while a split or merge waits for saves or for the server. */
  @state() private isSegmenting = false;
  @state() private actionMessage: ActionMessage | null = null;
  /** The split or merge the confirmation dialog asks about. */
  @state() private pendingSegmentation: PendingSegmentation | null = null;
  /** Set while a long document's later sentences are still arriving. */
  @state() private sentenceLoading: SentenceLoading | null = null;

  /** The id of the document to annotate. */
  @property() documentId = '';

  /** A message from the page before (e.g. "already imported"), shown above the sentences. */
  @property() notice: string | undefined;

  /**
   * The evidence panel sticks below the sticky toolbar, whose height depends on the labels.
   * Observed rather than read after each update, which would lay the page out an extra time.
   */
  private readonly toolbarObserver = new ResizeObserver(([entry]) => {
    const height = entry?.borderBoxSize[0]?.blockSize;
    if (height) this.style.setProperty('--toolbar-height', `${height}px`);
  });
  private observedToolbar: HTMLElement | undefined;

  /** The annotations labelBySentence was last derived from. */
  private labelsDerivedFrom: ReadonlyMap<string, AnnotationDraft> | undefined;
  private derivedLabels: ReadonlyMap<string, string> = new Map();
  /** The conflicts conflictSentenceIds was last derived from. */
  private conflictIdsDerivedFrom: readonly PendingConflict[] | undefined;
  private derivedConflictIds: ReadonlySet<string> = new Set();

  private readonly documentTask = new Task(this, {
    task: async ([documentId], { signal }): Promise<LoadedDocument> => {
      // The first sentences come first: a long document shows as soon as they are here.
      const [detail, me] = await Promise.all([
        this.api.getDocument(documentId, signal, { sentenceLimit: firstSentenceCount, withBody: false }),
        this.api.getMe(signal),
      ]);
      const storageScope = `${me.user.id}/${documentId}`;
      const totalCount = detail.document.sentenceCount;
      const isComplete = detail.sentences.length >= totalCount;
      if (isComplete) {
        await this.saveQueue.load(detail.annotations, sentenceIdsOf(detail.sentences), storageScope);
      } else {
        // The stored edits are taken back once every sentence is known (see loadLaterSentences).
        this.saveQueue.open(detail.annotations, sentenceIdsOf(detail.sentences), storageScope);
      }
      this.selectedId = null;
      this.conflicts = [];
      this.actionMessage = null;
      this.leaveMode();
      this.sentenceLoading = isComplete ? null : { loadedCount: detail.sentences.length, totalCount };
      // The breadcrumb shows the project's slug until its name arrives.
      const loaded = this.applyDocument(detail, detail.document.projectSlug);
      void this.showProjectName(detail.document.projectSlug, signal);
      if (!isComplete) void this.loadLaterSentences(documentId, signal);
      return loaded;
    },
    args: () => [this.documentId] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('documentId')) this.openDialog = null;
    this.saveQueue.client = this.api;
  }

  /** The sentences in conflict, for the list; a new set only when the conflicts change. */
  private get conflictSentenceIds(): ReadonlySet<string> {
    if (this.conflictIdsDerivedFrom !== this.conflicts) {
      this.conflictIdsDerivedFrom = this.conflicts;
      this.derivedConflictIds = new Set(this.conflicts.map((conflict) => conflict.sentenceId));
    }
    return this.derivedConflictIds;
  }

  /** Each sentence's label, for the list and the counts; a new map only when annotations change. */
  private get labelBySentence(): ReadonlyMap<string, string> {
    if (this.labelsDerivedFrom !== this.annotationBySentence) {
      this.labelsDerivedFrom = this.annotationBySentence;
      this.derivedLabels = new Map(
        [...this.annotationBySentence].map(([sentenceId, annotation]) => [sentenceId, annotation.label]),
      );
    }
    return this.derivedLabels;
  }

  protected override updated(): void {
    const toolbar = this.toolbar;
    if (toolbar && toolbar !== this.observedToolbar) {
      if (this.observedToolbar) this.toolbarObserver.unobserve(this.observedToolbar);
      this.observedToolbar = toolbar;
      this.toolbarObserver.observe(toolbar);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.toolbarObserver.disconnect();
    this.observedToolbar = undefined;
  }

  private async showProjectName(projectSlug: string, signal: AbortSignal): Promise<void> {
    try {
      const { name } = await this.api.getProject(projectSlug, signal);
      if (this.loaded?.detail.document.projectSlug === projectSlug)
        this.loaded = { ...this.loaded, projectName: name };
    } catch {
      // The slug stays in the breadcrumb: it names the project too.
    }
  }

  /**
   * Fetches a long document's sentences after the first ones, a page at a time, adding each to
   * the list as it arrives; then takes back the edits stored for any of them.
   */
  private async loadLaterSentences(documentId: string, signal: AbortSignal): Promise<void> {
    try {
      let offset: number | null = this.loaded?.detail.sentences.length ?? 0;
      while (offset !== null) {
        const page = await this.api.getSentencePage(documentId, offset, sentencesPerPage, signal);
        const loaded = this.loaded;
        // Another document opened meanwhile (split and merge wait until every sentence is here).
        if (!this.sentenceLoading || loaded?.detail.document.id !== documentId) return;
        const sentences = [...loaded.detail.sentences, ...page.items];
        this.loaded = { ...loaded, detail: { ...loaded.detail, sentences }, ...placesOf(sentences) };
        this.sentenceLoading = { ...this.sentenceLoading, loadedCount: sentences.length };
        offset = page.nextOffset;
      }
      this.sentenceLoading = null;
      const sentences = this.loaded?.detail.sentences ?? [];
      await this.saveQueue.restoreStored(sentenceIdsOf(sentences));
      this.showPendingEdits(sentences);
    } catch (error) {
      if (signal.aborted) return;
      this.sentenceLoading = null;
      this.actionMessage = {
        text: `Only the first ${plural(this.loaded?.detail.sentences.length ?? 0, 'sentence')} could be loaded: ${errorMessage(error)} Reload the page to try again.`,
        tone: 'warning',
      };
    }
  }

  /** Shows the edits still in the save queue (from this visit or stored by an earlier one) at once. */
  private showPendingEdits(sentences: readonly Sentence[]): void {
    let annotations: Map<string, AnnotationDraft> | undefined;
    for (const sentence of sentences) {
      const pending = this.saveQueue.pendingInput(sentence.id);
      if (pending === undefined) continue;
      annotations ??= new Map(this.annotationBySentence);
      if (pending === null) annotations.delete(sentence.id);
      else annotations.set(sentence.id, draftOfInput(pending));
    }
    if (annotations) this.annotationBySentence = annotations;
  }

  /** Shows a document as the server sent it, on load. */
  private applyDocument(detail: DocumentDetail, projectName: string): LoadedDocument {
    const annotations = new Map(
      detail.annotations.map((annotation) => [annotation.sentenceId, draftOf(annotation)]),
    );
    // Edits still in the save queue (from this visit or stored by an earlier one) show at once.
    for (const sentence of detail.sentences) {
      const pending = this.saveQueue.pendingInput(sentence.id);
      if (pending === null) annotations.delete(sentence.id);
      else if (pending !== undefined) annotations.set(sentence.id, draftOfInput(pending));
    }
    this.annotationBySentence = annotations;
    this.undo.clear();
    this.loaded = this.withPlaces({ detail, projectName });
    return this.loaded;
  }

  /**
   * Patches the list with what a split or merge changed, which is all the server sends: the
   * other sentences, their labels, edits still pending and save queues stay as they are.
   */
  private applySegmentationChange(documentId: string, change: SegmentationChange): void {
    const loaded = this.loaded;
    // Another document opened while the server worked: the change is not about its sentences.
    if (loaded?.detail.document.id !== documentId) return;
    const changedIds = change.sentences.map((sentence) => sentence.id);
    this.saveQueue.sync(change.annotations, changedIds);
    const annotations = new Map(this.annotationBySentence);
    for (const sentenceId of [...changedIds, ...change.removedSentenceIds]) annotations.delete(sentenceId);
    for (const annotation of change.annotations) annotations.set(annotation.sentenceId, draftOf(annotation));
    for (const sentenceId of changedIds) {
      const pending = this.saveQueue.pendingInput(sentenceId);
      if (pending === null) annotations.delete(sentenceId);
      else if (pending !== undefined) annotations.set(sentenceId, draftOfInput(pending));
    }
    this.annotationBySentence = annotations;
    this.undo.clear();
    const sentences = applySegmentationChange(loaded.detail.sentences, change);
    const annotatableCount = sentences.filter((sentence) => sentence.kind !== 'boilerplate').length;
    const document = { ...loaded.detail.document, sentenceCount: sentences.length, annotatableCount };
    this.loaded = this.withPlaces({ ...loaded, detail: { ...loaded.detail, document, sentences } });
  }

  /** Where each sentence is; the selection moves to the first sentence when its own is gone. */
  private withPlaces(loaded: Pick<LoadedDocument, 'detail' | 'projectName'>): LoadedDocument {
    const { annotatable, positionById } = placesOf(loaded.detail.sentences);
    const selected = this.selectedId === null ? undefined : positionById.get(this.selectedId);
    if (!selected || selected.annotatableIndex === -1) {
      this.selectedId = annotatable[0]?.id ?? null;
    }
    return { detail: loaded.detail, projectName: loaded.projectName, annotatable, positionById };
  }

  /** Sentences that take a label: as the server counts them until all have arrived. */
  private annotatableCount(loaded: LoadedDocument): number {
    return this.sentenceLoading ? loaded.detail.document.annotatableCount : loaded.annotatable.length;
  }

  private get annotatable(): readonly Sentence[] {
    return this.loaded?.annotatable ?? [];
  }

  /** The annotatable sentence with this id, if there is one. */
  private annotatableSentence(sentenceId: string | null): Sentence | undefined {
    const place = sentenceId === null ? undefined : this.loaded?.positionById.get(sentenceId);
    return place && place.annotatableIndex !== -1 ? this.annotatable[place.annotatableIndex] : undefined;
  }

  private get labels(): readonly Label[] {
    return this.loaded?.detail.labels ?? [];
  }

  private get selectedSentence(): Sentence | undefined {
    return this.annotatableSentence(this.selectedId);
  }

  /** The sentence after the selected one, boilerplate included: what a merge joins it with. */
  private get nextSentence(): Sentence | undefined {
    const place = this.selectedId === null ? undefined : this.loaded?.positionById.get(this.selectedId);
    return place ? this.loaded?.detail.sentences[place.index + 1] : undefined;
  }

  private labelName(labelKey: string | undefined): string | undefined {
    return this.labels.find((label) => label.key === labelKey)?.name;
  }

  private focusSentences(): void {
    this.sentenceList?.focus({ preventScroll: true });
  }

  private moveSelection(step: number): void {
    const sentences = this.annotatable;
    if (sentences.length === 0) return;
    const selected = this.selectedId === null ? undefined : this.loaded?.positionById.get(this.selectedId);
    const index = selected?.annotatableIndex ?? -1;
    const target = index === -1 ? 0 : Math.max(0, Math.min(sentences.length - 1, index + step));
    this.select(sentences[target]!.id);
    this.focusSentences();
  }

  private select(sentenceId: string): void {
    if (sentenceId !== this.selectedId) this.leaveMode();
    this.selectedId = sentenceId;
  }

  private tagWithHotkey(hotkey: string): boolean {
    const label = this.labels.find((candidate) => candidate.hotkey === hotkey);
    if (!label) return false;
    this.setSelectedLabel(label.key);
    return true;
  }

  /** Takes the suggestion's label with its evidence: source, chain and cue words. */
  private acceptSuggestion(): void {
    const sentence = this.selectedSentence;
    const suggestion = sentence?.suggestion;
    if (!sentence || !suggestion?.label) return;
    const current = this.annotationBySentence.get(sentence.id);
    const suggestedCues = suggestion.cues.map(({ start, end, kind }) => ({ start, end, kind }));
    const ownCues = (current?.cues ?? []).filter(
      (cue) => !suggestedCues.some((other) => other.start === cue.start && other.end === cue.end),
    );
    this.setAnnotation(sentence, {
      label: suggestion.label,
      source: suggestion.source ?? current?.source ?? null,
      chain: suggestion.chain.length > 0 ? suggestion.chain : (current?.chain ?? []),
      cues: [...ownCues, ...suggestedCues].sort((a, b) => a.start - b.start),
      note: current?.note ?? null,
      suggestion: { relation: 'accepted', version: suggestionVersion(suggestion) },
    });
  }

  /** Labels the sentence as its claim's occurrences were labelled most, and says so: never silently. */
  private applyClaimLabel(): void {
    const suggestion = this.claimPanel?.labelSuggestion();
    if (!this.selectedSentence) return;
    if (!suggestion) {
      this.actionMessage = {
        tone: 'info',
        text: "No labelled occurrence of this sentence's claim to take a label from.",
      };
      return;
    }
    this.setSelectedLabel(suggestion.label);
    this.actionMessage = {
      tone: 'info',
      text: `Labelled “${this.labelName(suggestion.label) ?? suggestion.label}” from its claim (${suggestion.count} of ${suggestion.total} occurrences); Ctrl+Z undoes it.`,
    };
  }

  private setSelectedLabel(labelKey: string | null): void {
    const sentence = this.selectedSentence;
    if (!sentence) return;
    const current = this.annotationBySentence.get(sentence.id);
    if ((current?.label ?? null) === labelKey) return;
    const next: AnnotationDraft | null =
      labelKey === null
        ? null
        : {
            ...(current ?? { source: null, chain: [], cues: [], note: null }),
            label: labelKey,
            suggestion: suggestionRecord(sentence, labelKey),
          };
    this.setAnnotation(sentence, next);
  }

  /** Shows an annotation at once and queues it for saving; null clears it. */
  private setAnnotation(sentence: Sentence, draft: AnnotationDraft | null, isUndo = false): void {
    const previous = this.annotationBySentence.get(sentence.id);
    if (!isUndo) this.undo.record(sentence.id, previous ?? null);
    const next = new Map(this.annotationBySentence);
    if (draft === null) next.delete(sentence.id);
    else next.set(sentence.id, draft);
    this.annotationBySentence = next;
    this.conflicts = this.conflicts.filter((conflict) => conflict.sentenceId !== sentence.id);
    this.saveQueue.enqueue(sentence.id, draft === null ? null : inputOf(draft));
    const number = sentence.position + 1;
    if (draft === null) {
      this.announcement = `Sentence ${number} label cleared.`;
    } else if (draft.label !== previous?.label) {
      const warnings = this.warningsFor(sentence, draft).map((warning) => ` Check: ${warning.message}`);
      this.announcement = `Sentence ${number} tagged ${this.labelName(draft.label) ?? draft.label}.${warnings.join('')}`;
    }
  }

  private updateEvidence(change: EvidenceChange): void {
    const sentence = this.selectedSentence;
    const current = sentence ? this.annotationBySentence.get(sentence.id) : undefined;
    if (!sentence || !current) return;
    this.setAnnotation(sentence, { ...current, ...change });
    if (change.source !== undefined) {
      this.announcement = `Source of sentence ${sentence.position + 1}: ${change.source ?? 'none'}.`;
    } else if (change.cues !== undefined) {
      this.announcement = `Sentence ${sentence.position + 1} has ${plural(change.cues.length, 'cue')}.`;
    } else if (change.note !== undefined) {
      this.announcement = `Note of sentence ${sentence.position + 1} saved.`;
    }
  }

  private warningsFor(sentence: Sentence, draft: AnnotationDraft) {
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

  /** Ctrl+Z: puts the sentence back as it was before the last change, through the queue. */
  private revert(entry: UndoEntry<AnnotationDraft>): void {
    const sentence = this.annotatableSentence(entry.sentenceId);
    if (!sentence) return;
    this.select(sentence.id);
    this.setAnnotation(sentence, entry.before, true);
    const name = entry.before ? (this.labelName(entry.before.label) ?? entry.before.label) : 'untagged';
    this.announcement = `Undone: sentence ${sentence.position + 1} is ${name} again.`;
  }

  /** The server refused an edit as stale: show what it holds now, and offer to keep the analyst's. */
  private showServerValue(
    sentenceId: string,
    current: Annotation | null,
    mine: AnnotationInput | null,
  ): void {
    const next = new Map(this.annotationBySentence);
    if (current) next.set(sentenceId, draftOf(current));
    else next.delete(sentenceId);
    this.annotationBySentence = next;
    const sentence = this.annotatableSentence(sentenceId);
    const conflict: PendingConflict = {
      sentenceId,
      sentenceNumber: (sentence?.position ?? 0) + 1,
      theirs: (current && this.labelName(current.label)) ?? 'untagged',
      mine: (mine && this.labelName(mine.label)) ?? 'untagged',
      mineInput: mine,
    };
    this.conflicts = [...this.conflicts.filter((other) => other.sentenceId !== sentenceId), conflict];
    this.announcement = `Sentence ${conflict.sentenceNumber} was changed elsewhere; it now shows ${conflict.theirs}.`;
  }

  private resolveConflict(event: ConflictResolveEvent): void {
    const conflict = this.conflicts.find((candidate) => candidate.sentenceId === event.sentenceId);
    if (!conflict) return;
    this.conflicts = this.conflicts.filter((candidate) => candidate !== conflict);
    const sentence = this.annotatableSentence(conflict.sentenceId);
    if (event.choice === 'mine' && sentence) {
      // The queue now holds the server's version: this edit replaces theirs knowingly.
      this.setAnnotation(sentence, conflict.mineInput && draftOfInput(conflict.mineInput));
      this.announcement = `Sentence ${conflict.sentenceNumber}: keeping yours (${conflict.mine}).`;
    } else {
      this.announcement = `Sentence ${conflict.sentenceNumber}: took theirs (${conflict.theirs}).`;
    }
    this.focusSentences();
  }

  // Split mode, cue mode and the keys they take.

  private leaveMode(): void {
    this.mode = 'browse';
    this.splitPoint = null;
    this.pickedWords = null;
  }

  private cancelMode(): void {
    if (this.mode === 'browse') return;
    this.announcement = this.mode === 'split' ? 'Split cancelled.' : 'Cue marking cancelled.';
    this.leaveMode();
    this.focusSentences();
  }

  /** Split and merge renumber the sentences, so they wait until all of them have arrived. */
  private isStillLoading(): boolean {
    if (!this.sentenceLoading) return false;
    this.actionMessage = {
      text: 'The last sentences of this document are still loading: split and merge once they are here.',
      tone: 'warning',
    };
    return true;
  }

  private startSplit(): void {
    const sentence = this.selectedSentence;
    if (!sentence || this.isSegmenting || !this.maySegment() || this.isStillLoading()) return;
    const point = initialSplitPoint(sentence.text);
    if (point === null) {
      this.actionMessage = {
        text: `Sentence ${sentence.position + 1} is too short to split.`,
        tone: 'warning',
      };
      return;
    }
    this.mode = 'split';
    this.pickedWords = null;
    this.splitPoint = point;
    this.actionMessage = null;
    this.announcement = `Split mode for sentence ${sentence.position + 1}. Left and right arrows move the split point, Enter splits, Escape cancels. ${describeSplit(sentence.text, point)}`;
    this.focusSentences();
  }

  private startCueMarking(range?: WordRange): void {
    const sentence = this.selectedSentence;
    if (!sentence || this.isSegmenting) return;
    if (!this.annotationBySentence.has(sentence.id)) {
      this.actionMessage = {
        text: `Tag sentence ${sentence.position + 1} first: cue words are saved with its label.`,
        tone: 'warning',
      };
      this.announcement = this.actionMessage.text;
      return;
    }
    this.mode = 'cue';
    this.splitPoint = null;
    this.pickedWords = range ?? (wordsOf(sentence.text).length > 0 ? { anchor: 0, focus: 0 } : null);
    this.actionMessage = null;
    this.announcement = `Cue marking for sentence ${sentence.position + 1}. Arrows move to a word, Shift with arrows extends, Enter adds the cue as ${cueKindNames[this.cueKind]}, Escape cancels. ${this.pickedDescription(sentence)}`;
    this.focusSentences();
  }

  private pickedText(sentence: Sentence): string {
    const span = this.pickedWords ? spanOfWords(wordsOf(sentence.text), this.pickedWords) : null;
    return span ? sentence.text.slice(span.start, span.end) : '';
  }

  private pickedDescription(sentence: Sentence): string {
    const text = this.pickedText(sentence);
    return text ? `Picked: ${text}.` : 'No words picked.';
  }

  private addCue(kind: CueSpan['kind']): void {
    const sentence = this.selectedSentence;
    const current = sentence ? this.annotationBySentence.get(sentence.id) : undefined;
    const span = sentence && this.pickedWords ? spanOfWords(wordsOf(sentence.text), this.pickedWords) : null;
    if (!sentence || !current || !span) return;
    const cue: CueSpan = { start: sentence.start + span.start, end: sentence.start + span.end, kind };
    // A new cue replaces the cues it overlaps: the analyst redrew them.
    const kept = current.cues.filter((other) => other.end <= cue.start || other.start >= cue.end);
    this.setAnnotation(sentence, { ...current, cues: [...kept, cue].sort((a, b) => a.start - b.start) });
    this.announcement = `Cue “${sentence.text.slice(span.start, span.end)}” (${cueKindNames[kind]}) added to sentence ${sentence.position + 1}.`;
    this.leaveMode();
    this.focusSentences();
  }

  private handleModeKey(event: KeyboardEvent): boolean {
    const sentence = this.selectedSentence;
    if (this.mode === 'browse' || !sentence) return false;
    if (event.key === 'Escape') {
      this.cancelMode();
      return true;
    }
    if (event.key === 'Enter') {
      if (this.mode === 'split') void this.confirmSplit();
      else this.addCue(this.cueKind);
      return true;
    }
    const step = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (step !== 0 && this.mode === 'split' && this.splitPoint !== null) {
      this.splitPoint = moveSplitPoint(sentence.text, this.splitPoint, step, event.ctrlKey || event.altKey);
      this.announcement = describeSplit(sentence.text, this.splitPoint);
      return true;
    }
    if (step !== 0 && this.mode === 'cue') {
      const words = wordsOf(sentence.text);
      this.pickedWords = this.pickedWords
        ? moveWordRange(words, this.pickedWords, step, event.shiftKey)
        : { anchor: 0, focus: 0 };
      this.announcement = this.pickedDescription(sentence);
      return true;
    }
    if (this.mode === 'cue' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const kind = (Object.keys(cueKindKeys) as CueSpan['kind'][]).find(
        (key) => cueKindKeys[key] === event.key,
      );
      if (kind) {
        this.cueKind = kind;
        this.announcement = `Cue kind: ${cueKindNames[kind]}.`;
        return true;
      }
    }
    // The other segmentation and cue keys, and clearing the label, wait until the mode is left.
    return ['s', 'm', 'c', 'e', 'Backspace', 'Delete'].includes(event.key);
  }

  private handleTextPick(event: TextPickEvent): void {
    const sentence = this.selectedSentence;
    if (!sentence) return;
    if (this.mode === 'split') {
      if (!isSplitPoint(sentence.text, event.start)) return;
      this.splitPoint = event.start;
      this.announcement = describeSplit(sentence.text, event.start);
      return;
    }
    const range = wordsInSpan(wordsOf(sentence.text), { start: event.start, end: event.end });
    if (!range) return;
    if (this.mode === 'browse') {
      this.startCueMarking(range);
      return;
    }
    this.pickedWords = range;
    this.announcement = this.pickedDescription(sentence);
  }

  private editSource(): void {
    const sentence = this.selectedSentence;
    if (!sentence) return;
    if (!this.annotationBySentence.has(sentence.id)) {
      this.announcement = `Tag sentence ${sentence.position + 1} first: its source is saved with its label.`;
      return;
    }
    this.evidencePanel?.focusSource();
  }

  // Split and merge.

  /** Waits for pending saves: a split or merge must start from what the server holds. */
  private async settleSaves(action: string): Promise<boolean> {
    await this.saveQueue.whenSettled();
    if (this.saveQueue.status !== 'failed') return true;
    this.actionMessage = {
      text: `Some changes are not saved yet. Retry them (or change those labels) before you ${action}.`,
      tone: 'warning',
    };
    return false;
  }

  private async confirmSplit(isConfirmed = false): Promise<void> {
    const sentence = this.selectedSentence;
    const point = this.splitPoint;
    if (!sentence || point === null || this.isSegmenting || !this.loaded) return;
    const labelKey = this.annotationBySentence.get(sentence.id)?.label;
    this.isSegmenting = true;
    try {
      if (!isConfirmed && (await this.asksFirst('split', sentence.id, () => this.confirmSplit(true)))) return;
      if (!(await this.settleSaves('split a sentence'))) return;
      const documentId = this.loaded.detail.document.id;
      const result = await this.api.splitSentence(sentence.id, sentence.start + point, isConfirmed);
      this.applySegmentationChange(documentId, result);
      this.leaveMode();
      const number = sentence.position + 1;
      const labels = labelKey ? ` Both parts are tagged ${this.labelName(labelKey) ?? labelKey}.` : '';
      this.showActionResult(
        result.notice,
        `Sentence ${number} was split into sentences ${number} and ${number + 1}.${labels}`,
      );
    } catch (error) {
      if (this.asksFromProblem(error, 'split', () => this.confirmSplit(true))) return;
      this.actionMessage = { text: `The sentence was not split: ${errorMessage(error)}`, tone: 'warning' };
    } finally {
      this.isSegmenting = false;
      this.focusSentences();
    }
  }

  private async mergeWithNext(isConfirmed = false): Promise<void> {
    const sentence = this.selectedSentence;
    const next = this.nextSentence;
    if (!sentence || this.isSegmenting || !this.loaded || !this.maySegment() || this.isStillLoading()) return;
    if (!next) {
      this.actionMessage = {
        text: 'This is the last sentence: there is nothing to merge it with.',
        tone: 'warning',
      };
      return;
    }
    const firstLabel = this.annotationBySentence.get(sentence.id)?.label;
    const secondLabel = this.annotationBySentence.get(next.id)?.label;
    this.leaveMode();
    this.isSegmenting = true;
    try {
      if (!isConfirmed && (await this.asksFirst('merge', sentence.id, () => this.mergeWithNext(true))))
        return;
      if (!(await this.settleSaves('merge sentences'))) return;
      const documentId = this.loaded.detail.document.id;
      const result = await this.api.mergeWithNext(sentence.id, isConfirmed);
      this.applySegmentationChange(documentId, result);
      const number = sentence.position + 1;
      const kept =
        firstLabel && firstLabel === secondLabel
          ? ` It keeps the label both had: ${this.labelName(firstLabel) ?? firstLabel}.`
          : '';
      this.showActionResult(result.notice, `Sentences ${number} and ${number + 1} were merged.${kept}`);
    } catch (error) {
      if (this.asksFromProblem(error, 'merge', () => this.mergeWithNext(true))) return;
      this.actionMessage = { text: `The sentences were not merged: ${errorMessage(error)}`, tone: 'warning' };
    } finally {
      this.isSegmenting = false;
      this.focusSentences();
    }
  }

  /** Whether the project lets the user split and merge; says so when it does not. */
  private maySegment(): boolean {
    if (this.loaded?.detail.maySegment) return true;
    this.actionMessage = {
      text: "In this project only owners and reviewers split and merge sentences; an owner can change that in the project's settings.",
      tone: 'warning',
    };
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
    const { question } = await this.api.getSegmentationImpact(sentenceId, action);
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
    this.pendingSegmentation = pending;
    this.openDialog = 'confirm-segmentation';
  }

  private async answerSegmentation(isConfirmed: boolean): Promise<void> {
    const pending = this.pendingSegmentation;
    this.pendingSegmentation = null;
    this.openDialog = null;
    if (!pending) return;
    if (isConfirmed) await pending.proceed();
    else this.announcement = pending.action === 'split' ? 'Split not made.' : 'Merge not made.';
  }

  /**
   * Says what a split or merge did, in a visible live region (no second, hidden announcement);
   * the server's notice (e.g. cleared labels) makes it a warning.
   */
  private showActionResult(notice: string | null, summary: string): void {
    this.actionMessage = notice
      ? { text: `${summary} ${notice}`, tone: 'warning' }
      : { text: summary, tone: 'info' };
  }

  private openDialogNamed(dialog: Exclude<OpenDialog, null>): void {
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

  private handleEvidenceChange(event: EvidenceChangeEvent): void {
    this.updateEvidence(event.change);
  }

  private handleSentenceAction(event: SentenceActionEvent): void {
    switch (event.action) {
      case 'accept-suggestion':
        this.acceptSuggestion();
        this.focusSentences();
        return;
      case 'start-split':
        this.startSplit();
        return;
      case 'split':
        void this.confirmSplit();
        return;
      case 'merge-next':
        void this.mergeWithNext();
        return;
      case 'start-cue':
        this.startCueMarking();
        return;
      case 'choose-cue-kind':
        if (event.cueKind) this.cueKind = event.cueKind;
        return;
      case 'add-cue':
        this.addCue(event.cueKind ?? this.cueKind);
        return;
      case 'cancel':
        this.cancelMode();
        return;
      case 'return-focus':
        this.focusSentences();
        return;
    }
  }

  private renderToolbar(loaded: LoadedDocument) {
    const counts = new Map<string, number>();
    let taggedCount = 0;
    // Walks the labels given, not the whole document: a long one has few of them at first.
    for (const [sentenceId, label] of this.labelBySentence) {
      if ((loaded.positionById.get(sentenceId)?.annotatableIndex ?? -1) === -1) continue;
      taggedCount += 1;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    const selected = this.selectedSentence;
    return html`
      <div class="toolbar panel">
        <attest-label-legend
          .labels=${loaded.detail.labels}
          .counts=${counts}
          .current=${selected ? (this.labelBySentence.get(selected.id) ?? null) : null}
          ?disabled=${!selected || this.isSegmenting}
          @attest-label-change=${this.handleLabelChange}
        ></attest-label-legend>
        <div class="help-buttons">
          <button class="button small" type="button" aria-keyshortcuts="g" @click=${() => this.openDialogNamed('guidelines')}>
            Guidelines <kbd aria-hidden="true">g</kbd>
          </button>
          <button class="button small" type="button" aria-keyshortcuts="?" @click=${() => this.openDialogNamed('help')}>
            Shortcuts <kbd aria-hidden="true">?</kbd>
          </button>
          <button
            class="button small"
            type="button"
            aria-keyshortcuts="h"
            ?disabled=${!selected}
            @click=${() => this.openDialogNamed('history')}
          >
            History <kbd aria-hidden="true">h</kbd>
          </button>
        </div>
        <div class="status-row">
          <attest-progress
            class="progress"
            .value=${taggedCount}
            .max=${this.annotatableCount(loaded)}
            label="Sentences tagged"
          ></attest-progress>
          <attest-save-status
            .status=${this.saveQueue.status}
            .reason=${this.saveQueue.failureMessage ?? ''}
            .failedCount=${this.saveQueue.failedCount}
            .pendingCount=${this.saveQueue.pendingCount}
            .conflictCount=${this.conflicts.length}
            @attest-save-retry=${() => this.saveQueue.retry()}
          ></attest-save-status>
        </div>
      </div>
    `;
  }

  private renderSide(loaded: LoadedDocument) {
    const sentence = this.selectedSentence;
    const annotation = sentence ? this.annotationBySentence.get(sentence.id) : undefined;
    const knownSources = [
      ...commonSources,
      ...(sentence?.suggestion?.source ? [sentence.suggestion.source] : []),
      ...[...this.annotationBySentence.values()].flatMap((other) => (other.source ? [other.source] : [])),
    ];
    const message = this.actionMessage;
    return html`
      <aside class="side" aria-label="Selected sentence">
        ${
          // Conflicts and what a split or merge did show here, beside the sentences in view
          // (the panel stays on screen), not above a list the analyst may have scrolled far down.
          this.conflicts.length > 0
            ? html`<attest-conflict-notice
              .conflicts=${this.conflicts}
              @attest-conflict-resolve=${this.resolveConflict}
            ></attest-conflict-notice>`
            : nothing
        }
        <div role="status">
          ${message?.tone === 'info' ? html`<p class="message info">${message.text}</p>` : nothing}
        </div>
        ${message?.tone === 'warning' ? html`<p class="message warning" role="alert">${message.text}</p>` : nothing}
        ${
          this.mode === 'split'
            ? html`<attest-split-editor
              .sentence=${sentence}
              .splitPoint=${this.splitPoint}
              ?busy=${this.isSegmenting}
              @attest-sentence-action=${this.handleSentenceAction}
            ></attest-split-editor>`
            : nothing
        }
        ${
          this.mode === 'cue' && sentence
            ? html`<attest-cue-editor
              .pickedText=${this.pickedText(sentence)}
              .cueKind=${this.cueKind}
              @attest-sentence-action=${this.handleSentenceAction}
            ></attest-cue-editor>`
            : nothing
        }
        <div class="panel evidence">
          <attest-evidence-panel
            .sentence=${sentence}
            .labels=${loaded.detail.labels}
            .annotation=${annotation}
            .warnings=${sentence && annotation ? this.warningsFor(sentence, annotation) : []}
            .knownSources=${knownSources}
            ?canSegment=${loaded.detail.maySegment}
            ?canMerge=${this.nextSentence !== undefined}
            ?busy=${this.isSegmenting || this.mode !== 'browse'}
            @attest-sentence-action=${this.handleSentenceAction}
            @attest-evidence-change=${this.handleEvidenceChange}
          ></attest-evidence-panel>
        </div>
        <div class="panel claim">
          <attest-claim-panel
            .documentId=${loaded.detail.document.id}
            .projectSlug=${loaded.detail.document.projectSlug}
            .sentenceId=${sentence?.id ?? null}
            .labels=${loaded.detail.labels}
          ></attest-claim-panel>
        </div>
      </aside>
    `;
  }

  private renderDocument(loaded: LoadedDocument) {
    const { document, sentences } = loaded.detail;
    const saveStatus = this.saveQueue.status;
    const isOffline = saveStatus === 'offline';
    // Only a failure or being offline leaves sentences unsaved: skip the walk otherwise.
    const unsaved =
      saveStatus === 'failed' || isOffline
        ? new Set(
            sentences
              .filter((s) => this.saveQueue.hasFailed(s.id) || (isOffline && this.saveQueue.hasPending(s.id)))
              .map((s) => s.id),
          )
        : noSentenceIds;
    const facts = [
      document.outlet,
      formatDate(document.publishedAt),
      plural(this.annotatableCount(loaded), 'sentence'),
    ];
    const loading = this.sentenceLoading;
    const selected = this.selectedSentence;
    const pickedSpan =
      selected && this.pickedWords ? spanOfWords(wordsOf(selected.text), this.pickedWords) : null;
    return html`
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li><a href="/">Projects</a></li>
          <li><a href="/projects/${document.projectSlug}">${loaded.projectName}</a></li>
        </ol>
      </nav>
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
          .labels=${loaded.detail.labels}
          .labelBySentence=${this.labelBySentence}
          .unsavedSentenceIds=${unsaved}
          .conflictSentenceIds=${this.conflictSentenceIds}
          .selectedId=${this.selectedId}
          .mode=${this.mode}
          .selectedCues=${(selected && this.annotationBySentence.get(selected.id)?.cues) || noCues}
          .splitPoint=${this.splitPoint}
          .pickedSpan=${pickedSpan}
          @attest-sentence-select=${this.handleSelect}
          @attest-text-pick=${this.handleTextPick}
        ></attest-sentence-list>
        ${this.renderSide(loaded)}
      </div>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <attest-dialog
        label="Guidelines"
        ?open=${this.openDialog === 'guidelines'}
        @attest-dialog-close=${() => this.closeDialog()}
      >
        ${
          // Rendered only when open: Markdown is loaded and parsed on the way.
          this.openDialog === 'guidelines'
            ? html`<attest-markdown .markdown=${loaded.detail.guidelines}></attest-markdown>`
            : nothing
        }
      </attest-dialog>
      <attest-dialog
        label="Keyboard shortcuts"
        ?open=${this.openDialog === 'help'}
        @attest-dialog-close=${() => this.closeDialog()}
      >
        <attest-shortcut-help .labels=${loaded.detail.labels}></attest-shortcut-help>
      </attest-dialog>
      <attest-dialog
        label=${this.pendingSegmentation?.action === 'merge' ? 'Merge for everyone?' : 'Split for everyone?'}
        ?open=${this.openDialog === 'confirm-segmentation'}
        @attest-dialog-close=${() => void this.answerSegmentation(false)}
      >
        ${
          this.pendingSegmentation
            ? html`<p>${this.pendingSegmentation.question}</p>
                <div class="actions">
                  <button class="button primary" type="button" @click=${() => void this.answerSegmentation(true)}>
                    ${this.pendingSegmentation.action === 'merge' ? 'Merge' : 'Split'}
                  </button>
                  <button class="button" type="button" @click=${() => void this.answerSegmentation(false)}>Cancel</button>
                </div>`
            : nothing
        }
      </attest-dialog>
      <attest-dialog
        label=${`History of sentence ${(selected?.position ?? 0) + 1}`}
        ?open=${this.openDialog === 'history'}
        @attest-dialog-close=${() => this.closeDialog()}
      >
        ${
          this.openDialog === 'history' && selected
            ? html`<attest-history-panel .sentenceId=${selected.id} .labels=${loaded.detail.labels}></attest-history-panel>`
            : nothing
        }
      </attest-dialog>
    `;
  }

  override render() {
    return this.documentTask.render({
      pending: () => html`<h1 tabindex="-1">Loading the document…</h1>`,
      complete: () => (this.loaded ? this.renderDocument(this.loaded) : nothing),
      error: (error) =>
        loadErrorTemplate('Document not available', error, () => void this.documentTask.run()),
    });
  }
}

const noCues: readonly CueSpan[] = [];

function sentenceIdsOf(sentences: readonly Sentence[]): string[] {
  return sentences.map((sentence) => sentence.id);
}

/** The sentences that take a label, and where each sentence is. */
function placesOf(sentences: readonly Sentence[]): Pick<LoadedDocument, 'annotatable' | 'positionById'> {
  const annotatable: Sentence[] = [];
  const positionById = new Map<string, SentencePlace>();
  for (const [index, sentence] of sentences.entries()) {
    const isAnnotatable = sentence.kind !== 'boilerplate';
    positionById.set(sentence.id, { index, annotatableIndex: isAnnotatable ? annotatable.length : -1 });
    if (isAnnotatable) annotatable.push(sentence);
  }
  return { annotatable, positionById };
}
const noSentenceIds: ReadonlySet<string> = new Set();

function draftOf(annotation: Annotation): AnnotationDraft {
  const { label, source, chain, cues, note, suggestion } = annotation;
  return { label, source, chain, cues, note, suggestion };
}

/** How a label the analyst chose themselves relates to the sentence's suggestion. */
function suggestionRecord(sentence: Sentence, labelKey: string): NonNullable<Annotation['suggestion']> {
  const suggestion = sentence.suggestion;
  if (!suggestion?.label) return { relation: 'no_suggestion', version: null };
  return {
    relation: suggestion.label === labelKey ? 'same_label' : 'other_label',
    version: suggestionVersion(suggestion),
  };
}

/** An edit as queued, shown before the server confirms it. */
function draftOfInput(input: AnnotationInput): AnnotationDraft {
  return {
    label: input.label,
    source: input.source ?? null,
    chain: input.chain ?? [],
    cues: input.cues ?? [],
    note: input.note ?? null,
    suggestion: input.suggestion ?? null,
  };
}

/** What the API stores: cues without their text, the chain within its limits. */
function inputOf(draft: AnnotationDraft): AnnotationInput {
  return {
    label: draft.label,
    source: draft.source,
    chain: draft.chain
      .map((entity) => entity.trim())
      .filter(Boolean)
      .slice(0, 8),
    cues: draft.cues.slice(0, 50).map(({ start, end, kind }) => ({ start, end, kind })),
    note: draft.note,
    ...(draft.suggestion ? { suggestion: draft.suggestion } : {}),
  };
}

/** "Split after “…three words” and before “three words…”", for screen readers. */
function describeSplit(text: string, point: number): string {
  const before = text.slice(0, point).trim().split(/\s+/).slice(-3).join(' ');
  const after = text.slice(point).trim().split(/\s+/).slice(0, 3).join(' ');
  return `Split after “${before}”, before “${after}”.`;
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-annotate-page': AttestAnnotatePage;
  }
}
