import type { Annotation, DocumentDetail, Label, Sentence } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { AnnotateKeyboardController } from '../controllers/annotate-keyboard-controller.ts';
import { PageController } from '../controllers/page-controller.ts';
import { SaveQueueController } from '../controllers/save-queue-controller.ts';
import type { LabelChangeEvent } from '../events/label-change-event.ts';
import type { SentenceSelectEvent } from '../events/sentence-select-event.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import { annotatePageStyles } from './attest-annotate-page.styles.ts';
import type { AttestSentenceList } from './attest-sentence-list.ts';
import { formatDate, plural } from './format.ts';
import { loadErrorTemplate } from './page-templates.ts';
import './attest-dialog.ts';
import './attest-label-legend.ts';
import './attest-markdown.ts';
import './attest-progress.ts';
import './attest-save-status.ts';
import './attest-sentence-list.ts';
import './attest-shortcut-help.ts';

type OpenDialog = 'guidelines' | 'help' | null;

interface LoadedDocument {
  detail: DocumentDetail;
  projectName: string;
  /** Sentences that take a label (not boilerplate), in order: what navigation moves through. */
  annotatable: readonly Sentence[];
}

/**
 * The annotate view: a document's sentences, tagged by keyboard or mouse, saved optimistically
 * through the save queue, with progress, save status, guidelines and shortcut help.
 */
