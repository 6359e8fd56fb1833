import type { Label, Sentence } from '@attest/core';
import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PendingSegmentation } from '../controllers/segmentation-controller.ts';
import type { DialogCloseEvent } from '../events/dialog-close-event.ts';
import { SegmentationAnswerEvent } from '../events/segmentation-answer-event.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import './attest-dialog.ts';
import './attest-history-panel.ts';
import './attest-shortcut-help.ts';

/** The annotate view's dialogs: guidelines, shortcuts, a sentence's history, and a split or merge's question. */
export type AnnotateDialog = 'guidelines' | 'help' | 'history' | 'confirm-segmentation';

/**
 * The annotate view's dialogs, one open at a time. The guidelines' Markdown element is loaded
 * by the page when it opens them, and rendered only while open.
 *
 * @fires attest-dialog-close - Guidelines, shortcuts or history closed.
 * @fires attest-segmentation-answer - The split or merge question was answered (closing it says no).
 */
@customElement('attest-annotate-dialogs')
export class AttestAnnotateDialogs extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles];

  /** The dialog open, if any. */
  @property() open: AnnotateDialog | null = null;

  /** The project's guidelines, in Markdown. */
  @property() guidelines = '';

  /** The project's labels. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  /** The selected sentence, whose history the history dialog shows. */
  @property({ attribute: false }) sentence: Sentence | undefined;

  /** The split or merge waiting for a yes. */
  @property({ attribute: false }) pending: PendingSegmentation | null = null;

  private answer(isConfirmed: boolean, event?: DialogCloseEvent): void {
    // Closing the question is answering no: the page hears that, not a plain close.
    event?.stopPropagation();
    this.dispatchEvent(new SegmentationAnswerEvent(isConfirmed));
  }

  override render() {
    const { open, pending, sentence } = this;
    return html`
      <attest-dialog label="Guidelines" ?open=${open === 'guidelines'}>
        ${
          // Rendered only when open: Markdown is loaded and parsed on the way.
          open === 'guidelines'
            ? html`<attest-markdown .markdown=${this.guidelines}></attest-markdown>`
            : nothing
        }
      </attest-dialog>
      <attest-dialog label="Keyboard shortcuts" ?open=${open === 'help'}>
        <attest-shortcut-help .labels=${this.labels}></attest-shortcut-help>
      </attest-dialog>
      <attest-dialog
        label=${pending?.action === 'merge' ? 'Merge for everyone?' : 'Split for everyone?'}
        ?open=${open === 'confirm-segmentation'}
        @attest-dialog-close=${(event: DialogCloseEvent) => this.answer(false, event)}
      >
        ${
          pending
            ? html`<p>${pending.question}</p>
                <div class="actions">
                  <button class="button primary" type="button" @click=${() => this.answer(true)}>
                    ${pending.action === 'merge' ? 'Merge' : 'Split'}
                  </button>
                  <button class="button" type="button" @click=${() => this.answer(false)}>Cancel</button>
                </div>`
            : nothing
        }
      </attest-dialog>
      <attest-dialog label=${`History of sentence ${(sentence?.position ?? 0) + 1}`} ?open=${open === 'history'}>
        ${
          open === 'history' && sentence
            ? html`<attest-history-panel .sentenceId=${sentence.id} .labels=${this.labels}></attest-history-panel>`
            : nothing
        }
      </attest-dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-annotate-dialogs': AttestAnnotateDialogs;
  }
}
