// A matrix as a heatmap that is also its own table: every cell shows its number, shaded by size.
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleProperties } from '../directives/style-properties.ts';
import { baseStyles, tableStyles } from '../styles/shared.ts';
import { reportFigureStyles } from './report-figure.styles.ts';

/**
 * @csspart figure - the figure holding the title and the matrix.
 */
@customElement('attest-heatmap')
export class AttestHeatmap extends LitElement {
  static override styles = [
    baseStyles,
    tableStyles,
    reportFigureStyles,
    css`
      .matrix td {
        min-width: 4.5rem;
        border: 1px solid var(--attest-color-surface);
        background: rgb(21 112 239 / var(--cell-strength));
        text-align: center;
        font-variant-numeric: tabular-nums;
      }
      .corner {
        font-size: 0.75rem;
      }
    `,
  ];

  /** The heatmap's title. */
  @property() heading = '';
  /** Names of the rows and columns, in matrix order. */
  @property({ attribute: false }) categories: string[] = [];
  /** counts[row][column]. */
  @property({ attribute: false }) counts: number[][] = [];
  /** What the rows and columns are ("Analyst's label"), for the corner cell. */
  @property({ attribute: 'axis-name' }) axisName = '';

  override render() {
    const largest = Math.max(1, ...this.counts.flat());
    return html`<figure part="figure">
      <figcaption class="figure-title">${this.heading}</figcaption>
      <table class="matrix">
        <caption class="visually-hidden">${this.heading}</caption>
        <thead>
          <tr>
            <th scope="col" class="corner">${this.axisName}</th>
            ${this.categories.map((name) => html`<th scope="col">${name}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.categories.map(
            (name, row) => html`<tr>
              <th scope="row">${name}</th>
              ${this.categories.map((_, column) => {
                const count = this.counts[row]?.[column] ?? 0;
                const strength = count / largest;
                // Capped so that dark text stays readable on the darkest cell.
                return html`<td ${styleProperties({ '--cell-strength': (0.04 + strength * 0.56).toFixed(2) })}>${formatCount(count)}</td>`;
              })}
            </tr>`,
          )}
        </tbody>
      </table>
    </figure>`;
  }
}

/** Counts split over two cells may be halves. */
function formatCount(count: number): string {
  return Number.isInteger(count) ? String(count) : count.toFixed(1);
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-heatmap': AttestHeatmap;
  }
}
