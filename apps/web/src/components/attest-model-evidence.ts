import type { Label, Suggestion } from '@attest/core';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '../styles/shared.ts';
import { describeDecider } from './model-evidence.ts';

/**
 * Who decided the selected sentence's suggestion: a rule, or the project's learned model with
 * the gold it learned from and the words that pulled for and against its label (issue 21).
 */
@customElement('attest-model-evidence')
export class AttestModelEvidence extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        margin: 0 0 0.5rem;
        line-height: 1.45;
      }
      p,
      div {
        margin: 0 0 0.3rem;
      }
      .muted {
        color: var(--attest-color-muted);
      }
      ul {
        display: inline;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        display: inline;
      }
      li + li::before {
        content: ', ';
      }
    `,
  ];

  /** The suggestion shown for the selected sentence. */
  @property({ attribute: false }) suggestion: Suggestion | null = null;
  /** The project's labels, to name the ones the rules and the model chose. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  private labelName(key: string | null): string {
    if (key === null) return 'no label';
    return this.labels.find((label) => label.key === key)?.name ?? key;
  }

  private renderPulls(title: string, pulls: readonly string[]) {
    if (pulls.length === 0) return nothing;
    return html`<div class="muted">
      ${title}: <ul aria-label=${title}>${pulls.map((pull) => html`<li>${pull}</li>`)}</ul>
    </div>`;
  }

  override render() {
    if (!this.suggestion) return nothing;
    const text = describeDecider(this.suggestion, (key) => this.labelName(key));
    const label = this.labelName(this.suggestion.learned?.label ?? null);
    return html`
      <p class="muted">${text.decider}</p>
      ${this.renderPulls(`For ${label}`, text.pullsFor)} ${this.renderPulls(`Against ${label}`, text.pullsAgainst)}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-model-evidence': AttestModelEvidence;
  }
}
