import type { CueSpan, Label, Sentence } from '@attest/core';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleProperties } from '../directives/style-properties.ts';
import { SentenceSelectEvent } from '../events/sentence-select-event.ts';
import { TextPickEvent } from '../events/text-pick-event.ts';
import { baseStyles } from '../styles/shared.ts';
import { rowGap, sentenceListStyles } from './attest-sentence-list.styles.ts';
import { estimateFromSamples, RowHeights, type RowSample } from './row-heights.ts';
import { selectedSentenceText } from './selected-sentence-text.ts';
import type { WordSpan } from './sentence-text.ts';

/** What the selected sentence's text is being used for. */
export type TextMode = 'browse' | 'split' | 'cue';

/** The rows rendered: from `start` up to, not including, `end`. */
interface RowRange {
  start: number;
  end: number;
}

/** Pixels of rows rendered beyond each edge of the screen, so a short scroll finds them ready. */
const overscan = 150;

/**
 * A document's sentences as a single-select listbox: each row shows its label as a coloured
 * chip with the label's name. The selection is the listbox's active descendant, so screen
 * readers announce it while focus stays on the list. The list is windowed: only the rows
 * near the viewport are in the DOM (plain elements in this one shadow root), each with
 * `aria-setsize`/`aria-posinset` so assistive technology still knows the whole document's size,
 * so long documents stay fast. Two spacers stand for the rows above and below; their heights
 * add up the rows' measured heights (kept by sentence id) and, for rows never rendered, an
 * estimate from the text's length. A measurement never moves rows already on screen (a row
 * above the screen that turns out taller or shorter is absorbed by the browser's scroll
 * anchoring), so scrolling costs one render and one layout of the rows it brings in, where a
 * virtualizer that positions rows itself lays them out again each time it corrects a guess.
 *
 * The selected sentence's text shows the cue words (the analyst's, else the suggestion's), the
 * split caret in split mode and the picked words in cue mode; clicks and mouse selections in it
 * are reported as points and ranges of its text.
 *
 * @fires attest-sentence-select - A sentence was clicked.
 * @fires attest-text-pick - The selected sentence's text was clicked (split mode) or words in it selected.
 */
@customElement('attest-sentence-list')
export class AttestSentenceList extends LitElement {
  static override styles = [baseStyles, sentenceListStyles];

  @query('[role="listbox"]') private listbox!: HTMLElement;
  @query('.spacer') private topSpacer: HTMLElement | undefined;

  /** The rows in the DOM. */
  @state() private range: RowRange = { start: 0, end: 0 };

  /** The document's sentences, in order. */
  @property({ attribute: false }) sentences: readonly Sentence[] = [];

  /** How many sentences the document has: more than `sentences` while the rest are loading. */
  @property({ attribute: false }) totalCount = 0;

  /** True while more sentences are on their way. */
  @property({ type: Boolean }) busy = false;

  /** The project's labels, to show each sentence's label by name and colour. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  /** The analyst's label of each sentence, by sentence id (absent: untagged). */
  @property({ attribute: false }) labelBySentence: ReadonlyMap<string, string> = new Map();

  /** Sentences whose last change could not be saved. */
  @property({ attribute: false }) unsavedSentenceIds: ReadonlySet<string> = new Set();

  /** Sentences changed elsewhere whose conflict the analyst has not settled yet. */
  @property({ attribute: false }) conflictSentenceIds: ReadonlySet<string> = new Set();

  /** The selected sentence's id. */
  @property() selectedId: string | null = null;

  /** What the selected sentence's text is being used for: reading, splitting or marking cues. */
  @property() mode: TextMode = 'browse';

  /** The analyst's cue spans on the selected sentence (offsets into the document body). */
  @property({ attribute: false }) selectedCues: readonly CueSpan[] = [];

  /** In split mode: where the selected sentence would be split, relative to its text. */
  @property({ attribute: false }) splitPoint: number | null = null;

  /** In cue mode: the words picked for a cue, relative to the selected sentence's text. */
  @property({ attribute: false }) pickedSpan: WordSpan | null = null;

