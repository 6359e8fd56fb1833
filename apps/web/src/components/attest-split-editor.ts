import type { Sentence } from '@attest/core';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SentenceActionEvent } from '../events/sentence-action-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';
import { modeBarStyles } from './mode-bar.styles.ts';

/** How much of each part the preview shows. */
const previewLength = 60;

/**
 * Split mode's bar: where the selected sentence will be split, as a preview of both parts, and
 * the buttons to split there or cancel. The split point itself is picked in the sentence text.
 *
 * @fires attest-sentence-action - Split here (split) or Cancel (cancel) was pressed.
 */
@customElement('attest-split-editor')
export class AttestSplitEditor extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    modeBarStyles,
    css`
      dl {
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: 0.2rem 0.5rem;
        margin: 0;
      }
      dt {
        color: var(--attest-color-muted);
        font-weight: 600;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** The sentence being split. */
  @property({ attribute: false }) sentence: Sentence | undefined;

  /** Where it will be split, relative to its text. */
  @property({ attribute: false }) splitPoint: number | null = null;

  /** True while the split is being saved. */
  @property({ type: Boolean }) busy = false;

  private act(action: 'split' | 'cancel'): void {
    this.dispatchEvent(new SentenceActionEvent(action));
  }

  override render() {
    const sentence = this.sentence;
    if (!sentence || this.splitPoint === null) return null;
    const first = sentence.text.slice(0, this.splitPoint).trim();
    const second = sentence.text.slice(this.splitPoint).trim();
    // Long parts are cut at a word: the end of the first part, the start of the second.
    const firstPreview =
      first.length > previewLength ? `…${first.slice(-previewLength).replace(/^\S*\s+/, '')}` : first;
    const secondPreview =
      second.length > previewLength ? `${second.slice(0, previewLength).replace(/\s+\S*$/, '')}…` : second;
    return html`
      <section role="group" aria-labelledby="split-heading">
        <h2 id="split-heading">Split sentence ${sentence.position + 1}</h2>
        <p class="hint">
          Move the split point with <kbd>←</kbd> <kbd>→</kbd>, word by word with <kbd>Ctrl</kbd>, or click between
          words in the sentence. Both parts keep the sentence's label.
        </p>
        <dl>
          <dt>First part</dt>
          <dd>${firstPreview}</dd>
          <dt>Second part</dt>
          <dd>${secondPreview}</dd>
        </dl>
        <div class="actions">
          <button class="button primary small" type="button" ?disabled=${this.busy} @click=${() => this.act('split')}>
            Split here <kbd aria-hidden="true">Enter</kbd>
          </button>
          <button class="button small" type="button" @click=${() => this.act('cancel')}>
            Cancel <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-split-editor': AttestSplitEditor;
  }
}
