import type { DocumentQueue } from '@attest/core';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles } from '../styles/shared.ts';
import { plural } from './format.ts';

/**
 * The caller's active queue on the project page: their unfinished documents in the order Next
 * document takes them, each with why it comes there (issue 21), or why the usual order holds.
 */
@customElement('attest-document-queue')
export class AttestDocumentQueue extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      p {
        margin: 0.4rem 0 0.75rem;
        color: var(--attest-color-muted);
      }
      ol {
        margin: 0;
        padding-left: 1.5rem;
      }
      li {
        padding: 0.3rem 0;
      }
      a {
        font-weight: 600;
        text-decoration: none;
      }
      a:hover {
        text-decoration: underline;
      }
      .why {
        color: var(--attest-color-muted);
      }
    `,
  ];

  /** The queue as the server ordered it. */
  @property({ attribute: false }) queue!: DocumentQueue;

  private why(item: DocumentQueue['items'][number]): string {
    if (item.disagreements > 0)
      return `${plural(item.disagreements, 'sentence')} where the rules and the model disagree`;
    if (item.firstMargin === null) return 'no sentence the model read';
    return `least sure sentence: the model's two likeliest labels ${Math.round(item.firstMargin * 100)} points apart`;
  }

  override render() {
    const { queue } = this;
    if (!queue.ordersByModel)
      return html`<p>
        The active queue is on, but the project has no model that decides suggestions yet: Next document
        takes your oldest unfinished document first.
      </p>`;
    return html`
      <p>
        Next document takes them in this order: first where the project's model (version ${queue.modelVersion}) and
        the rules disagree on a sentence you have not labelled, then where the model is least sure. Only your
        ${queue.windowDocuments} oldest unfinished documents are ordered; later ones follow as you finish these.
      </p>
      ${
        queue.items.length === 0
          ? html`<p>Nothing left to label.</p>`
          : html`<ol aria-label="Your queue, least sure first">
              ${queue.items.map(
                (item) => html`<li>
                  <a href="/documents/${item.document.id}">${item.document.title}</a>
                  <span class="why">· ${this.why(item)}</span>
                </li>`,
              )}
            </ol>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-document-queue': AttestDocumentQueue;
  }
}
