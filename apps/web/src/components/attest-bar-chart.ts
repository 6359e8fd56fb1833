// A horizontal bar chart (stacked when bars have several series), drawn by Observable Plot,
// with a legend in words and the same figures as a table.
import * as Plot from '@observablehq/plot';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { styleProperties } from '../directives/style-properties.ts';
import { baseStyles, tableStyles } from '../styles/shared.ts';
import { reportFigureStyles } from './report-figure.styles.ts';
import { inOrder } from './report-format.ts';

/** One bar, or one stacked piece of a bar. */
export interface BarSegment {
  /** The bar's name (a label, a document, a day). */
  group: string;
  /** The piece's name within a stacked bar; the same as `group` for simple bars. */
  series: string;
  value: number;
  color: string;
}

/**
 * @csspart figure - the figure holding the title, the chart, the legend and the table.
 */
@customElement('attest-bar-chart')
export class AttestBarChart extends LitElement {
  static override styles = [baseStyles, tableStyles, reportFigureStyles, css``];

  /** Absent while there is nothing to chart. */
  @query('.plot') private plotContainer!: HTMLDivElement | null;

  /** The chart's title, shown above it and naming its table. */
  @property() heading = '';
  /** The bars, in display order. */
  @property({ attribute: false }) segments: BarSegment[] = [];
  /** What the values count, for the axis and the table ("Sentences"). */
  @property({ attribute: 'value-name' }) valueName = 'Sentences';
  /** The table's heading for the groups ("Label", "Document"). */
  @property({ attribute: 'group-name' }) groupName = 'Label';
  /**
   * Series names in the order of the legend and the table's columns, so charts of one page agree
   * whatever their first bar holds; series not named follow in their order of appearance.
   */
  @property({ attribute: false }) seriesOrder: readonly string[] = [];

  private groups(): string[] {
    return [...new Set(this.segments.map((segment) => segment.group))];
  }

  private series(): { name: string; color: string }[] {
    const seen = new Map<string, string>();
    for (const segment of this.segments)
      if (!seen.has(segment.series)) seen.set(segment.series, segment.color);
    return inOrder(
      [...seen].map(([name, color]) => ({ name, color })),
      this.seriesOrder,
    );
  }

  private isStacked(): boolean {
    return this.segments.some((segment) => segment.series !== segment.group);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('segments') && !changed.has('valueName')) return;
    const groups = this.groups();
    const container = this.plotContainer;
    // With no bars the template says so instead of holding a plot.
    if (!container || groups.length === 0) {
      container?.replaceChildren();
      return;
    }
    const isStacked = this.isStacked();
    const largestBar = Math.max(
      ...groups.map((group) =>
        this.segments
          .filter((segment) => segment.group === group)
          .reduce((sum, segment) => sum + segment.value, 0),
      ),
    );
    const chart = Plot.plot({
      // As wide as the figure when it is drawn, so the text is not scaled down.
      width: Math.max(360, Math.min(container.clientWidth || 680, 900)),
      height: groups.length * 30 + 50,
      marginBottom: 34,
      marginLeft: 200,
      marginRight: 40,
      style: { fontSize: '12px', background: 'transparent' },
      // Counts: whole-number ticks only, at most eight of them.
      // All zeros (nothing gold yet) keeps a 0–1 axis: an empty domain would draw zero bars full width.
      x: {
        label: this.valueName,
        grid: true,
        domain: [0, Math.max(1, largestBar)],
        ticks: Math.max(1, Math.min(8, largestBar)),
        tickFormat: 'd',
      },
      y: { label: null, domain: groups, tickFormat: (name: string) => shorten(name, 28) },
      color: { type: 'identity' },
      marks: [
        Plot.barX(this.segments, { x: 'value', y: 'group', fill: 'color', inset: 0.5 }),
        Plot.ruleX([0]),
        isStacked
          ? null
          : Plot.text(this.segments, {
              x: 'value',
              y: 'group',
              text: (segment: BarSegment) => String(segment.value),
              dx: 6,
              textAnchor: 'start',
            }),
      ],
    });
    chart.setAttribute('aria-hidden', 'true');
    container.replaceChildren(chart);
  }

  private renderTable() {
    const groups = this.groups();
    if (!this.isStacked())
      return html`<table>
        <caption>${this.heading}: table</caption>
        <thead><tr><th scope="col">${this.groupName}</th><th scope="col" class="number">${this.valueName}</th></tr></thead>
        <tbody>
          ${this.segments.map(
            (segment) =>
              html`<tr><th scope="row">${segment.group}</th><td class="number">${segment.value}</td></tr>`,
          )}
        </tbody>
      </table>`;
    const series = this.series();
    const countOf = (group: string, name: string) =>
      this.segments
        .filter((segment) => segment.group === group && segment.series === name)
        .reduce((sum, segment) => sum + segment.value, 0);
    return html`<table>
      <caption>${this.heading}: table</caption>
      <thead>
        <tr>
          <th scope="col">${this.groupName}</th>
          ${series.map((item) => html`<th scope="col" class="number">${item.name}</th>`)}
          <th scope="col" class="number">Total</th>
        </tr>
      </thead>
      <tbody>
        ${groups.map(
          (group) => html`<tr>
            <th scope="row">${group}</th>
            ${series.map((item) => html`<td class="number">${countOf(group, item.name)}</td>`)}
            <td class="number">${series.reduce((sum, item) => sum + countOf(group, item.name), 0)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    return html`<figure part="figure">
      <figcaption class="figure-title">${this.heading}</figcaption>
      ${
        this.segments.length === 0
          ? html`<p class="empty">Nothing to show yet.</p>`
          : html`
            <div class="plot"></div>
            ${
              this.isStacked()
                ? html`<ul class="legend" aria-label="Legend">
                    ${this.series().map(
                      (item) =>
                        html`<li><span class="swatch" ${styleProperties({ '--swatch-color': item.color })}></span>${item.name}</li>`,
                    )}
                  </ul>`
                : nothing
            }
            ${this.renderTable()}
          `
      }
    </figure>`;
  }
}

function shorten(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-bar-chart': AttestBarChart;
  }
}
