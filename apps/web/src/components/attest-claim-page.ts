import type { Claim, ClaimLinking, Project } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, pageStyles } from '../styles/shared.ts';
import './attest-claim-linking-notice.ts';
import { carriedByText, formatPublishedTime, occurrenceFacts } from './format.ts';
import { breadcrumbsTemplate, loadErrorTemplate } from './page-templates.ts';

/** One claim's timeline: its occurrences by publication date, each with outlet and attribution. */
@customElement('attest-claim-page')
export class AttestClaimPage extends LitElement {
  static override styles = [
    baseStyles,
    pageStyles,
    css`
      ol.timeline {
        list-style: none;
        padding: 0;
        border-left: 3px solid var(--attest-color-border);
      }
      ol.timeline li {
        margin: 0 0 1rem;
        padding-left: 1rem;
      }
      time,
      .undated {
        font-weight: 600;
      }
      .meta {
        color: var(--attest-color-muted);
        font-size: 0.9rem;
      }
    `,
  ];

  protected readonly page = new PageController(this, { title: () => 'Claim timeline' });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  /** The project's slug. */
  @property() slug = '';

  /** The claim's id. */
  @property() claimId = '';

  /** Bumped to load the claim again once the documents that waited are linked. */
  @state() private revision = 0;

  private readonly claimTask = new Task(this, {
    task: async ([slug, claimId], { signal }) => {
      const [claim, linking, project] = await Promise.all([
        this.api.getProjectClaim(slug, claimId, signal),
        this.api.getClaimLinking(slug, signal),
        this.api.getProject(slug, signal),
      ]);
      return { claim, linking, project };
    },
    args: () => [this.slug, this.claimId, this.revision] as const,
  });

  private renderClaim(claim: Claim, linking: ClaimLinking, project: Project) {
    return html`
      ${breadcrumbsTemplate([{ href: `/projects/${this.slug}`, text: project.name }, { text: 'Claim timeline' }])}
      <h1 tabindex="-1">Claim timeline</h1>
      <attest-claim-linking-notice
        .slug=${this.slug}
        .waiting=${linking.waitingDocuments}
        @attest-claims-linked=${() => this.revision++}
      ></attest-claim-linking-notice>
      <p>
        ${claim.firstOccurrence.text}
      </p>
      <p class="meta">
        ${carriedByText(claim)}${
          claim.attributionDropped
            ? '; the attribution to state media was dropped by at least one article'
            : ''
        }.
      </p>
      <ol class="timeline" aria-label="Occurrences by publication date">
        ${claim.occurrences.map(
          (occurrence) => html`<li>
            ${
              occurrence.publishedAt
                ? html`<time datetime=${occurrence.publishedAt}>${formatPublishedTime(occurrence.publishedAt)}</time>`
                : html`<span class="undated">Date unknown</span>`
            }
            · <a href="/documents/${occurrence.documentId}">${occurrence.outlet ?? occurrence.title}</a>
            <div>${occurrence.text}</div>
            <div class="meta">${occurrenceFacts(occurrence, project.labels).join(' · ')}</div>
          </li>`,
        )}
      </ol>
    `;
  }

  override render() {
    return this.claimTask.render({
      pending: () => html`<h1 tabindex="-1">Loading the claim…</h1>`,
      complete: ({ claim, linking, project }) => this.renderClaim(claim, linking, project),
      error: (error) => loadErrorTemplate('Claim not available', error),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-claim-page': AttestClaimPage;
  }
}
