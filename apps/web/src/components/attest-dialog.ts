import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { DialogCloseEvent } from '../events/dialog-close-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';

/**
 * A modal dialog on the native <dialog>: focus moves in and back, Escape closes, the rest of
 * the page is inert while it is open.
 *
 * @fires attest-dialog-close - The dialog closed.
 * @slot - The dialog's content.
 * @csspart body - The scrolling content area.
 */
@customElement('attest-dialog')
export class AttestDialog extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      dialog {
        width: min(46rem, calc(100vw - 2rem));
        max-height: min(44rem, calc(100vh - 3rem));
        padding: 0;
        border: 1px solid var(--attest-color-border);
        border-radius: 12px;
        background: var(--attest-color-surface);
        color: var(--attest-color-text);
        box-shadow: 0 20px 24px -4px rgb(16 24 40 / 12%), 0 8px 8px -4px rgb(16 24 40 / 5%);
      }
      dialog[open] {
        display: flex;
        flex-direction: column;
      }
      dialog::backdrop {
        background: rgb(16 24 40 / 45%);
      }
      .header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 1rem;
        padding: 1rem 1.25rem 0.75rem;
        border-bottom: 1px solid var(--attest-color-border);
      }
      h2 {
        margin: 0;
        font-size: 1.15rem;
      }
      .body {
        padding: 0.5rem 1.25rem 1.25rem;
        overflow-y: auto;
      }
    `,
  ];

  @query('dialog') private dialog!: HTMLDialogElement;

  /** The dialog's title, shown as its heading and used as its accessible name. */
  @property() label = '';

  /** Whether the dialog is shown. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** Whether this showing's close was told already (Escape tells it before the native event). */
  private isCloseAnnounced = false;

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('open')) return;
    if (this.open && !this.dialog.open) {
      this.isCloseAnnounced = false;
      this.dialog.showModal();
    }
    if (!this.open && this.dialog.open) this.dialog.close();
  }

  /**
   * Escape: closed here rather than by the browser, whose close event comes a task later, so a
   * key pressed as the dialog disappears reaches a page that knows it is gone.
   */
  private handleCancel(event: Event): void {
    event.preventDefault();
    this.announceClose();
  }

  private announceClose(): void {
    if (this.dialog.open) this.dialog.close();
    if (this.isCloseAnnounced) return;
    this.isCloseAnnounced = true;
    this.open = false;
    this.dispatchEvent(new DialogCloseEvent());
  }

  /** Closes the dialog; focus returns where it was before it opened. */
  close(): void {
    this.open = false;
  }

  override render() {
    return html`
      <dialog aria-labelledby="title" @cancel=${this.handleCancel} @close=${this.announceClose}>
        <div class="header">
          <h2 id="title">${this.label}</h2>
          <button class="button small" type="button" @click=${this.close}>Close <kbd>Esc</kbd></button>
        </div>
        <div class="body" part="body" tabindex="0" aria-label=${this.label}><slot></slot></div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-dialog': AttestDialog;
  }
}
