import {
  type Claim,
  type ClaimLabelSuggestion,
  type ClaimList,
  type ClaimOccurrence,
  type Label,
  labelFromOtherOccurrences,
  type Me,
} from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext, currentUserContext } from '../api/context.ts';
import { baseStyles } from '../styles/shared.ts';
import './attest-claim-linking-notice.ts';
import {
  carriedByText,
  errorMessage,
  firstAppearanceText,
  formatUtcDay,
  labelNameOf,
  occurrenceFacts,
  plural,
} from './format.ts';
import { canReview } from './roles.ts';

/**
 * The claims the selected sentence carries across the project's documents (a lead may carry
 * several): for each, how many documents and outlets carry it, where it appeared first, every
 * occurrence with its label and attribution, and, for reviewers and owners, confirming or
 * rejecting the sentence's link to it. `l` and `Shift+L` act on the focused link: the claim
 * last clicked or focused in the panel, else the sentence's first suggested link.
 * Loads the document's claims once, and again after a decision (`reload()`) or once a label of
 * a sentence in a claim is stored (`sentenceSaved()`).
 */
@customElement('attest-claim-panel')
export class AttestClaimPanel extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        padding: 0.75rem 1rem;
      }
      h2 {
        font-size: 1rem;
        margin: 0 0 0.5rem;
      }
      h3 {
        font-size: 0.95rem;
        margin: 0 0 0.25rem;
      }
      article {
        border-left: 3px solid transparent;
        padding-left: 0.5rem;
        margin-bottom: 0.75rem;
      }
      article.focused {
        border-left-color: var(--attest-color-focus, #1a5fb4);
      }
      ol {
        margin: 0.5rem 0 0;
        padding-left: 1.2rem;
      }
      li {
        margin-bottom: 0.5rem;
      }
      .meta {
        color: var(--attest-color-muted);
        font-size: 0.85rem;
      }
      .flag {
        border-left: 4px solid var(--attest-color-warning, #8a5a00);
        padding-left: 0.5rem;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @consume({ context: currentUserContext, subscribe: true })
  private me: Me | undefined;

  @state() private message = '';
  @state() private revision = 0;
  /** The link the claim keys act on, chosen in the panel; null: the sentence's first suggested link. */
  @state() private chosenLinkId: string | null = null;

  /** The document being annotated. */
  @property() documentId = '';

  /** The selected sentence, or null. */
  @property({ attribute: false }) sentenceId: string | null = null;

  /** The project's labels, to name each occurrence's label. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  /** The selected sentence's label as this user has it now (saved or not), or null. */
  @property({ attribute: false }) currentLabel: string | null = null;

  /** The document's project: reviewers and owners of it may confirm and reject links. */
  @property() projectSlug = '';

  private readonly claimsTask = new Task(this, {
    task: ([documentId], { signal }) => this.api.getDocumentClaims(documentId, signal),
    args: () => [this.documentId, this.revision] as const,
  });

  private get canDecide(): boolean {
    return canReview(
      this.me?.memberships.find((membership) => membership.projectSlug === this.projectSlug)?.role,
    );
  }

  /** Every claim the selected sentence is in, in the order the API gives them. */
  private get sentenceClaims(): Claim[] {
    const claims = this.claimsTask.value?.claims ?? [];
    return claims.filter((claim) => claim.occurrences.some((o) => o.sentenceId === this.sentenceId));
  }

  private ownOccurrenceIn(claim: Claim): ClaimOccurrence | undefined {
    return claim.occurrences.find((occurrence) => occurrence.sentenceId === this.sentenceId);
  }

  /** The claim whose link the keys act on: the one chosen in the panel, else the first with a suggested link, else the first. */
  private get focusedClaim(): Claim | undefined {
    const claims = this.sentenceClaims;
    return (
      claims.find((claim) => this.ownOccurrenceIn(claim)?.linkId === this.chosenLinkId) ??
      claims.find((claim) => this.ownOccurrenceIn(claim)?.tier === 'suggested') ??
      claims[0]
    );
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sentenceId')) this.chosenLinkId = null;
  }

  private labelName(key: string | null): string {
    return labelNameOf(key, this.labels);
  }

  /** Reloads the document's claims, e.g. after a link was decided elsewhere. */
  reload(): void {
    this.revision++;
  }

  /**
   * A label of this document was stored: the claims it is an occurrence of show labels (and the
   * label given most), so they are asked for again; a sentence in no claim asks nothing.
   */
  sentenceSaved(sentenceId: string): void {
    const claims = this.claimsTask.value?.claims ?? [];
    if (claims.some((claim) => claim.occurrences.some((occurrence) => occurrence.sentenceId === sentenceId)))
      this.reload();
  }

  /** The label the other occurrences of the selected sentence's focused claim were given most, if any is labelled. */
  labelSuggestion(): ClaimLabelSuggestion | null {
    const claim = this.focusedClaim;
    return claim ? this.labelSuggestionOf(claim) : null;
  }

  private labelSuggestionOf(claim: Claim): ClaimLabelSuggestion | null {
    return labelFromOtherOccurrences(claim, this.sentenceId);
  }

  /** Confirms or rejects the focused link of the selected sentence (one claim; its other links stay); says what happened. */
  async decide(decision: 'confirm' | 'reject', claim = this.focusedClaim): Promise<void> {
    const occurrence = claim ? this.ownOccurrenceIn(claim) : undefined;
    if (!occurrence) {
      this.message = 'This sentence has no claim link to decide on.';
      return;
    }
    if (!this.canDecide) {
      this.message = 'Only reviewers and owners can confirm or reject claim links.';
      return;
    }
    try {
      await this.api.decideClaimLink(occurrence.linkId, decision);
      this.message =
        decision === 'confirm' ? 'Link confirmed.' : 'Link rejected: it will not be suggested again.';
      // The next suggested link, if any, takes the keys.
      this.chosenLinkId = null;
      this.reload();
    } catch (error) {
      this.message = errorMessage(error);
    }
  }

  private renderOccurrence(occurrence: ClaimOccurrence) {
    const isSelected = occurrence.sentenceId === this.sentenceId;
    const where = [occurrence.outlet ?? occurrence.title, formatUtcDay(occurrence.publishedAt)]
      .filter(Boolean)
      .join(', ');
    return html`<li>
      ${isSelected ? html`<strong>This sentence</strong>` : html`<a href="/documents/${occurrence.documentId}">${where}</a>`}
      <div>${occurrence.text}</div>
      <div class="meta">${[isSelected ? where : '', ...occurrenceFacts(occurrence, this.labels)]
        .filter(Boolean)
        .join(' · ')}</div>
    </li>`;
  }

  private renderClaim(claim: Claim, index: number, count: number) {
    const own = this.ownOccurrenceIn(claim);
    const suggestion = this.labelSuggestionOf(claim);
    const isFocused = count > 1 && claim === this.focusedClaim;
    const headingId = `claim-heading-${index}`;
    return html`<article
      class=${isFocused ? 'focused' : ''}
      aria-labelledby=${headingId}
      @focusin=${() => this.choose(own)}
      @click=${() => this.choose(own)}
    >
      ${
        count > 1
          ? html`<h3 id=${headingId}>Claim ${index + 1} of ${count}${isFocused ? html` <span class="meta">(l / Shift+L act on this link)</span>` : nothing}</h3>`
          : nothing
      }
      <p>
        ${carriedByText(claim)}. ${firstAppearanceText(claim)}.
      </p>
      ${
        claim.attributionDropped
          ? html`<p class="flag">Attribution dropped: one article attributes this claim to state media, another prints it without attribution.</p>`
          : nothing
      }
      ${claim.hasLabelDisagreement ? html`<p class="flag">Its occurrences carry different labels.</p>` : nothing}
      ${
        suggestion
          ? html`<p>
              Label given most by its other occurrences: ${this.labelName(suggestion.label)}
              (${suggestion.count} of ${suggestion.total}).${
                suggestion.label === this.currentLabel
                  ? ' This sentence has it too.'
                  : isFocused || count === 1
                    ? html` Press <kbd>p</kbd> to apply it.`
                    : nothing
              }
            </p>`
          : nothing
      }
      ${
        own?.tier === 'suggested' && this.canDecide
          ? html`<p>This sentence's link is suggested.</p>
              <div class="actions">
                <button type="button" @click=${() => void this.decide('confirm', claim)}>Confirm link (l)</button>
                <button type="button" @click=${() => void this.decide('reject', claim)}>Reject link (Shift+L)</button>
              </div>`
          : nothing
      }
      <p><a href="/projects/${this.projectSlug}/claims/${claim.id}">Timeline of this claim</a></p>
      <ol aria-label="Occurrences, oldest first">${claim.occurrences.map((occurrence) => this.renderOccurrence(occurrence))}</ol>
    </article>`;
  }

  private choose(own: ClaimOccurrence | undefined): void {
    if (own) this.chosenLinkId = own.linkId;
  }

  private renderClaims({ linking }: ClaimList) {
    const claims = this.sentenceClaims;
    const notice = html`<attest-claim-linking-notice
      .slug=${this.projectSlug}
      .waiting=${linking.waitingDocuments}
      @attest-claims-linked=${() => this.reload()}
    ></attest-claim-linking-notice>`;
    if (claims.length > 0)
      return html`${notice}${
        claims.length > 1 ? html`<p>This sentence carries ${plural(claims.length, 'claim')}.</p>` : nothing
      }${claims.map((claim, index) => this.renderClaim(claim, index, claims.length))}`;
    return html`${notice}<p class="meta">
        ${
          linking.waitingDocuments > 0
            ? "No other document linked so far carries this sentence's claim."
            : "No other document carries this sentence's claim."
        }
      </p>`;
  }

  override render() {
    return html`
      <section aria-labelledby="claim-heading">
        <h2 id="claim-heading">${this.sentenceClaims.length > 1 ? 'Claims' : 'Claim'}</h2>
        ${this.claimsTask.render({
          // Asked again after a label or a decision: the claims already shown stay until the answer.
          pending: () =>
            this.claimsTask.value
              ? this.renderClaims(this.claimsTask.value)
              : html`<p class="meta">Loading claims…</p>`,
          error: (error) => html`<p role="alert">${errorMessage(error)}</p>`,
          complete: (list) => this.renderClaims(list),
        })}
        <p role="status" class="meta">${this.message}</p>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-claim-panel': AttestClaimPanel;
  }
}
