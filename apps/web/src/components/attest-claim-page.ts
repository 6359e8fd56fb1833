import type { Claim, ClaimLinking, ClaimOccurrence } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, pageStyles } from '../styles/shared.ts';
import './attest-claim-linking-notice.ts';
import { carriedByText, formatPublishedTime } from './format.ts';
import { breadcrumbsTemplate, loadErrorTemplate } from './page-templates.ts';

const attributionText: Record<ClaimOccurrence['attribution'], string> = {
  kcna: 'attributed to state media',
  other_source: 'attributed to another source',
  none: 'no attribution',
};

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
      time {
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
      const [claim, linking] = await Promise.all([
        this.api.getProjectClaim(slug, claimId, signal),
        this.api.getClaimLinking(slug, signal),
      ]);
      return { claim, linking };
    },
    args: () => [this.slug, this.claimId, this.revision] as const,
  });

  private renderClaim(claim: Claim, linking: ClaimLinking) {
    return html`
      ${breadcrumbsTemplate([{ href: `/projects/${this.slug}`, text: this.slug }, { text: 'Claim timeline' }])}
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
            <time datetime=${occurrence.publishedAt ?? ''}>${formatPublishedTime(occurrence.publishedAt) || 'Date unknown'}</time>
            · <a href="/documents/${occurrence.documentId}">${occurrence.outlet ?? occurrence.title}</a>
            <div>${occurrence.text}</div>
            <div class="meta">${attributionText[occurrence.attribution]} · ${occurrence.label ?? 'unlabelled'} · ${occurrence.tier}</div>
          </li>`,
        )}
      </ol>
    `;
  }

  override render() {
    return this.claimTask.render({
      pending: () => html`<h1 tabindex="-1">Loading the claim…</h1>`,
      complete: ({ claim, linking }) => this.renderClaim(claim, linking),
      error: (error) => loadErrorTemplate('Claim not available', error),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-claim-page': AttestClaimPage;
  }
}
