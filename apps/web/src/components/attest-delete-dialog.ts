import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient, ArchiveTarget } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { DeleteEvent } from '../events/delete-event.ts';
import { DialogCloseEvent } from '../events/dialog-close-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';
import { describeDeletion } from './deletion-text.ts';
import { errorMessage } from './format.ts';
import './attest-dialog.ts';

/**
 * Asks an owner to confirm deleting a document or project, naming what goes with it (read from
 * the server when the dialog opens), and deletes it on confirmation.
 *
 * @fires attest-delete - The server deleted it.
 * @fires attest-dialog-close - The dialog closed.
 */
@customElement('attest-delete-dialog')
export class AttestDeleteDialog extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      .actions {
        display: flex;
        gap: 0.6rem;
        margin-top: 1rem;
      }
      .danger {
        border-color: var(--attest-color-danger);
        background: var(--attest-color-danger);
        color: #fff;
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private isDeleting = false;
  @state() private error: string | undefined;

  /** What to delete; the dialog is open while it is set. */
  @property({ attribute: false }) target: ArchiveTarget | undefined;
  /** The document's title or the project's name, as the confirmation names it. */
  @property() name = '';

  private readonly previewTask = new Task(this, {
    task: async ([target], { signal }) => (target ? this.api.deletionPreview(target, signal) : undefined),
    args: () => [this.target] as const,
  });

  private get kind(): string {
    return this.target?.kind ?? 'document';
  }

  private async confirm(): Promise<void> {
    if (!this.target) return;
    this.isDeleting = true;
    this.error = undefined;
    try {
      const removed = await this.api.deleteForGood(this.target);
      this.dispatchEvent(new DeleteEvent(`Deleted “${this.name}” with ${describeDeletion(removed)}.`));
      this.close();
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.isDeleting = false;
    }
  }

  private close(): void {
    this.target = undefined;
    this.error = undefined;
    this.dispatchEvent(new DialogCloseEvent());
  }

  override render() {
    return html`<attest-dialog
      label="Delete this ${this.kind}?"
      ?open=${this.target !== undefined}
      @attest-dialog-close=${(event: Event) => {
        event.stopPropagation();
        if (this.target) this.close();
      }}
    >
      ${this.previewTask.render({
        pending: () => html`<p role="status">Counting what would go…</p>`,
        error: (error) => html`<p class="message error" role="alert">${errorMessage(error)}</p>`,
        complete: (counts) =>
          counts
            ? html`<p>
                  Deleting “${this.name}” removes it with
                  <strong>${describeDeletion(counts)}</strong>, for good. This cannot be undone; the
                  project's history keeps a note of who deleted what.
                </p>
                <p>To hide it and keep everything, archive it instead.</p>
                ${this.error ? html`<p class="message error" role="alert">${this.error}</p>` : nothing}
                <div class="actions">
                  <button class="button danger" type="button" ?disabled=${this.isDeleting} @click=${this.confirm}>
                    ${this.isDeleting ? 'Deleting…' : `Delete ${this.kind}`}
                  </button>
                  <button class="button" type="button" @click=${this.close}>Cancel</button>
                </div>`
            : nothing,
      })}
    </attest-dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-delete-dialog': AttestDeleteDialog;
  }
}
