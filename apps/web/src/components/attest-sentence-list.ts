import type { Label, Sentence } from '@attest/core';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleProperties } from '../directives/style-properties.ts';
import { SentenceSelectEvent } from '../events/sentence-select-event.ts';
import { baseStyles } from '../styles/shared.ts';

/**
 * A document's sentences as a single-select listbox: each row shows its label as a coloured
 * chip with the label's name. The selection is the listbox's active descendant, so screen
 * readers announce it while focus stays on the list. Rows are plain elements in this one
 * shadow root (no element per sentence) and skip layout off-screen, so long documents stay fast.
 *
 * @fires attest-sentence-select - A sentence was clicked.
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
      .row {
        display: grid;
        grid-template-columns: 2.25rem minmax(0, 1fr) 11.5rem;
        gap: 0.75rem;
        align-items: start;
        padding: 0.6rem 0.75rem 0.6rem 0.5rem;
        border-left: 4px solid var(--label-color, transparent);
        border-radius: 6px;
        cursor: pointer;
        content-visibility: auto;
        contain-intrinsic-size: auto 3rem;
        /* Room for the sticky header and toolbar when the row is scrolled into view. */
        scroll-margin-top: 12rem;
        scroll-margin-bottom: 1.5rem;
      }
      .row + .row {
        margin-top: 2px;
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
        color: var(--suggestion-color);
        font-weight: 500;
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

  private labelsByKey = new Map<string, Label>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('labels')) this.labelsByKey = new Map(this.labels.map((label) => [label.key, label]));
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('selectedId') && this.selectedId) {
      this.renderRoot
        .querySelector(`#${CSS.escape(rowId(this.selectedId))}`)
        ?.scrollIntoView({ block: 'nearest' });
    }
  }

  private handleClick(event: MouseEvent): void {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="option"]');
    const sentenceId = row?.dataset['sentenceId'];
    if (!row || !sentenceId || row.getAttribute('aria-disabled') === 'true') return;
    this.dispatchEvent(new SentenceSelectEvent(sentenceId));
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

  /** The selected sentence's text with the suggestion's cue words marked, to explain it. */
  private renderTextWithCues(sentence: Sentence) {
    const cues = [...(sentence.suggestion?.cues ?? [])]
      .map((cue) => ({ start: cue.start - sentence.start, end: cue.end - sentence.start, kind: cue.kind }))
      .filter((cue) => cue.start >= 0 && cue.end <= sentence.text.length && cue.start < cue.end)
      .sort((a, b) => a.start - b.start);
    if (cues.length === 0) return sentence.text;
    const parts: unknown[] = [];
    let position = 0;
    for (const cue of cues) {
      if (cue.start < position) continue;
      parts.push(sentence.text.slice(position, cue.start));
      parts.push(
        html`<mark title="Cue: ${cue.kind.replace('_', ' ')}">${sentence.text.slice(cue.start, cue.end)}</mark>`,
      );
      position = cue.end;
    }
    parts.push(sentence.text.slice(position));
    return parts;
  }

  private renderRow(sentence: Sentence) {
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
        class="row ${sentence.kind} ${isSelected ? 'selected' : ''}"
        data-sentence-id=${sentence.id}
        aria-selected=${isSelected ? 'true' : 'false'}
        aria-disabled=${isBoilerplate ? 'true' : 'false'}
        ${styleProperties({ '--label-color': label?.color ?? 'transparent' })}
      >
        <span class="number" aria-hidden="true">${sentence.position + 1}</span>
        <span class="text">
          <span class="visually-hidden">${spokenLabel}${isUnsaved ? ', not saved' : ''}: </span>
          ${sentence.kind === 'headline' ? html`<span class="kind">Headline<span class="visually-hidden">:</span></span>` : null}
          ${isSelected ? this.renderTextWithCues(sentence) : sentence.text}
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
      >
        ${repeat(
          this.sentences,
          (sentence) => sentence.id,
          // Re-render only the rows whose content changed: moving or tagging touches one or two.
          (sentence) =>
            guard(
              [
                sentence,
                this.labelBySentence.get(sentence.id),
                sentence.id === this.selectedId,
                this.unsavedSentenceIds.has(sentence.id),
                this.labelsByKey,
              ],
              () => this.renderRow(sentence),
            ),
        )}
      </div>
    `;
  }
}

function rowId(sentenceId: string): string {
  return `sentence-${sentenceId}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-sentence-list': AttestSentenceList;
  }
}
