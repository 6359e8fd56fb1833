import { consume } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { ClaimsLinkedEvent } from '../events/claims-linked-event.ts';
import { baseStyles } from '../styles/shared.ts';
import { plural } from './format.ts';

/** How often to ask again while documents wait: linking one takes well under a second. */
const pollMilliseconds = 3_000;

/**
 * "Linking claims: N documents waiting", shown beside claims while the background linker has
 * not linked every document of the project, so the claims shown are never taken for the whole
 * picture. Asks again every few seconds and fires `attest-claims-linked` once none waits, for
 * the host to load the claims again. Renders nothing when no document waits.
 *
 * @fires attest-claims-linked - The documents waited for are linked.
 */
@customElement('attest-claim-linking-notice')
export class AttestClaimLinkingNotice extends LitElement {
  static override styles = [
    baseStyles,
    css`
      p {
        margin: 0.5rem 0;
        padding: 0.4rem 0.6rem;
        border-left: 4px solid #8a6d00;
        background: #fff8db;
        color: #3d3000;
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  /** The project whose documents are counted. */
  @property() slug = '';

  /** Documents waiting, as the claims' answer said. */
  @property({ type: Number }) waiting = 0;

  private timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if ((changed.has('waiting') || changed.has('slug')) && this.waiting > 0 && this.slug) this.askLater();
  }

  private askLater(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.ask(), pollMilliseconds);
  }

  private async ask(): Promise<void> {
    try {
      const { waitingDocuments } = await this.api.getClaimLinking(this.slug);
      if (!this.isConnected) return;
      this.waiting = waitingDocuments;
      if (waitingDocuments === 0) this.dispatchEvent(new ClaimsLinkedEvent());
      else this.askLater();
    } catch {
      // Offline for a moment: the count shown stays, and the next try may answer.
      if (this.isConnected) this.askLater();
    }
  }

  override render() {
    if (this.waiting <= 0) return nothing;
    return html`<p role="status">
      Linking claims: ${plural(this.waiting, 'document')} waiting. The claims shown leave
      ${this.waiting === 1 ? 'it' : 'them'} out until ${this.waiting === 1 ? 'it is' : 'they are'} linked.
    </p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-claim-linking-notice': AttestClaimLinkingNotice;
  }
}
