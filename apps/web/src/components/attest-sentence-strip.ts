// One square per sentence in reading order, coloured by its gold label, with a legend that
// counts each label and a sentence-by-sentence table.
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleProperties } from '../directives/style-properties.ts';
import { baseStyles, tableStyles } from '../styles/shared.ts';
import { reportFigureStyles } from './report-figure.styles.ts';
import { orderedLegend } from './report-format.ts';

/** One sentence of the strip. */
export interface StripCell {
  /** 0-based position in the document. */
  position: number;
  /** What the cell stands for in words: a label's name or why there is none. */
  name: string;
  color: string;
}

/**
 * @csspart figure - the figure holding the title, the strip, the legend and the table.
 */
@customElement('attest-sentence-strip')
export class AttestSentenceStrip extends LitElement {
  static override styles = [
    baseStyles,
    tableStyles,
    reportFigureStyles,
    css`
      .strip {
        display: flex;
        flex-wrap: wrap;
        gap: 2px;
        margin: 0.25rem 0 0.5rem;
      }
      .cell {
        width: 14px;
        height: 28px;
        border-radius: 2px;
        background: var(--swatch-color);
      }
      details {
        margin-top: 0.5rem;
      }
      summary {
        cursor: pointer;
        font-size: 0.875rem;
      }
    `,
  ];

  /** The strip's title. */
  @property() heading = '';
  /** The sentences, in reading order. */
  @property({ attribute: false }) cells: StripCell[] = [];
  /** Names in the order the legend lists them (the project's label order); others follow. */
  @property({ attribute: false }) legendOrder: readonly string[] = [];

  override render() {
    const legend = orderedLegend(this.cells, this.legendOrder);
    return html`<figure part="figure">
      <figcaption class="figure-title">${this.heading}</figcaption>
      <div class="strip" aria-hidden="true">
        ${this.cells.map(
          (cell) =>
            html`<span class="cell" title="Sentence ${cell.position + 1}: ${cell.name}" ${styleProperties({ '--swatch-color': cell.color })}></span>`,
        )}
      </div>
      <ul class="legend" aria-label="${this.heading}: legend">
        ${legend.map(
          (entry) =>
            html`<li><span class="swatch" ${styleProperties({ '--swatch-color': entry.color })}></span>${entry.name}: ${entry.count}</li>`,
        )}
      </ul>
      <details>
        <summary>Sentence by sentence</summary>
        <table>
          <caption>${this.heading}: table</caption>
          <thead><tr><th scope="col">Sentence</th><th scope="col">Gold label</th></tr></thead>
          <tbody>
            ${this.cells.map((cell) => html`<tr><td class="number">${cell.position + 1}</td><td>${cell.name}</td></tr>`)}
          </tbody>
        </table>
      </details>
    </figure>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-sentence-strip': AttestSentenceStrip;
  }
}
