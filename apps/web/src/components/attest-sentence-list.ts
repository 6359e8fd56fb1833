import type { CueSpan, Label, Sentence } from '@attest/core';
import { type VirtualizerHostElement, virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { styleProperties } from '../directives/style-properties.ts';
import { SentenceSelectEvent } from '../events/sentence-select-event.ts';
import { TextPickEvent } from '../events/text-pick-event.ts';
import { baseStyles } from '../styles/shared.ts';
import { type WordSpan, wordsOf } from './sentence-text.ts';

/** What the selected sentence's text is being used for. */
export type TextMode = 'browse' | 'split' | 'cue';

interface Piece extends WordSpan {
  isWord: boolean;
}

interface ShownCue extends WordSpan {
  kind: CueSpan['kind'];
  isAnalysts: boolean;
}

/**
 * A document's sentences as a single-select listbox: each row shows its label as a coloured
 * chip with the label's name. The selection is the listbox's active descendant, so screen
 * readers announce it while focus stays on the list. The list is virtualised: only the rows
 * near the viewport are in the DOM (plain elements in this one shadow root), each with
 * `aria-setsize`/`aria-posinset` so assistive technology still knows the whole document's size,
 * and the selected row is always among them, so long documents stay fast.
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
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      [role='listbox'] {
        padding: 0.35rem;
        border: 1px solid var(--attest-color-border);
        border-radius: 10px;
        background: var(--attest-color-surface);
        box-shadow: var(--attest-shadow);
      }
      /* Focus shows on the selected row (a strong ring) and as a tinted list border. */
      [role='listbox']:focus,
      [role='listbox']:focus-visible {
        outline: none;
        border-color: #84adff;
      }
      /* The virtualizer positions the rows absolutely in here, so they set their own width. */
      .rows {
        width: 100%;
      }
      .row {
        width: 100%;
        display: grid;
        grid-template-columns: 2.25rem minmax(0, 1fr) 13rem;
        gap: 0.75rem;
        align-items: start;
        padding: 0.6rem 0.75rem 0.6rem 0.5rem;
        border-left: 4px solid var(--label-color, transparent);
        border-radius: 6px;
        cursor: pointer;
        /* A row's layout and style stay inside it: the virtualizer adds, moves and measures rows
           on every scroll step, and none of that should lay out or restyle the rest. */
        contain: content;
        /* Room for the sticky header and toolbar when the row is scrolled into view. */
        scroll-margin-top: 12rem;
        scroll-margin-bottom: 1.5rem;
      }
      /* Every row has the same margin: the virtualizer renders any of them first. */
      .row {
        margin-bottom: 2px;
      }
      .row:hover {
        background: var(--attest-color-raised);
      }
      .row.selected {
        background: var(--attest-color-selected);
        box-shadow: inset 0 0 0 1px #84adff;
      }
      :focus > .row.selected {
        box-shadow: inset 0 0 0 2px #1570ef;
      }
      .number {
        padding-top: 0.1rem;
        color: var(--attest-color-subtle);
        font-size: 0.8rem;
        font-variant-numeric: tabular-nums;
        text-align: right;
      }
      .text {
        font-size: 1rem;
        line-height: 1.55;
      }
      mark {
        padding: 0 0.1em;
        border-radius: 3px;
        background: #fef0c7;
        color: inherit;
        box-shadow: inset 0 -2px 0 #f79009;
      }
      mark.analyst {
        background: #d1e9ff;
        box-shadow: inset 0 -2px 0 #1570ef;
      }
      .picked {
        background: #b2ddff;
        box-shadow: inset 0 -3px 0 #1570ef;
      }
      .split .text {
        user-select: none;
      }
      .split .after-split {
        color: #1849a9;
        text-decoration: underline dotted #1849a9;
        text-underline-offset: 3px;
      }
      .split [data-start] {
        cursor: text;
      }
      .caret {
        display: inline-block;
        width: 3px;
        height: 1.25em;
        margin: 0 2px;
        vertical-align: text-bottom;
        border-radius: 1px;
        background: #b42318;
        box-shadow: 0 0 0 1px #fff;
      }
      .kind {
        display: block;
        color: var(--attest-color-muted);
        font-size: 0.7rem;
        font-weight: 700;
        letter-spacing: 0.06em;
        text-transform: uppercase;
      }
      .headline .text {
        font-weight: 650;
        font-size: 1.05rem;
      }
      .boilerplate {
        cursor: default;
      }
      .boilerplate .text {
        color: var(--attest-color-subtle);
        font-style: italic;
        font-size: 0.9rem;
      }
      .chip {
        justify-self: end;
        display: inline-flex;
        align-items: center;
        gap: 0.35rem;
        max-width: 100%;
        padding: 0.15rem 0.55rem;
        border-radius: 999px;
        font-size: 0.8rem;
        font-weight: 600;
        line-height: 1.4;
        white-space: nowrap;
      }
      .chip.tagged {
        background: var(--label-color);
        color: #fff;
      }
      .chip.untagged {
        border: 1px dashed var(--attest-color-border-strong);
        color: var(--attest-color-muted);
        font-weight: 500;
      }
      .chip.suggested {
        border: 1px dashed var(--suggestion-color);
        border-radius: 12px;
        color: var(--suggestion-color);
        font-weight: 500;
        /* A long label name wraps rather than spilling out of the column. */
        white-space: normal;
        text-align: right;
      }
      .chip kbd {
        min-width: 1.2em;
        font-size: 0.7rem;
        line-height: 1.3;
      }
      .chip.skipped {
        color: var(--attest-color-subtle);
        font-weight: 500;
      }
      .unsaved {
        display: block;
        margin-top: 0.2rem;
        color: var(--attest-color-danger);
        font-size: 0.75rem;
        font-weight: 600;
        text-align: right;
      }
      .tag {
        display: flex;
        flex-direction: column;
        align-items: flex-end;
      }
      @media (max-width: 40rem) {
        .row {
          grid-template-columns: 1.75rem minmax(0, 1fr);
        }
        .tag {
          grid-column: 2;
          align-items: flex-start;
        }
      }
    `,
  ];

  @query('[role="listbox"]') private listbox!: HTMLElement;
  @query('.rows') private rows: VirtualizerHostElement | undefined;

  /** The document's sentences, in order. */
  @property({ attribute: false }) sentences: readonly Sentence[] = [];

  /** The project's labels, to show each sentence's label by name and colour. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  /** The analyst's label of each sentence, by sentence id (absent: untagged). */
  @property({ attribute: false }) labelBySentence: ReadonlyMap<string, string> = new Map();

  /** Sentences whose last change could not be saved. */
  @property({ attribute: false }) unsavedSentenceIds: ReadonlySet<string> = new Set();

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
  /** Each sentence's index in `sentences`, to scroll a row that is not rendered into view. */
  private indexBySentence = new Map<string, number>();
  /** False until the virtualizer has laid rows out; it cannot scroll to a row before. */
  private hasLaidOut = false;
  /** The selected sentence to bring into view once the virtualizer has rendered its row. */
  private sentenceAwaitingRows: string | null = null;
  /** Whether that row is a jump far from what was on screen, to be centred. */
  private isJumping = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('labels')) this.labelsByKey = new Map(this.labels.map((label) => [label.key, label]));
    if (changed.has('sentences')) {
      this.indexBySentence = new Map(this.sentences.map((sentence, index) => [sentence.id, index]));
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('selectedId') && this.selectedId) this.scrollToSelected(this.selectedId);
  }

  /**
   * Brings the selected row into view. A rendered row scrolls natively (keeping clear of the
   * sticky toolbar through its scroll margin). A row far away is not in the DOM: the virtualizer
   * renders the rows around it, and once they are in place the row scrolls natively, centred.
   * Before the virtualizer's first layout nothing can scroll: the row waits for it.
   */
  private scrollToSelected(sentenceId: string): void {
    const row = this.renderRoot.querySelector(`#${CSS.escape(rowId(sentenceId))}`);
    const index = this.indexBySentence.get(sentenceId);
    this.sentenceAwaitingRows = null;
    if (row) {
      row.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (index === undefined) return;
    this.sentenceAwaitingRows = sentenceId;
    this.isJumping = this.hasLaidOut;
    if (this.hasLaidOut) this.rows?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'center' });
  }

  /** The virtualizer rendered a new range of rows: the first time, it has laid out. */
  private handleRangeChange(): void {
    this.hasLaidOut = true;
    const sentenceId = this.sentenceAwaitingRows;
    if (sentenceId === null) return;
    // The rows of the new range render after this event.
    requestAnimationFrame(() => {
      if (sentenceId !== this.selectedId || sentenceId !== this.sentenceAwaitingRows) return;
      const row = this.renderRoot.querySelector(`#${CSS.escape(rowId(sentenceId))}`);
      if (!row) return;
      this.sentenceAwaitingRows = null;
      row.scrollIntoView({ block: this.isJumping ? 'center' : 'nearest' });
    });
  }

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

  /** The cues to mark: the analyst's, and the suggestion's where they do not overlap those. */
  private cuesToShow(sentence: Sentence): ShownCue[] {
    const relative = (cue: CueSpan, isAnalysts: boolean): ShownCue => ({
      start: cue.start - sentence.start,
      end: cue.end - sentence.start,
      kind: cue.kind,
      isAnalysts,
    });
    const analysts = this.selectedCues.map((cue) => relative(cue, true));
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
  private renderSelectedText(sentence: Sentence) {
    const { text } = sentence;
    const cues = this.cuesToShow(sentence);
    const words = wordsOf(text);
    const cuts = new Set([0, text.length]);
    for (const span of [...words, ...cues, ...(this.pickedSpan ? [this.pickedSpan] : [])]) {
      cuts.add(span.start).add(span.end);
    }
    if (this.splitPoint !== null) cuts.add(this.splitPoint);
    const edges = [...cuts].filter((cut) => cut >= 0 && cut <= text.length).sort((a, b) => a - b);
    const pieces: Piece[] = [];
    for (let index = 1; index < edges.length; index += 1) {
      const start = edges[index - 1]!;
      const end = edges[index]!;
      pieces.push({ start, end, isWord: words.some((word) => word.start <= start && end <= word.end) });
    }
    const renderPiece = (piece: Piece) => {
      const isPicked =
        this.pickedSpan !== null && piece.start >= this.pickedSpan.start && piece.end <= this.pickedSpan.end;
      const isAfterSplit = this.splitPoint !== null && piece.start >= this.splitPoint;
      return html`${piece.start === this.splitPoint ? html`<span class="caret" aria-hidden="true"></span>` : null}<span
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
      while (index < pieces.length && pieces[index]!.end <= cue.end)
        inside.push(renderPiece(pieces[index++]!));
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
    return html`
      <div
        role="option"
        id=${rowId(sentence.id)}
        class="row ${sentence.kind} ${isSelected ? `selected ${this.mode}` : ''}"
        data-sentence-id=${sentence.id}
        aria-selected=${isSelected ? 'true' : 'false'}
        aria-disabled=${isBoilerplate ? 'true' : 'false'}
        aria-setsize=${this.sentences.length}
        aria-posinset=${index + 1}
        ${styleProperties({ '--label-color': label?.color ?? 'transparent' })}
      >
        <span class="number" aria-hidden="true">${sentence.position + 1}</span>
        <span class="text" data-length=${sentence.text.length}>
          <span class="visually-hidden">${spokenLabel}${isUnsaved ? ', not saved' : ''}: </span>
          ${sentence.kind === 'headline' ? html`<span class="kind">Headline<span class="visually-hidden">:</span></span>` : null}
          ${isSelected ? this.renderSelectedText(sentence) : sentence.text}
        </span>
        <span class="tag" aria-hidden="true">
          ${this.renderTag(sentence, label, isSelected)}
          ${isUnsaved ? html`<span class="unsaved">Not saved</span>` : null}
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
    return html`
      <div
        role="listbox"
        tabindex="0"
        aria-label="Sentences"
        aria-activedescendant=${this.selectedId ? rowId(this.selectedId) : nothing}
        @click=${this.handleClick}
        @mouseup=${this.handleMouseUp}
      >
        <div class="rows" @rangeChanged=${this.handleRangeChange}>
          ${virtualize({
            // The directive reads the array; it never changes it.
            items: this.sentences as Sentence[],
            keyFunction: (sentence) => sentence.id,
            // Re-render only the rows whose content changed: moving or tagging touches one or two.
            renderItem: (sentence, index) =>
              html`${guard(
                [
                  sentence,
                  index,
                  this.sentences.length,
                  this.labelBySentence.get(sentence.id),
                  sentence.id === this.selectedId,
                  this.unsavedSentenceIds.has(sentence.id),
                  this.labelsByKey,
                  // Only the selected row shows cues, the caret and picked words.
                  ...(sentence.id === this.selectedId
                    ? [this.mode, this.selectedCues, this.splitPoint, this.pickedSpan]
                    : []),
                ],
                () => this.renderRow(sentence, index),
              )}`,
          })}
        </div>
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
