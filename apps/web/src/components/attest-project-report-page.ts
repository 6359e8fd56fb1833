import type { GroupTotals, ProjectReport, ReportLabel } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, buttonStyles, pageStyles, tableStyles } from '../styles/shared.ts';
import type { BarSegment } from './attest-bar-chart.ts';
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
import './attest-claims-report.ts';
import './attest-decider-report.ts';
import './attest-heatmap.ts';
import { breadcrumbsTemplate } from './page-templates.ts';

interface ProjectReportData {
  report: ProjectReport;
  /** Document titles by id, for the composition per document. */
  titles: Map<string, string>;
}

/** The most document pages fetched for titles; a larger project shows ids beyond them. */
const titlePages = 20;

/**
 * What a whole project rests on: composition per document and over time, KCNA's share per
 * outlet, sources, how analysts confuse labels, their progress, and how good the suggestions are.
 */
@customElement('attest-project-report-page')
export class AttestProjectReportPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, tableStyles, reportPageStyles];

  protected readonly page = new PageController(this, {
    title: () => {
      const name = this.reportTask.value?.report.project.name;
      return name ? `Report: ${name}` : 'Project report';
    },
  });

  protected readonly printChrome = new PrintChromeController(this);

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @query('article') private article: HTMLElement | undefined;

  /** The slug of the project reported on. */
  @property() slug = '';

  private readonly reportTask = new Task(this, {
    task: async ([slug], { signal }): Promise<ProjectReportData> => {
      const report = await this.api.getProjectReport(slug, signal);
      const titles = new Map<string, string>();
      let cursor: string | null = null;
      for (let page = 0; page < titlePages; page++) {
        const documents = await this.api.listDocuments(slug, cursor, signal);
        for (const document of documents.items) titles.set(document.id, document.title);
        cursor = documents.nextCursor;
        if (!cursor) break;
      }
      return { report, titles };
    },
    args: () => [this.slug] as const,
  });

  private download(report: ProjectReport): void {
    if (!this.article) return;
    downloadReport(this.article, `Report: ${report.project.name}`, `report-${slugify(report.project.slug)}`);
  }

  private labelName(key: string, labels: readonly ReportLabel[]): string {
    return labels.find((label) => label.key === key)?.name ?? key;
  }

  private renderAnalysts(report: ProjectReport) {
    const total = (count: (analyst: ProjectReport['analysts'][number]) => number) =>
      report.analysts.reduce((sum, analyst) => sum + count(analyst), 0);
    const unrecorded = total((analyst) => analyst.unrecorded);
    const recorded = total((analyst) => analyst.labelled) - unrecorded;
    const accepted = total((analyst) => analyst.acceptedSuggestions);
    const typed = total((analyst) => analyst.choseSuggestedLabel);
    const other = total((analyst) => analyst.choseOtherLabel);
    const progress: BarSegment[] = report.analysts.map((analyst) => ({
      group: analyst.name,
      series: analyst.name,
      value: analyst.labelled,
      color: '#1849a9',
    }));
    return html`
      <attest-bar-chart
        heading="Sentences labelled per analyst"
        group-name="Analyst"
        .segments=${progress}
      ></attest-bar-chart>
      ${
        // With no analyst there is no row: the chart above already says there is nothing to show.
        report.analysts.length === 0
          ? nothing
          : html`<table>
        <caption class="visually-hidden">Progress, suggestion acceptance and agreement with gold per analyst</caption>
        <thead>
          <tr>
            <th scope="col">Analyst</th>
            <th scope="col" class="number">Documents assigned</th>
            <th scope="col" class="number">Sentences labelled</th>
            <th scope="col" class="number">Accepted with <kbd>a</kbd></th>
            <th scope="col" class="number">Chose the suggested label</th>
            <th scope="col" class="number">Agreement with gold</th>
          </tr>
        </thead>
        <tbody>
          ${report.analysts.map(
            (analyst) => html`<tr>
              <th scope="row">${analyst.name}</th>
              <td class="number">${analyst.assigned}</td>
              <td class="number">${analyst.labelled}</td>
              <td class="number">${analyst.acceptedSuggestions} (${formatShare(analyst.acceptanceRate)})</td>
              <td class="number">${analyst.choseSuggestedLabel}</td>
              <td class="number">${analyst.matchingGold} of ${analyst.withGold} (${formatShare(analyst.agreementWithGold)})</td>
            </tr>`,
          )}
        </tbody>
      </table>`
      }
      <p class="note">
        Of ${recorded} labels whose relation to the suggestion shown was recorded, ${accepted}
        (${formatShare(recorded ? accepted / recorded : null)}) accepted it with <kbd>a</kbd>,
        ${typed} chose the suggested label by hand and ${other} chose another label${
          unrecorded ? html`; ${unrecorded} older labels were saved before Attest recorded this` : ''
        }.
        Only labels on documents assigned to each analyst count; an owner's or reviewer's own
        labels are left out, and nobody's label is compared with a gold label they decided.
      </p>
    `;
  }

  private renderSuggestions(report: ProjectReport) {
    const names = report.suggestions.categories.map((key) => this.labelName(key, report.labels));
    return html`
      <attest-heatmap
        heading="Suggested label (rows) against gold label (columns)"
        axis-name="Suggested ↓ · Gold →"
        .categories=${names}
        .counts=${report.suggestions.counts}
      ></attest-heatmap>
      <table>
        <caption>Precision and recall of the suggestions against gold, per label</caption>
        <thead>
          <tr>
            <th scope="col">Label</th>
            <th scope="col" class="number">Precision</th>
            <th scope="col" class="number">Recall</th>
            <th scope="col" class="number">Gold sentences</th>
          </tr>
        </thead>
        <tbody>
          ${report.suggestions.perLabel.map(
            (row) => html`<tr>
              <th scope="row">${this.labelName(row.label, report.labels)}</th>
              <td class="number">${formatShare(row.precision)}</td>
              <td class="number">${formatShare(row.recall)}</td>
              <td class="number">${row.support}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  private renderReport(data: ProjectReportData) {
    const { report } = data;
    const titleOf = (group: string | null) =>
      group ? (data.titles.get(group) ?? `Document ${group.slice(0, 8)}`) : '(no document)';
    // By title: the API's order is the documents' ids, which means nothing to a reader.
    const byDocument = compositionSegments(
      [...report.byDocument].sort((a, b) => titleOf(a.group).localeCompare(titleOf(b.group))),
      report.labels,
      titleOf,
    );
    const byDate = compositionSegments(
      [...report.byPublicationDate].sort((a, b) => (a.group ?? '9999').localeCompare(b.group ?? '9999')),
      report.labels,
      (group) => (group ? formatUtcDay(group) : '(no date)'),
    );
    // The labels as configured, then the statuses: one legend order for both composition charts.
    const compositionOrder = compositionNames(report.labels);
    const kcna = report.labels.find((label) => label.key === 'kcna_claim');
    const outlets: BarSegment[] = report.kcnaShareByOutlet.flatMap((row) => [
      { group: row.outlet, series: 'KCNA claims', value: row.kcnaClaims, color: kcna?.color ?? '#b42318' },
      {
        group: row.outlet,
        series: 'Other gold labels',
        value: row.labelled - row.kcnaClaims,
        color: '#98a2b3',
      },
    ]);
    const sources: BarSegment[] = report.sources.map((row) => ({
      group: row.source,
      series: row.source,
      value: row.count,
      color: '#1849a9',
    }));
    const confusionNames = report.analystConfusion.categories.map((key) =>
      this.labelName(key, report.labels),
    );
    return html`
      ${breadcrumbsTemplate([
        { href: `/projects/${report.project.slug}`, text: report.project.name },
        { text: 'Report' },
      ])}
      <article>
        <h1 tabindex="-1">Report: ${report.project.name}</h1>
        <p class="lede">Gold labels are the reviewers' decisions, or the analysts' unanimous label.</p>
        ${reportActionsTemplate(() => this.download(report))}
        <div class="sections">
          <section class="panel wide" aria-labelledby="documents-heading">
            <h2 id="documents-heading">Composition per document</h2>
            <attest-bar-chart
              heading="Sentences per gold label in each document"
              group-name="Document"
              .segments=${byDocument}
              .seriesOrder=${compositionOrder}
            ></attest-bar-chart>
          </section>
          <section class="panel wide" aria-labelledby="dates-heading">
            <h2 id="dates-heading">Composition over time</h2>
            <attest-bar-chart
              heading="Sentences per gold label by publication date"
              group-name="Published"
              .segments=${byDate}
              .seriesOrder=${compositionOrder}
            ></attest-bar-chart>
          </section>
          <section class="panel" aria-labelledby="outlets-heading">
            <h2 id="outlets-heading">KCNA claims per outlet</h2>
            <attest-bar-chart
              heading="KCNA claims among the sentences with a gold label"
              group-name="Outlet"
              .segments=${outlets}
            ></attest-bar-chart>
            <table>
              <caption class="visually-hidden">Share of KCNA claims per outlet</caption>
              <thead><tr><th scope="col">Outlet</th><th scope="col" class="number">Share of KCNA claims</th></tr></thead>
              <tbody>
                ${report.kcnaShareByOutlet.map(
                  (row) =>
                    html`<tr><th scope="row">${row.outlet}</th><td class="number">${formatShare(row.share)}</td></tr>`,
                )}
              </tbody>
            </table>
          </section>
          <section class="panel" aria-labelledby="sources-heading">
            <h2 id="sources-heading">Sources</h2>
            <attest-bar-chart
              heading="Times each source was cited"
              group-name="Source"
              value-name="Citations"
              .segments=${sources}
            ></attest-bar-chart>
          </section>
          <section class="panel" aria-labelledby="confusion-heading">
            <h2 id="confusion-heading">Where analysts differ</h2>
            <attest-heatmap
              heading="One analyst's label against another's, same sentence"
              axis-name="Label ↓ · Label →"
              .categories=${confusionNames}
              .counts=${report.analystConfusion.counts}
            ></attest-heatmap>
            <p class="note">
              Scott's π over ${plural(report.analystConfusion.pairs, 'pair')} of labels:
              ${formatCoefficient(report.analystConfusion.scottsPi)}. Chance agreement comes from each
              label's share of all the labels in pairs, as a pair of analysts has no first and second.
              A pair of different labels counts half in each of its two cells.
            </p>
          </section>
          <section class="panel" aria-labelledby="analysts-heading">
            <h2 id="analysts-heading">Analysts</h2>
            ${this.renderAnalysts(report)}
          </section>
          <section class="panel wide" aria-labelledby="claims-heading">
            <h2 id="claims-heading">Claims across outlets</h2>
            <attest-claims-report .slug=${this.slug}></attest-claims-report>
          </section>
          <section class="panel wide" aria-labelledby="suggestions-heading">
            <h2 id="suggestions-heading">Suggestions against gold</h2>
            ${this.renderSuggestions(report)}
          </section>
          <section class="panel wide" aria-labelledby="deciders-heading">
            <h2 id="deciders-heading">Who decided the suggestions</h2>
            <attest-decider-report .slug=${this.slug}></attest-decider-report>
          </section>
        </div>
      </article>
    `;
  }

  override render() {
    return reportTaskTemplate(this.reportTask, 'Project report', (data) => this.renderReport(data));
  }
}

/** Stacked bars: one per group, one piece per gold label or status with sentences. */
function compositionSegments(
  groups: readonly GroupTotals[],
  labels: readonly ReportLabel[],
  groupName: (group: string | null) => string,
): BarSegment[] {
  const keys = compositionKeys(labels);
  return groups.flatMap((row) =>
    keys
      .filter((key) => (row.totals[key] ?? 0) > 0)
      .map((key) => {
        const entry = compositionEntry(key, labels);
        return {
          group: groupName(row.group),
          series: entry.name,
          value: row.totals[key] ?? 0,
          color: entry.color,
        };
      }),
  );
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-project-report-page': AttestProjectReportPage;
  }
}
