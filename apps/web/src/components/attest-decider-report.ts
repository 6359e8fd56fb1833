import type { SuggestionModelStatus } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { baseStyles, tableStyles } from '../styles/shared.ts';
import { errorMessage, formatDate, formatUtcDay, plural } from './format.ts';
import { formatShare } from './report-format.ts';

const deciderNames = { rules: 'Rules', model: "Project's model" } as const;

/**
 * The project report's learned-suggestions section: which model the project serves (or that
 * rules alone decide), and per week how many labels were saved with a suggestion of each
 * decider shown and how many accepted it.
 */
@customElement('attest-decider-report')
export class AttestDeciderReport extends LitElement {
  static override styles = [
    baseStyles,
    tableStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  /** The project's slug. */
  @property() slug = '';

  private readonly statusTask = new Task(this, {
    task: async ([slug], { signal }) => this.api.getSuggestionModel(slug, signal),
    args: () => [this.slug] as const,
  });

  private renderModel(status: SuggestionModelStatus) {
    const { model } = status;
    const gold = plural(status.goldSentences, 'gold sentence');
    if (!model)
      return html`<p>
        Rules alone decide: no model has been trained yet (the project has ${gold}; the model decides once it has
        learned from ${status.minGoldSentences}).
      </p>`;
    const trained = `Model version ${model.version}, trained ${formatDate(model.trainedAt)} on ${plural(model.goldSentences, 'gold sentence')}`;
    return html`<p>
      ${trained}${
        model.decides
          ? `: it decides the suggestions it is at least ${Math.round(status.minProbability * 100)}% sure of, the rules the rest.`
          : `: rules alone decide until a model has learned from ${status.minGoldSentences}.`
      }
      The project has ${gold} now; it retrains after every ${status.retrainAfterGoldLabels} new adjudications.
    </p>`;
  }

  private renderWeeks(status: SuggestionModelStatus) {
    if (status.acceptedByDecider.length === 0)
      return html`<p>No label has been saved with a suggestion shown yet.</p>`;
    return html`
      <table>
        <caption>Suggestions accepted per decider, by the week the label was saved</caption>
        <thead>
          <tr>
            <th scope="col">Week of</th>
            <th scope="col">Decided by</th>
            <th scope="col" class="number">Accepted</th>
            <th scope="col" class="number">Shown with a saved label</th>
            <th scope="col" class="number">Share accepted</th>
          </tr>
        </thead>
        <tbody>
          ${status.acceptedByDecider.map(
            (row) => html`<tr>
              <th scope="row">${formatUtcDay(row.week)}</th>
              <td>${deciderNames[row.decider]}</td>
              <td class="number">${row.accepted}</td>
              <td class="number">${row.shown}</td>
              <td class="number">${formatShare(row.shown === 0 ? null : row.accepted / row.shown)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    `;
  }

  override render() {
    return this.statusTask.render({
      pending: () => html`<p>Loading the suggestion model…</p>`,
      error: (error) => html`<p role="alert">${errorMessage(error)}</p>`,
      complete: (status) => html`${this.renderModel(status)} ${this.renderWeeks(status)}`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-decider-report': AttestDeciderReport;
  }
}
