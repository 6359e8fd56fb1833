import type { Label } from '@attest/core';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleProperties } from '../directives/style-properties.ts';
import { LabelChangeEvent } from '../events/label-change-event.ts';
import { baseStyles } from '../styles/shared.ts';

/**
 * The project's labels as buttons, each with its colour, name, hotkey and count: the legend of
 * the colours and, with the mouse, the way to tag the selected sentence.
 *
 * @fires attest-label-change - A label button (label) or Clear (null) was pressed.
 */
@customElement('attest-label-legend')
export class AttestLabelLegend extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
      button {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
        min-height: 2.35rem;
        padding: 0.3rem 0.75rem 0.3rem 0.4rem;
        border: 1px solid var(--attest-color-border);
        border-radius: var(--attest-radius);
        background: var(--attest-color-surface);
        color: var(--attest-color-text);
        font: inherit;
        font-size: 0.875rem;
        font-weight: 600;
        cursor: pointer;
        box-shadow: 0 1px 2px rgb(16 24 40 / 5%);
      }
      button:hover:not(:disabled) {
        border-color: var(--label-color, var(--attest-color-border-strong));
        background: var(--attest-color-raised);
      }
      button[aria-pressed='true'] {
        border-color: var(--label-color);
        box-shadow: inset 0 0 0 1px var(--label-color);
        background: var(--attest-color-raised);
      }
      button:disabled {
        cursor: not-allowed;
        opacity: 0.55;
      }
      .key {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-width: 1.6rem;
        height: 1.6rem;
        padding: 0 0.35rem;
        border-radius: 4px;
        background: var(--label-color);
        color: #fff;
        font: 700 0.85rem/1 var(--attest-font-mono);
      }
      .clear .key {
        background: var(--attest-color-surface);
        color: var(--attest-color-text);
        border: 1px solid var(--attest-color-border-strong);
        font-size: 1rem;
      }
      .count {
        color: var(--attest-color-muted);
        font-weight: 400;
        font-variant-numeric: tabular-nums;
      }
      /*
       * On a phone the toolbar stays in view above the sentences, so it must stay short: the
       * labels go side by side in one row, each name under its key, without the counts
       * (the progress bar below still says how many sentences are tagged).
       */
      @media (max-width: 40rem) {
        .toolbar {
          display: grid;
          grid-template-columns: repeat(auto-fit, minmax(4.25rem, 1fr));
          gap: 0.35rem;
        }
        button {
          flex-direction: column;
          justify-content: center;
          gap: 0.2rem;
          min-height: 3.25rem;
          padding: 0.35rem 0.25rem;
          font-size: 0.75rem;
          line-height: 1.15;
          text-align: center;
        }
        .count {
          display: none;
        }
      }
    `,
  ];

  /** The project's labels, in order. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  /** How many sentences carry each label, by label key. */
  @property({ attribute: false }) counts: ReadonlyMap<string, number> = new Map();

  /** The selected sentence's label, shown as the pressed button. */
  @property({ attribute: false }) current: string | null = null;

  /** Whether the selected sentence takes a label (false for boilerplate or no selection). */
  @property({ type: Boolean }) disabled = false;

  private choose(label: string | null): void {
    this.dispatchEvent(new LabelChangeEvent(label));
  }

  override render() {
    return html`
      <div class="toolbar" role="group" aria-label="Labels: tag the selected sentence">
        ${this.labels.map(
          (label) => html`
            <button
              type="button"
              title=${label.description}
              aria-pressed=${this.current === label.key ? 'true' : 'false'}
              aria-keyshortcuts=${label.hotkey ?? ''}
              ?disabled=${this.disabled}
              ${styleProperties({ '--label-color': label.color })}
              @click=${() => this.choose(label.key)}
            >
              <span class="key" aria-hidden="true">${label.hotkey ?? '·'}</span>
              ${label.name}
              <span class="count"><span class="visually-hidden">, tagged </span>${this.counts.get(label.key) ?? 0}</span>
            </button>
          `,
        )}
        <button
          type="button"
          class="clear"
          aria-keyshortcuts="Backspace"
          ?disabled=${this.disabled || this.current === null}
          @click=${() => this.choose(null)}
        >
          <span class="key" aria-hidden="true">⌫</span>
          Clear
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-label-legend': AttestLabelLegend;
  }
}
