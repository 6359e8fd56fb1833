import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleProperties } from '../directives/style-properties.ts';

/** A labelled progress bar with its count as text: "3 of 7 tagged". */
@customElement('attest-progress')
export class AttestProgress extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      align-items: center;
      gap: 0.6rem;
      font-size: 0.85rem;
      color: var(--attest-color-muted);
    }
    .track {
      flex: 1;
      min-width: 4rem;
      height: 0.5rem;
      border-radius: 999px;
      background: #e4e7ec;
      overflow: hidden;
    }
    .fill {
      width: var(--progress-width);
      height: 100%;
      border-radius: inherit;
      background: var(--attest-color-success);
      transition: width 150ms ease-out;
    }
    .text {
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .complete {
      color: var(--attest-color-success);
      font-weight: 600;
    }
  `;

  /** How many are done. */
  @property({ type: Number }) value = 0;

  /** How many there are in all. */
  @property({ type: Number }) max = 0;

  /** What the bar measures, for assistive technology. */
  @property() label = 'Progress';

  override render() {
    const ratio = this.max > 0 ? Math.min(1, this.value / this.max) : 0;
    const text = `${this.value} of ${this.max} tagged`;
    return html`
      <div
        class="track"
        role="progressbar"
        aria-label=${this.label}
        aria-valuemin="0"
        aria-valuemax=${this.max}
        aria-valuenow=${this.value}
        aria-valuetext=${text}
      >
        <div class="fill" ${styleProperties({ '--progress-width': `${(ratio * 100).toFixed(1)}%` })}></div>
      </div>
      <span class="text ${this.max > 0 && this.value >= this.max ? 'complete' : ''}" aria-hidden="true">${text}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-progress': AttestProgress;
  }
}