  private labelsByKey = new Map<string, Label>();
  /** Each sentence's index in `sentences`, to find a row that is not rendered. */
  private indexBySentence = new Map<string, number>();
  private readonly heights = new RowHeights();
  /** False until rows have been measured at the list's current width. */
  private isCalibrated = false;
  private listWidth = 0;
  /** The spacers' heights as last rendered. */
  private renderedSpacers = { top: 0, bottom: 0 };
  /** The selected sentence, rendered far from where the screen was, to be scrolled to the middle. */
  private sentenceToCentre: string | null = null;
  private readonly rowObserver = new ResizeObserver((entries) => this.measureRows(entries));
  private readonly observedRows = new Set<Element>();
  private readonly widthObserver = new ResizeObserver(([entry]) => {
    const width = entry?.contentRect.width ?? 0;
    if (width === this.listWidth) return;
    // Rows wrap differently at another width: measure them again.
    this.listWidth = width;
    this.heights.forgetMeasurements();
    this.isCalibrated = false;
    this.requestUpdate();
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('scroll', this.handleViewportChange, { passive: true });
    window.addEventListener('resize', this.handleViewportChange, { passive: true });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('scroll', this.handleViewportChange);
    window.removeEventListener('resize', this.handleViewportChange);
    this.widthObserver.disconnect();
    this.rowObserver.disconnect();
    this.observedRows.clear();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('labels')) this.labelsByKey = new Map(this.labels.map((label) => [label.key, label]));
    if (changed.has('sentences')) {
      this.indexBySentence = new Map(this.sentences.map((sentence, index) => [sentence.id, index]));
      this.heights.setRows(this.sentences.map(({ id, text }) => ({ id, textLength: text.length })));
      const count = this.sentences.length;
      const start = Math.min(this.range.start, count);
      const end =
        this.range.end > start
          ? Math.min(this.range.end, count)
          : // The first rows: as many as would fill a screen by the estimate, however far down
            // the list starts; measuring them renders more if they fall short.
            Math.min(count, this.heights.indexAt(this.heights.offsetOf(start) + window.innerHeight) + 1);
      this.range = { start, end };
    }
    if (changed.has('selectedId') && this.selectedId) {
      const index = this.indexBySentence.get(this.selectedId);
      // A row far from the rendered ones: render the rows around it, then scroll it into view.
      if (index !== undefined && (index < this.range.start || index >= this.range.end)) {
        this.sentenceToCentre = this.selectedId;
        this.range = this.rangeAround(this.heights.offsetOf(index));
      }
    }
  }

  protected override firstUpdated(): void {
    this.widthObserver.observe(this.listbox);
  }

  protected override updated(changed: PropertyValues<this>): void {
    for (const row of this.renderRoot.querySelectorAll<HTMLElement>('.row')) {
      if (this.observedRows.has(row)) continue;
      this.observedRows.add(row);
      this.rowObserver.observe(row);
    }
    const toCentre = this.sentenceToCentre;
    if (toCentre !== null) {
      this.sentenceToCentre = null;
      this.rowElement(toCentre)?.scrollIntoView({ block: 'center' });
    } else if (changed.has('selectedId') && this.selectedId) {
      this.rowElement(this.selectedId)?.scrollIntoView({ block: 'nearest' });
    }
    // Sentences added (a split, or the later ones of a long document) may belong on screen.
    if (changed.has('sentences')) this.updateRange();
  }

  private rowIsRendered(sentenceId: string): boolean {
    const index = this.indexBySentence.get(sentenceId);
    return index !== undefined && index >= this.range.start && index < this.range.end;
  }

