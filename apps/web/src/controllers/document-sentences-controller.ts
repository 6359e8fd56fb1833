// The annotate view's document, where each of its sentences is and which one is selected. The
// first sentences come with the document; a long document's others arrive a page at a time
// after them, each page added to the list as it comes.
import type { DocumentDetail, SegmentationChange, Sentence } from '@attest/core';
import { applySegmentationChange } from '@attest/core/segmentation-change';
import { Task } from '@lit/task';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ApiClient } from '../api/client.ts';
import { firstScreenDocumentParts } from '../api/first-screen.ts';
import { errorMessage, plural } from '../components/format.ts';

export interface LoadedDocument {
  detail: DocumentDetail;
  projectName: string;
  /** Sentences that take a label (not boilerplate), in order: what navigation moves through. */
  annotatable: readonly Sentence[];
  /** Where each sentence is, by id: a long document is not searched on every key press. */
  positionById: ReadonlyMap<string, SentencePlace>;
}

export interface SentencePlace {
  /** Index in the document's sentences, boilerplate included. */
  index: number;
  /** Index among the annotatable sentences; -1 for boilerplate. */
  annotatableIndex: number;
}

/** How far the sentences of a long document have arrived, while the rest are on their way. */
export interface SentenceLoading {
  loadedCount: number;
  totalCount: number;
}

export interface DocumentSentencesOptions {
  api(): ApiClient;
  /** The id of the document to show. */
  documentId(): string;
  /** The document arrived: set up what the page shows with it (the save queue, its drafts). */
  beforeShow(detail: DocumentDetail, storageScope: string, isComplete: boolean): Promise<void>;
  /** Every sentence is here: take back the edits stored for the later ones. */
  whenAllLoaded(sentences: readonly Sentence[]): Promise<void>;
  /** The later sentences could not be loaded: say so. */
  onLoadFailure(message: string): void;
}

/** Sentences per request for the rest of a long document: each page is parsed and shown in a short task. */
const sentencesPerPage = 500;

