import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SaveStatus } from '../controllers/save-queue-controller.ts';
import { SaveRetryEvent } from '../events/save-retry-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';
import { plural } from './format.ts';

const statusText: Record<SaveStatus, string> = {
  idle: 'Up to date',
  saving: 'Saving…',
  offline: 'Offline',
  saved: 'All changes saved',
  failed: 'Not saved',
};

/**
 * Whether the analyst's labels have reached the server, announced politely: how many edits
 * are still unsaved (and whether they wait for the network); when a save failed, the reason
 * and a Retry button. A save the server refused because the label changed elsewhere is a
 * conflict until the analyst settles it: never "saved" meanwhile.
 *
 * @fires attest-save-retry - The analyst pressed Retry.
 */
@customElement('attest-save-status')
export class AttestSaveStatus extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 0.6rem;
        font-size: 0.875rem;
      }
      .status {
        display: inline-flex;
        align-items: center;
        gap: 0.4rem;
        color: var(--attest-color-muted);
        white-space: nowrap;
      }
      .dot {
        width: 0.6rem;
        height: 0.6rem;
        border-radius: 50%;
        background: var(--attest-color-border-strong);
      }
      .saving .dot {
        background: #b54708;
        animation: pulse 1s ease-in-out infinite alternate;
      }
      .offline .dot {
        border-radius: 0;
        background: #b54708;
      }
      .offline {
        color: #b54708;
        font-weight: 600;
      }
      .saved .dot {
        background: var(--attest-color-success);
      }
      .saved {
        color: var(--attest-color-success);
      }
      .failed {
        color: var(--attest-color-danger);
        font-weight: 600;
      }
      .failed .dot {
        border-radius: 2px;
        background: var(--attest-color-danger);
      }
      .conflict {
        color: var(--attest-color-warning);
        font-weight: 600;
      }
      .conflict .dot {
        border-radius: 2px;
        background: var(--attest-color-warning);
      }
      .reason {
        font-weight: 400;
      }
      @keyframes pulse {
        from {
          opacity: 1;
        }
        to {
          opacity: 0.35;
        }
      }
    `,
  ];

  /** Where the saves stand. */
  @property() status: SaveStatus = 'idle';

  /** Why the last save failed, shown next to the status. */
  @property() reason = '';

  /** How many sentences have a save that failed. */
  @property({ type: Number }) failedCount = 0;

  /** How many edits are queued and not yet confirmed by the server. */
  @property({ type: Number }) pendingCount = 0;

  /** How many sentences were changed elsewhere and wait for Keep mine or Take theirs. */
  @property({ type: Number }) conflictCount = 0;

  private retry(): void {
    this.dispatchEvent(new SaveRetryEvent());
  }

  private get text(): string {
    const saves = this.savesText;
    if (this.conflictCount === 0) return saves;
    const conflicts = plural(this.conflictCount, 'conflict');
    // Up to date or saved says nothing about the refused edit: the conflict is the news.
    return this.status === 'idle' || this.status === 'saved' ? conflicts : `${conflicts} · ${saves}`;
  }

  private get savesText(): string {
    if (this.status === 'failed') {
      return this.failedCount > 1 ? `${this.failedCount} labels not saved` : statusText.failed;
    }
    if (this.status === 'offline') {
      return `${this.pendingCount} unsaved · offline, will retry`;
    }
    if (this.status === 'saving' && this.pendingCount > 0) return `${this.pendingCount} unsaved · saving…`;
    return statusText[this.status];
  }

  override render() {
    return html`
      <span class="status ${this.status === 'failed' || this.conflictCount === 0 ? this.status : 'conflict'}" role="status">
        <span class="dot" aria-hidden="true"></span>
        <span>
          ${this.text}${
            this.status === 'failed' && this.reason
              ? html`<span class="reason">: ${this.reason}</span>`
              : null
          }
        </span>
      </span>
      ${
        this.status === 'failed'
          ? html`<button class="button small" type="button" @click=${this.retry}>Retry</button>`
          : null
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-save-status': AttestSaveStatus;
  }
}
