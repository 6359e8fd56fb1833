import { type Claim, carrierOf, outletAttributions } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { baseStyles, tableStyles } from '../styles/shared.ts';
import type { BarSegment } from './attest-bar-chart.ts';
import './attest-bar-chart.ts';
import './attest-claim-linking-notice.ts';
import { errorMessage, formatUtcDay, plural } from './format.ts';

const attributedColor = '#1f5f99';
const unattributedColor = '#b35c00';

/** The words the claim's occurrences were matched on, most shared first: what tells two claims of one sentence apart. */
function claimWords(claim: Claim): string[] {
  const counts = new Map<string, number>();
  for (const occurrence of claim.occurrences)
    for (const word of occurrence.matchedWords) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts]
    .sort((first, second) => second[1] - first[1] || first[0].localeCompare(second[0]))
    .slice(0, 5)
    .map(([word]) => word);
}

/**
 * The project report's claims section: claims one outlet attributes to state media and
 * another prints as unattributed fact, and per outlet how often it relays state-media claims
 * with and without attribution, as a chart with the same figures in a table.
 */
@customElement('attest-claims-report')
export class AttestClaimsReport extends LitElement {
  static override styles = [
    baseStyles,
    tableStyles,
    css`
      :host {
        display: block;
      }
      h3 {
        font-size: 1rem;
      }
      th .about {
        margin-top: 0.2rem;
        color: var(--attest-color-muted);
        font-size: 0.8rem;
        font-weight: 400;
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  /** The project's slug. */
  @property() slug = '';

  private readonly claimsTask = new Task(this, {
    task: ([slug], { signal }) => this.api.getProjectClaims(slug, signal),
    args: () => [this.slug, this.revision] as const,
  });

  /** Bumped to load the claims again once the documents that waited are linked. */
  @state() private revision = 0;

  private renderDropped(claims: readonly Claim[]) {
    const dropped = claims.filter((claim) => claim.attributionDropped);
    if (dropped.length === 0) return html`<p>No claim lost its state-media attribution between outlets.</p>`;
    return html`
      <table>
        <caption>Claims with a dropped attribution</caption>
        <thead>
          <tr>
            <th scope="col">Claim (first appearance)</th>
            <th scope="col">Attributed to state media by</th>
            <th scope="col">Without attribution in</th>
          </tr>
        </thead>
        <tbody>
          ${dropped.map((claim, index) => {
            const outletsWith = (attribution: string) => [
              ...new Set(
                claim.occurrences
                  .filter((occurrence) => occurrence.attribution === attribution)
                  .map(carrierOf),
              ),
            ];
            const first = claim.firstOccurrence;
            // A lead carries several claims: rows that start from one sentence say which claim they are by its words.
            const sharesFirstSentence = dropped.some(
              (other, otherIndex) =>
                otherIndex !== index && other.firstOccurrence.sentenceId === first.sentenceId,
            );
            return html`<tr>
              <th scope="row">
                <a href="/projects/${this.slug}/claims/${claim.id}">${first.text}</a>
                <div class="about">${carrierOf(first)}${first.publishedAt ? `, ${formatUtcDay(first.publishedAt)}` : ''}</div>
                ${
                  sharesFirstSentence
                    ? html`<div class="about">One of the sentence's claims: ${claimWords(claim).join(', ')}</div>`
                    : ''
                }
              </th>
              <td>${outletsWith('kcna').join(', ')}</td>
              <td>${outletsWith('none').join(', ')}</td>
            </tr>`;
          })}
        </tbody>
      </table>
    `;
  }

  private renderOutlets(claims: readonly Claim[]) {
    const rows = outletAttributions(claims);
    const segments: BarSegment[] = rows.flatMap((row) => [
      { group: row.outlet, series: 'With attribution', value: row.attributed, color: attributedColor },
      { group: row.outlet, series: 'Without attribution', value: row.unattributed, color: unattributedColor },
    ]);
    return html`
      <attest-bar-chart
        heading="State-media claims each outlet relays, with and without attribution"
        group-name="Outlet"
        value-name="Claims"
        .segments=${segments}
      ></attest-bar-chart>
    `;
  }

  override render() {
    return this.claimsTask.render({
      pending: () => html`<p>Loading claims…</p>`,
      error: (error) => html`<p role="alert">${errorMessage(error)}</p>`,
      complete: ({ claims, linking }) => html`
        <attest-claim-linking-notice
          .slug=${this.slug}
          .waiting=${linking.waitingDocuments}
          @attest-claims-linked=${() => this.revision++}
        ></attest-claim-linking-notice>
        <p>${plural(claims.length, 'claim')} shared by two documents or more${linking.waitingDocuments > 0 ? ' among the documents linked so far' : ''}.</p>
        ${this.renderDropped(claims)} ${claims.length > 0 ? this.renderOutlets(claims) : ''}
      `,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-claims-report': AttestClaimsReport;
  }
}
