import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { styleProperties } from '../directives/style-properties.ts';

/**
 * A progress bar for a file going up or down, with what has moved as text. When the size is
 * unknown (a streamed export) the bar runs without an end and the text carries the news.
 */
@customElement('attest-transfer-progress')
export class AttestTransferProgress extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.4rem;
      font-size: 0.875rem;
    }
    .track {
      position: relative;
      height: 0.6rem;
      border-radius: 999px;
      background: #e4e7ec;
      overflow: hidden;
    }
    .fill {
      width: var(--transfer-width);
      height: 100%;
      border-radius: inherit;
      background: var(--attest-color-accent);
      transition: width 120ms ease-out;
    }
    .track.indeterminate .fill {
      position: absolute;
      width: 35%;
      animation: slide 1.2s ease-in-out infinite;
    }
    .track.done .fill {
      background: var(--attest-color-success);
    }
    @keyframes slide {
      from {
        left: -35%;
      }
      to {
        left: 100%;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .track.indeterminate .fill {
        left: 0;
        width: 100%;
        opacity: 0.45;
        animation: none;
      }
    }
    .text {
      color: var(--attest-color-text);
      font-variant-numeric: tabular-nums;
    }
  `;

  /** What is moving, for assistive technology: "Export download", "Upload". */
  @property() label = 'Transfer';

  /** Bytes moved so far. */
  @property({ type: Number }) value = 0;

  /** Bytes in all; 0 when unknown. */
  @property({ type: Number }) max = 0;

  /** Whether the transfer has finished. */
  @property({ type: Boolean, attribute: 'is-done' }) isDone = false;

  /** What has moved, in words: "1.2 MB · 3,400 rows". */
  @property() text = '';

  override render() {
    const isKnown = this.max > 0 || this.isDone;
    const ratio = this.isDone ? 1 : this.max > 0 ? Math.min(1, this.value / this.max) : 0;
    const state = this.isDone ? 'done' : isKnown ? '' : 'indeterminate';
    return html`
      <div
        class="track ${state}"
        role="progressbar"
        aria-label=${this.label}
        aria-valuemin="0"
        aria-valuemax="100"
        aria-valuenow=${ifDefined(isKnown ? Math.round(ratio * 100) : undefined)}
        aria-valuetext=${this.text}
      >
        <div class="fill" ${styleProperties({ '--transfer-width': `${(ratio * 100).toFixed(1)}%` })}></div>
      </div>
      <span class="text" aria-hidden="true">${this.text}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-transfer-progress': AttestTransferProgress;
  }
}