  private rowElement(sentenceId: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(rowId(sentenceId))}`);
  }

  /**
   * Records the heights of rows as the browser lays them out (a resize observer reports after
   * layout, so reading them forces none); the first time at a width, fits the estimate for the
   * rows not yet rendered to them. Then moves the spacers if a new estimate changed them, and
   * renders more rows if those measured left part of the screen empty.
   */
  private measureRows(entries: readonly ResizeObserverEntry[]): void {
    const samples: RowSample[] = [];
    let hasChanged = false;
    let lineHeight = 0;
    for (const entry of entries) {
      const row = entry.target as HTMLElement;
      // A row scrolled out of the list is not laid out any more: it measures nothing.
      if (!row.isConnected) {
        this.rowObserver.unobserve(row);
        this.observedRows.delete(row);
        continue;
      }
      const index = Number(row.dataset['index']);
      const rowHeight = (entry.borderBoxSize[0]?.blockSize ?? 0) + rowGap;
      if (!this.isCalibrated) {
        const text = row.querySelector<HTMLElement>('.text');
        if (text) {
          lineHeight ||= Number.parseFloat(getComputedStyle(text).lineHeight);
          const textLength = this.sentences[index]?.text.length ?? 0;
          samples.push({ textLength, rowHeight, textHeight: text.getBoundingClientRect().height });
        }
      }
      if (this.heights.measure(index, rowHeight)) hasChanged = true;
    }
    const estimate = this.isCalibrated ? null : estimateFromSamples(samples, lineHeight);
    if (estimate) {
      this.heights.setEstimate(estimate);
      this.isCalibrated = true;
      hasChanged = true;
    }
    if (!hasChanged) return;
    const { start, end } = this.range;
    const top = this.heights.offsetOf(start);
    const bottom = this.heights.totalHeight - this.heights.offsetOf(end);
    const isMoved =
      Math.abs(top - this.renderedSpacers.top) >= 0.5 ||
      Math.abs(bottom - this.renderedSpacers.bottom) >= 0.5;
    if (isMoved) this.requestUpdate();
    this.updateRange();
  }

  /** The rows from `overscan` above an offset (from the list's top) to a screen and overscan below. */
  private rangeAround(offset: number): RowRange {
    const start = this.heights.indexAt(Math.max(0, offset - overscan - window.innerHeight / 2));
    const end = this.heights.indexAt(offset + window.innerHeight / 2 + overscan) + 1;
    return { start, end: Math.min(this.sentences.length, end) };
  }

  /**
   * After a scroll, a resize or a measurement: when the screen shows a part of the list the
   * rendered rows do not cover, render the rows around the screen instead.
   */
  private updateRange(): void {
    const spacer = this.topSpacer;
    if (!spacer || this.sentences.length === 0) return;
    // The top spacer begins where the first row would.
    const listTop = spacer.getBoundingClientRect().top;
    const screenTop = Math.max(0, -listTop);
    const screenBottom = Math.min(this.heights.totalHeight, window.innerHeight - listTop);
    if (screenBottom <= 0 || screenTop >= this.heights.totalHeight) return;
    const { start, end } = this.range;
    const isCovered = this.heights.offsetOf(start) <= screenTop && this.heights.offsetOf(end) >= screenBottom;
    if (isCovered) return;
    const next = {
      start: this.heights.indexAt(Math.max(0, screenTop - overscan)),
      end: Math.min(this.sentences.length, this.heights.indexAt(screenBottom + overscan) + 1),
    };
    if (next.start !== start || next.end !== end) this.range = next;
  }

  private readonly handleViewportChange = () => this.updateRange();

  private handleClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[role="option"]');
    const sentenceId = row?.dataset['sentenceId'];
    if (!row || !sentenceId || row.getAttribute('aria-disabled') === 'true') return;
    if (sentenceId !== this.selectedId || this.mode === 'browse') {
      this.dispatchEvent(new SentenceSelectEvent(sentenceId));
      return;
    }
    const piece = target.closest<HTMLElement>('[data-start]');
    if (!piece) return;
    const start = Number(piece.dataset['start']);
    const end = Number(piece.dataset['end']);
    if (this.mode === 'split') {
      // A click on a word puts the split point at its nearer edge; on a space, before the next word.
      const box = piece.getBoundingClientRect();
      const isWord = piece.classList.contains('word');
      const point = isWord && event.clientX < box.left + box.width / 2 ? start : end;
      this.dispatchEvent(new TextPickEvent(point, point));
    } else if (piece.classList.contains('word') && this.selectionInText() === null) {
      this.dispatchEvent(new TextPickEvent(start, end));
    }
  }

  /** A mouse selection in the selected sentence's text picks those words (browse and cue mode). */
  private handleMouseUp(): void {
    if (this.mode === 'split') return;
    const span = this.selectionInText();
    if (!span) return;
    document.getSelection()?.removeAllRanges();
    this.dispatchEvent(new TextPickEvent(span.start, span.end));
  }

  /** The part of the document's selection inside the selected sentence's text, if any. */
  private selectionInText(): WordSpan | null {
    const selection = document.getSelection();
    const root = this.shadowRoot;
    if (!selection || !root) return null;
    // The document's view of a selection inside a shadow root is retargeted to the host (and
    // looks collapsed): ask for the range as it lies in this root.
    const range = selection.getComposedRanges({ shadowRoots: [root] })[0];
    const text = this.renderRoot.querySelector<HTMLElement>('.selected .text');
    if (!range || range.collapsed || !text) return null;
    const length = Number(text.dataset['length'] ?? 0);
    const start = offsetIn(range.startContainer, range.startOffset, text) ?? 0;
    const end = offsetIn(range.endContainer, range.endOffset, text) ?? length;
    return end > start ? { start, end } : null;
  }

  private suggestedLabel(sentence: Sentence): Label | undefined {
    const key = sentence.suggestion?.label;
    return key ? this.labelsByKey.get(key) : undefined;
  }

  private renderTag(sentence: Sentence, label: Label | undefined, isSelected: boolean) {
    if (sentence.kind === 'boilerplate') return html`<span class="chip skipped">Not annotated</span>`;
    if (label) return html`<span class="chip tagged">${label.name}</span>`;
    const suggested = this.suggestedLabel(sentence);
    if (suggested) {
      return html`<span class="chip suggested" ${styleProperties({ '--suggestion-color': suggested.color })}
        >Suggested: ${suggested.name}${isSelected ? html` <kbd>a</kbd>` : null}</span
      >`;
    }
    return html`<span class="chip untagged">Untagged</span>`;
  }

  private renderRow(sentence: Sentence, index: number) {
    const labelKey = this.labelBySentence.get(sentence.id);
    const label = labelKey === undefined ? undefined : this.labelsByKey.get(labelKey);
    const isSelected = sentence.id === this.selectedId;
    const isBoilerplate = sentence.kind === 'boilerplate';
    const suggested = label || isBoilerplate ? undefined : this.suggestedLabel(sentence);
    const spokenLabel = isBoilerplate
      ? 'Not annotated'
      : (label?.name ?? (suggested ? `Untagged, suggested ${suggested.name}` : 'Untagged'));
    const isUnsaved = this.unsavedSentenceIds.has(sentence.id);
    const isConflicted = this.conflictSentenceIds.has(sentence.id);
    const spokenState = `${isUnsaved ? ', not saved' : ''}${isConflicted ? ', changed elsewhere' : ''}`;
    return html`
      <div
        role="option"
        id=${rowId(sentence.id)}
        class="row ${sentence.kind} ${isSelected ? `selected ${this.mode}` : ''}"
        data-sentence-id=${sentence.id}
        data-index=${index}
        aria-selected=${isSelected ? 'true' : 'false'}
        aria-disabled=${isBoilerplate ? 'true' : 'false'}
        aria-setsize=${Math.max(this.totalCount, this.sentences.length)}
        aria-posinset=${index + 1}
        ${styleProperties({ '--label-color': label?.color ?? 'transparent' })}
      >
        <span class="number" aria-hidden="true">${sentence.position + 1}</span>
        <span class="text" data-length=${sentence.text.length}>
          <span class="visually-hidden">${spokenLabel}${spokenState}: </span>
          ${sentence.kind === 'headline' ? html`<span class="kind">Headline<span class="visually-hidden">:</span></span>` : null}
          ${isSelected ? selectedSentenceText(sentence, this.selectedCues, this.pickedSpan, this.splitPoint) : sentence.text}
        </span>
        <span class="tag" aria-hidden="true">
          ${this.renderTag(sentence, label, isSelected)}
          ${isUnsaved ? html`<span class="unsaved">Not saved</span>` : null}
          ${isConflicted ? html`<span class="conflicted">Changed elsewhere</span>` : null}
        </span>
      </div>
    `;
  }

  /** Moves keyboard focus to the list, where the selection is announced. */
  override focus(options?: FocusOptions): void {
    // The list may not have rendered yet when a parent focuses it on arrival.
    void this.updateComplete.then(() => this.listbox.focus(options));
  }

  override render() {
    const { start, end } = this.range;
    const isSelectedRendered = this.selectedId !== null && this.rowIsRendered(this.selectedId);
    this.renderedSpacers = {
      top: this.heights.offsetOf(start),
      bottom: this.heights.totalHeight - this.heights.offsetOf(end),
    };
    return html`
      <div
        role="listbox"
        tabindex="0"
        aria-label="Sentences"
        aria-busy=${this.busy ? 'true' : 'false'}
        aria-activedescendant=${isSelectedRendered && this.selectedId ? rowId(this.selectedId) : nothing}
        @click=${this.handleClick}
        @mouseup=${this.handleMouseUp}
      >
        <div class="spacer" ${styleProperties({ '--spacer-height': `${this.renderedSpacers.top}px` })}></div>
        ${repeat(
          this.sentences.slice(start, end),
          (sentence) => sentence.id,
          (sentence, offset) => {
            const index = start + offset;
            // Re-render only the rows whose content changed: moving or tagging touches one or two.
            return guard(
              [
                sentence,
                index,
                this.totalCount,
                this.labelBySentence.get(sentence.id),
                sentence.id === this.selectedId,
                this.unsavedSentenceIds.has(sentence.id),
                this.conflictSentenceIds.has(sentence.id),
                this.labelsByKey,
                // Only the selected row shows cues, the caret and picked words.
                ...(sentence.id === this.selectedId
                  ? [this.mode, this.selectedCues, this.splitPoint, this.pickedSpan]
                  : []),
              ],
              () => this.renderRow(sentence, index),
            );
          },
        )}
        <div class="spacer" ${styleProperties({ '--spacer-height': `${this.renderedSpacers.bottom}px` })}></div>
      </div>
    `;
  }
}

/** A DOM position's offset in the sentence text, when it lies in one of the text's pieces. */
function offsetIn(node: Node, offset: number, text: HTMLElement): number | null {
  if (!text.contains(node)) return null;
  const element = node instanceof HTMLElement ? node : node.parentElement;
  const piece = element?.closest<HTMLElement>('[data-start]');
  if (!piece) return null;
  const start = Number(piece.dataset['start']);
  return node.nodeType === Node.TEXT_NODE
    ? start + offset
    : offset > 0
      ? Number(piece.dataset['end'])
      : start;
}

function rowId(sentenceId: string): string {
  return `sentence-${sentenceId}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-sentence-list': AttestSentenceList;
  }
}