@customElement('attest-annotate-page')
export class AttestAnnotatePage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, annotatePageStyles];

  protected readonly page = new PageController(this, {
    title: () => this.documentTask.value?.detail.document.title ?? 'Document',
    focusTarget: () => this.sentenceList,
  });

  private readonly saveQueue = new SaveQueueController(this, {
    onConflict: (sentenceId, current) => this.showServerValue(sentenceId, current),
  });

  protected readonly keyboard = new AnnotateKeyboardController(this, {
    move: (step) => this.moveSelection(step),
    moveToEnd: (end) => this.moveSelection(end === 'first' ? -Infinity : Infinity),
    tag: (hotkey) => this.tagWithHotkey(hotkey),
    clear: () => this.setSelectedLabel(null),
    acceptSuggestion: () => this.acceptSuggestion(),
    showGuidelines: () => this.openDialogNamed('guidelines'),
    showHelp: () => this.openDialogNamed('help'),
    isActive: () => this.openDialog === null && this.documentTask.value !== undefined,
  });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @query('attest-sentence-list') private sentenceList: AttestSentenceList | undefined;

  /** The analyst's labels as shown: saved ones plus edits still in the save queue. */
  @state() private labelBySentence: ReadonlyMap<string, string> = new Map();
  @state() private selectedId: string | null = null;
  @state() private openDialog: OpenDialog = null;
  /** The latest change, read out by screen readers. */
  @state() private announcement = '';
  @state() private conflictMessage = '';

  /** The id of the document to annotate. */
  @property() documentId = '';

  /** A message from the page before (e.g. "already imported"), shown above the sentences. */
  @property() notice: string | undefined;

  private readonly documentTask = new Task(this, {
    task: async ([documentId], { signal }): Promise<LoadedDocument> => {
      const detail = await this.api.getDocument(documentId, signal);
      const project = await this.api.getProject(detail.document.projectSlug, signal).catch(() => undefined);
      const annotatable = detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
      this.saveQueue.load(
        detail.annotations,
        detail.sentences.map((sentence) => sentence.id),
      );
      this.labelBySentence = new Map(
        detail.annotations.map((annotation) => [annotation.sentenceId, annotation.label]),
      );
      this.selectedId = annotatable[0]?.id ?? null;
      this.conflictMessage = '';
      return { detail, projectName: project?.name ?? detail.document.projectSlug, annotatable };
    },
    args: () => [this.documentId] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('documentId')) this.openDialog = null;
    this.saveQueue.client = this.api;
  }

  private get annotatable(): readonly Sentence[] {
    return this.documentTask.value?.annotatable ?? [];
  }

  private get labels(): readonly Label[] {
    return this.documentTask.value?.detail.labels ?? [];
  }

  private get selectedSentence(): Sentence | undefined {
    return this.annotatable.find((sentence) => sentence.id === this.selectedId);
  }

  private moveSelection(step: number): void {
    const sentences = this.annotatable;
    if (sentences.length === 0) return;
    const index = sentences.findIndex((sentence) => sentence.id === this.selectedId);
    const target = index === -1 ? 0 : Math.max(0, Math.min(sentences.length - 1, index + step));
    this.selectedId = sentences[target]!.id;
    this.sentenceList?.focus({ preventScroll: true });
  }

  private tagWithHotkey(hotkey: string): boolean {
    const label = this.labels.find((candidate) => candidate.hotkey === hotkey);
    if (!label) return false;
    this.setSelectedLabel(label.key);
    return true;
  }

  private acceptSuggestion(): void {
    const suggested = this.selectedSentence?.suggestion?.label;
    if (suggested) this.setSelectedLabel(suggested);
  }

  private setSelectedLabel(labelKey: string | null): void {
    const sentence = this.selectedSentence;
    if (!sentence) return;
    const current = this.labelBySentence.get(sentence.id) ?? null;
    if (current === labelKey) return;
    const next = new Map(this.labelBySentence);
    if (labelKey === null) next.delete(sentence.id);
    else next.set(sentence.id, labelKey);
    this.labelBySentence = next;
    this.conflictMessage = '';
    this.saveQueue.enqueue(sentence.id, labelKey);
    const name = this.labels.find((label) => label.key === labelKey)?.name;
    this.announcement = name
      ? `Sentence ${sentence.position + 1} tagged ${name}.`
      : `Sentence ${sentence.position + 1} label cleared.`;
  }

  /** The server refused an edit as stale: show what it holds now. */
  private showServerValue(sentenceId: string, current: Annotation | null): void {
    const next = new Map(this.labelBySentence);
    if (current) next.set(sentenceId, current.label);
    else next.delete(sentenceId);
    this.labelBySentence = next;
    const sentence = this.annotatable.find((candidate) => candidate.id === sentenceId);
    const name = current ? this.labels.find((label) => label.key === current.label)?.name : undefined;
    this.conflictMessage = `Sentence ${(sentence?.position ?? 0) + 1} was changed elsewhere; it now shows the saved label (${name ?? 'untagged'}).`;
    this.announcement = this.conflictMessage;
  }

  private openDialogNamed(dialog: Exclude<OpenDialog, null>): void {
    this.openDialog = dialog;
  }

  private handleSelect(event: SentenceSelectEvent): void {
    this.selectedId = event.sentenceId;
  }

  private handleLabelChange(event: LabelChangeEvent): void {
    this.setSelectedLabel(event.label);
  }

  private renderToolbar(loaded: LoadedDocument) {
    const counts = new Map<string, number>();
    let taggedCount = 0;
    for (const sentence of loaded.annotatable) {
      const label = this.labelBySentence.get(sentence.id);
      if (label === undefined) continue;
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
          ?disabled=${!selected}
          @attest-label-change=${this.handleLabelChange}
        ></attest-label-legend>
        <div class="help-buttons">
          <button class="button small" type="button" aria-keyshortcuts="g" @click=${() => this.openDialogNamed('guidelines')}>
            Guidelines <kbd aria-hidden="true">g</kbd>
          </button>
          <button class="button small" type="button" aria-keyshortcuts="?" @click=${() => this.openDialogNamed('help')}>
            Shortcuts <kbd aria-hidden="true">?</kbd>
          </button>
        </div>
        <div class="status-row">
          <attest-progress
            class="progress"
            .value=${taggedCount}
            .max=${loaded.annotatable.length}
            label="Sentences tagged"
          ></attest-progress>
          <attest-save-status
            .status=${this.saveQueue.status}
            .reason=${this.saveQueue.failureMessage ?? ''}
            .failedCount=${this.saveQueue.failedCount}
            @attest-save-retry=${() => this.saveQueue.retry()}
          ></attest-save-status>
        </div>
      </div>
    `;
  }

  private renderDocument(loaded: LoadedDocument) {
    const { document, sentences } = loaded.detail;
    const unsaved = new Set(sentences.filter((s) => this.saveQueue.hasFailed(s.id)).map((s) => s.id));
    const facts = [
      document.outlet,
      formatDate(document.publishedAt),
      plural(loaded.annotatable.length, 'sentence'),
    ];
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
      ${this.notice ? html`<p class="message info" role="status">${this.notice}</p>` : null}
      ${this.conflictMessage ? html`<p class="message warning" role="alert">${this.conflictMessage}</p>` : null}
      <attest-sentence-list
        .sentences=${sentences}
        .labels=${loaded.detail.labels}
        .labelBySentence=${this.labelBySentence}
        .unsavedSentenceIds=${unsaved}
        .selectedId=${this.selectedId}
        @attest-sentence-select=${this.handleSelect}
      ></attest-sentence-list>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <attest-dialog
        label="Guidelines"
        ?open=${this.openDialog === 'guidelines'}
        @attest-dialog-close=${() => this.closeDialog()}
      >
        <attest-markdown .markdown=${loaded.detail.guidelines}></attest-markdown>
      </attest-dialog>
      <attest-dialog
        label="Keyboard shortcuts"
        ?open=${this.openDialog === 'help'}
        @attest-dialog-close=${() => this.closeDialog()}
      >
        <attest-shortcut-help .labels=${loaded.detail.labels}></attest-shortcut-help>
      </attest-dialog>
    `;
  }

  private closeDialog(): void {
    this.openDialog = null;
  }

  override render() {
    return this.documentTask.render({
      pending: () => html`<h1 tabindex="-1">Loading the document…</h1>`,
      complete: (loaded) => this.renderDocument(loaded),
      error: (error) => loadErrorTemplate('Document not available', error),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-annotate-page': AttestAnnotatePage;
  }
}