export class DocumentSentencesController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: DocumentSentencesOptions;
  private document: LoadedDocument | undefined;
  private progress: SentenceLoading | null = null;
  private selected: string | null = null;

  /** Loads the document (its first sentences) whenever the document id changes. */
  readonly task: Task<readonly [string], DocumentDetail>;

  constructor(host: ReactiveControllerHost, options: DocumentSentencesOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
    this.task = new Task(host, {
      task: async ([documentId], { signal }) => {
        // The first sentences come first: a long document shows as soon as they are here.
        const [detail, me] = await Promise.all([
          options.api().getDocument(documentId, signal, firstScreenDocumentParts),
          options.api().getMe(signal),
        ]);
        const isComplete = detail.sentences.length >= detail.document.sentenceCount;
        await options.beforeShow(detail, `${me.user.id}/${documentId}`, isComplete);
        this.selected = null;
        // The breadcrumb shows the project's slug until its name arrives.
        this.show(detail, detail.document.projectSlug);
        void this.showProjectName(detail.document.projectSlug, signal);
        if (!isComplete) void this.loadRest(documentId, signal);
        return detail;
      },
      args: () => [options.documentId()] as const,
    });
  }

  /** Nothing to set up: the state lives as long as the page, whose updates follow its changes. */
  hostConnected(): void {}

  get loaded(): LoadedDocument | undefined {
    return this.document;
  }

  /** Set while a long document's later sentences are still arriving. */
  get loading(): SentenceLoading | null {
    return this.progress;
  }

  /** The selected sentence's id: an annotatable sentence whenever the document has one. */
  get selectedId(): string | null {
    return this.selected;
  }

  get selectedSentence(): Sentence | undefined {
    return this.annotatableSentence(this.selected);
  }

  /** The sentence after the selected one, boilerplate included: what a merge joins it with. */
  get nextSentence(): Sentence | undefined {
    const place = this.place(this.selected);
    return place ? this.document?.detail.sentences[place.index + 1] : undefined;
  }

  select(sentenceId: string): void {
    this.selected = sentenceId;
    this.host.requestUpdate();
  }

  /** The annotatable sentence `step` away from the selected one (the first when none is selected). */
  sentenceAt(step: number): Sentence | undefined {
    const sentences = this.annotatable;
    if (sentences.length === 0) return undefined;
    const index = this.place(this.selected)?.annotatableIndex ?? -1;
    return sentences[index === -1 ? 0 : Math.max(0, Math.min(sentences.length - 1, index + step))];
  }

  get annotatable(): readonly Sentence[] {
    return this.document?.annotatable ?? [];
  }

  /** Sentences that take a label: as the server counts them until all have arrived. */
  get annotatableCount(): number {
    if (!this.document) return 0;
    return this.progress ? this.document.detail.document.annotatableCount : this.document.annotatable.length;
  }

  place(sentenceId: string | null): SentencePlace | undefined {
    return sentenceId === null ? undefined : this.document?.positionById.get(sentenceId);
  }

  /** The annotatable sentence with this id, if there is one. */
  annotatableSentence(sentenceId: string | null): Sentence | undefined {
    const place = this.place(sentenceId);
    return place && place.annotatableIndex !== -1 ? this.annotatable[place.annotatableIndex] : undefined;
  }

  /** Shows a document as the server sent it; `totalCount` above its sentences means more are coming. */
  show(detail: DocumentDetail, projectName: string): LoadedDocument {
    const totalCount = detail.document.sentenceCount;
    this.progress =
      detail.sentences.length >= totalCount ? null : { loadedCount: detail.sentences.length, totalCount };
    const loaded = this.set({ detail, projectName, ...placesOf(detail.sentences) });
    this.keepSelection();
    return loaded;
  }

  /** Patches the sentences with what a split or merge changed. */
  applyChange(change: SegmentationChange): void {
    const loaded = this.document;
    if (!loaded) return;
    const sentences = applySegmentationChange(loaded.detail.sentences, change);
    const annotatableCount = sentences.filter((sentence) => sentence.kind !== 'boilerplate').length;
    const document = { ...loaded.detail.document, sentenceCount: sentences.length, annotatableCount };
    this.set({ ...loaded, detail: { ...loaded.detail, document, sentences }, ...placesOf(sentences) });
    this.keepSelection();
  }

  /** Names the project in the breadcrumb once its name arrives (its slug until then). */
  async showProjectName(projectSlug: string, signal: AbortSignal): Promise<void> {
    try {
      const { name } = await this.options.api().getProject(projectSlug, signal);
      if (this.document?.detail.document.projectSlug === projectSlug)
        this.set({ ...this.document, projectName: name });
    } catch {
      // The slug stays in the breadcrumb: it names the project too.
    }
  }

  /**
   * Fetches a long document's sentences after the first ones, a page at a time, adding each to
   * the list as it arrives; then lets the page take back the edits stored for any of them.
   */
  async loadRest(documentId: string, signal: AbortSignal): Promise<void> {
    try {
      let offset: number | null = this.document?.detail.sentences.length ?? 0;
      while (offset !== null) {
        const page = await this.options.api().getSentencePage(documentId, offset, sentencesPerPage, signal);
        const loaded = this.document;
        // Another document opened meanwhile (split and merge wait until every sentence is here).
        if (!this.progress || loaded?.detail.document.id !== documentId) return;
        const sentences = [...loaded.detail.sentences, ...page.items];
        this.progress = { ...this.progress, loadedCount: sentences.length };
        this.set({ ...loaded, detail: { ...loaded.detail, sentences }, ...placesOf(sentences) });
        offset = page.nextOffset;
      }
      this.progress = null;
      this.host.requestUpdate();
      await this.options.whenAllLoaded(this.document?.detail.sentences ?? []);
    } catch (error) {
      if (signal.aborted) return;
      this.progress = null;
      this.host.requestUpdate();
      this.options.onLoadFailure(
        `Only the first ${plural(this.document?.detail.sentences.length ?? 0, 'sentence')} could be loaded: ${errorMessage(error)} Reload the page to try again.`,
      );
    }
  }

  /** The selection moves to the first sentence when its own is gone. */
  private keepSelection(): void {
    const selected = this.place(this.selected);
    if (!selected || selected.annotatableIndex === -1) this.selected = this.annotatable[0]?.id ?? null;
  }

  private set(loaded: LoadedDocument): LoadedDocument {
    this.document = loaded;
    this.host.requestUpdate();
    return loaded;
  }
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
