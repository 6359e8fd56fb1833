import type { DocumentReport, GoldStatus } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, buttonStyles, pageStyles, tableStyles } from '../styles/shared.ts';
import type { BarSegment } from './attest-bar-chart.ts';
import type { StripCell } from './attest-sentence-strip.ts';
import { cueKindNames } from './cue-kinds.ts';
import { formatUtcDay, plural } from './format.ts';
import { downloadReport, PrintChromeController } from './report-export.ts';
import {
  compositionEntry,
  compositionKeys,
  compositionNames,
  formatCoefficient,
  formatShare,
  slugify,
} from './report-format.ts';
import { reportPageStyles } from './report-page.styles.ts';
import { reportActionsTemplate, reportTaskTemplate } from './report-templates.ts';
import './attest-bar-chart.ts';
import './attest-sentence-strip.ts';
import { breadcrumbsTemplate } from './page-templates.ts';

interface DocumentReportData {
  report: DocumentReport;
  projectName: string;
  projectSlug: string;
  /** Analysts' names by user id, for the agreement of each pair. */
  analystNames: Map<string, string>;
}

/** What one document rests on: gold-label composition, sources, chains, cue words, agreement. */
@customElement('attest-document-report-page')
export class AttestDocumentReportPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, tableStyles, reportPageStyles];

  protected readonly page = new PageController(this, {
    title: () => {
      const title = this.reportTask.value?.report.document.title;
      return title ? `Report: ${title}` : 'Document report';
    },
  });

  protected readonly printChrome = new PrintChromeController(this);

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @query('article') private article: HTMLElement | undefined;

  /** The id of the document reported on. */
  @property() documentId = '';

  private readonly reportTask = new Task(this, {
    task: async ([id], { signal }): Promise<DocumentReportData> => {
      const [report, detail, review] = await Promise.all([
        this.api.getDocumentReport(id, signal),
        this.api.getDocument(id, signal),
        this.api.getReviewWithAdjudications(id, signal),
      ]);
      const projectSlug = detail.document.projectSlug;
      const projectName = await this.api.getProject(projectSlug, signal).then((project) => project.name);
      const analystNames = new Map(review.annotations.map((item) => [item.annotatorId, item.annotatorName]));
      return { report, projectName, projectSlug, analystNames };
    },
    args: () => [this.documentId] as const,
  });

  private download(report: DocumentReport): void {
    if (!this.article) return;
    downloadReport(
      this.article,
      `Report: ${report.document.title}`,
      `report-${slugify(report.document.title)}`,
    );
  }

  private renderReview(data: DocumentReportData) {
    const { report } = data;
    const nameOf = (id: string) => data.analystNames.get(id) ?? 'Former member';
    const statusCount = (status: GoldStatus) => report.statuses[status] ?? 0;
    return html`
      <dl class="figures">
        <div><dt>Sentences</dt><dd>${report.strip.length}</dd></div>
        <div><dt>Analysts disagreed on</dt><dd>${report.disagreements}</dd></div>
        <div><dt>Settled by a reviewer</dt><dd>${statusCount('adjudicated')}</dd></div>
        <div><dt>Analysts agree</dt><dd>${statusCount('agreed')}</dd></div>
        <div><dt>Still disputed</dt><dd>${statusCount('disputed')}</dd></div>
      </dl>
      ${
        report.labelsPerAnalyst.length
          ? html`<table>
              <caption>Sentences each analyst gave each label</caption>
              <thead>
                <tr>
                  <th scope="col">Analyst</th>
                  ${report.labels.map((label) => html`<th scope="col" class="number">${label.name}</th>`)}
                  <th scope="col" class="number">Total</th>
                </tr>
              </thead>
              <tbody>
                ${report.labelsPerAnalyst.map(
                  (analyst) => html`<tr>
                    <th scope="row">${nameOf(analyst.annotatorId)}</th>
                    ${report.labels.map((label) => html`<td class="number">${analyst.counts[label.key] ?? 0}</td>`)}
                    <td class="number">${Object.values(analyst.counts).reduce((sum, count) => sum + count, 0)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : html`<p class="note">Nobody has labelled this document yet.</p>`
      }
    `;
  }

  private renderAgreement(data: DocumentReportData) {
    const { agreement } = data.report;
    const nameOf = (id: string) => data.analystNames.get(id) ?? 'Former member';
    return html`
      <dl class="figures">
        <div><dt>Analysts</dt><dd>${agreement.coders}</dd></div>
        <div><dt>Sentences with two or more labels</dt><dd>${agreement.pairableUnits}</dd></div>
        <div><dt>Percent agreement (pairwise)</dt><dd>${formatShare(agreement.percentAgreement.pairwise)}</dd></div>
        <div><dt>Unanimous sentences</dt><dd>${formatShare(agreement.percentAgreement.unanimous)}</dd></div>
        <div><dt>Mean Cohen's κ</dt><dd>${formatCoefficient(agreement.cohensKappa.meanKappa)}</dd></div>
        <div><dt>Fleiss' κ</dt><dd>${formatCoefficient(agreement.fleissKappa.kappa)}</dd></div>
        <div><dt>Krippendorff's α</dt><dd>${formatCoefficient(agreement.krippendorffAlpha.alpha)}</dd></div>
      </dl>
      ${
        agreement.cohensKappa.pairs.length
          ? html`<table>
              <caption class="visually-hidden">Cohen's kappa for each pair of analysts</caption>
              <thead>
                <tr>
                  <th scope="col">Pair of analysts</th>
                  <th scope="col" class="number">Sentences both labelled</th>
                  <th scope="col" class="number">Agreement</th>
                  <th scope="col" class="number">Cohen's κ</th>
                </tr>
              </thead>
              <tbody>
                ${agreement.cohensKappa.pairs.map(
                  (pair) => html`<tr>
                    <td>${nameOf(pair.confusion.rowCoder)} and ${nameOf(pair.confusion.columnCoder)}</td>
                    <td class="number">${pair.confusion.units}</td>
                    <td class="number">${formatShare(pair.observedAgreement)}</td>
                    <td class="number">${formatCoefficient(pair.kappa)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
          : nothing
      }
      <p class="note">
        Krippendorff's α is the figure to report (missing labels allowed); rely on α ≥ 0.80. See the
        agreement notes in the documentation.
      </p>
    `;
  }

  private renderReport(data: DocumentReportData) {
    const { report } = data;
    const { document } = report;
    const composition: BarSegment[] = compositionKeys(report.labels)
      .filter((key) => report.labels.some((label) => label.key === key) || (report.composition[key] ?? 0) > 0)
      .map((key) => {
        const entry = compositionEntry(key, report.labels);
        return {
          group: entry.name,
          series: entry.name,
          value: report.composition[key] ?? 0,
          color: entry.color,
        };
      });
    const legendOrder = compositionNames(report.labels);
    const cells: StripCell[] = report.strip.map((row) => ({
      position: row.position,
      ...compositionEntry(row.gold ?? `(${row.status})`, report.labels),
    }));
    const sources: BarSegment[] = report.sources.map((row) => ({
      group: row.source,
      series: row.source,
      value: row.count,
      color: '#1849a9',
    }));
    const published = formatUtcDay(document.publishedAt);
    return html`
      ${breadcrumbsTemplate([
        { href: `/projects/${data.projectSlug}`, text: data.projectName },
        { href: `/documents/${document.id}`, text: document.title },
        { text: 'Report' },
      ])}
      <article>
        <h1 tabindex="-1">Report: ${document.title}</h1>
        <p class="lede">
          ${[document.outlet, published].filter(Boolean).join(' · ')}${document.outlet || published ? ' · ' : ''}${plural(report.strip.length, 'sentence')}
          · ${data.projectName}
        </p>
        ${reportActionsTemplate(
          () => this.download(report),
          html`<a class="button small no-export" href="/documents/${document.id}/review">Open the review</a>`,
        )}
        <div class="sections">
          <section class="panel" aria-labelledby="composition-heading">
            <h2 id="composition-heading">Label composition</h2>
            <attest-bar-chart heading="Sentences per gold label" .segments=${composition}></attest-bar-chart>
          </section>
          <section class="panel" aria-labelledby="strip-heading">
            <h2 id="strip-heading">Sentences in order</h2>
            <attest-sentence-strip
              heading="Gold label of each sentence"
              .cells=${cells}
              .legendOrder=${legendOrder}
            ></attest-sentence-strip>
          </section>
          <section class="panel" aria-labelledby="sources-heading">
            <h2 id="sources-heading">Sources cited</h2>
            <attest-bar-chart
              heading="Times each source was cited"
              group-name="Source"
              value-name="Citations"
              .segments=${sources}
            ></attest-bar-chart>
          </section>
          <section class="panel" aria-labelledby="chains-heading">
            <h2 id="chains-heading">Attribution chains</h2>
            ${
              report.chains.length
                ? html`<table>
                    <caption class="visually-hidden">Attribution chains, as analysts recorded them and as suggested</caption>
                    <thead>
                      <tr>
                        <th scope="col">Chain</th>
                        <th scope="col" class="number">Analysts' labels</th>
                        <th scope="col" class="number">Suggestions</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${report.chains.map(
                        (row) =>
                          html`<tr><td>${row.chain}</td><td class="number">${row.annotations}</td><td class="number">${row.suggestions}</td></tr>`,
                      )}
                    </tbody>
                  </table>
                  <p class="note">
                    Analysts' labels count each analyst's label of a sentence; suggestions count each
                    sentence once.
                  </p>`
                : html`<p class="note">No attribution chain recorded or suggested.</p>`
            }
          </section>
          <section class="panel" aria-labelledby="cues-heading">
            <h2 id="cues-heading">Cue words</h2>
            ${
              report.cues.length
                ? html`<table>
                    <caption class="visually-hidden">Cue words analysts marked, with the kinds they gave them</caption>
                    <thead><tr><th scope="col">Cue</th><th scope="col">Marked as</th><th scope="col" class="number">Times</th></tr></thead>
                    <tbody>
                      ${report.cues.map(
                        (row) =>
                          html`<tr><td>${row.text}</td><td>${row.kinds.map((kind) => cueKindNames[kind]).join(', ')}</td><td class="number">${row.count}</td></tr>`,
                      )}
                    </tbody>
                  </table>`
                : html`<p class="note">No cue words marked.</p>`
            }
          </section>
          <section class="panel wide" aria-labelledby="review-heading">
            <h2 id="review-heading">Labels and review</h2>
            ${this.renderReview(data)}
          </section>
          <section class="panel wide" aria-labelledby="agreement-heading">
            <h2 id="agreement-heading">Agreement between analysts</h2>
            ${this.renderAgreement(data)}
          </section>
        </div>
      </article>
    `;
  }

  override render() {
    return reportTaskTemplate(this.reportTask, 'Document report', (data) => this.renderReport(data));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-document-report-page': AttestDocumentReportPage;
  }
}
