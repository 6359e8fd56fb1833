import type { Label } from '@attest/core';
import { html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { SaveStatus } from '../controllers/save-queue-controller.ts';
import { DialogOpenEvent, type HelpDialog } from '../events/dialog-open-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';
import { annotateToolbarStyles } from './attest-annotate-toolbar.styles.ts';
import './attest-label-legend.ts';
import './attest-progress.ts';
import './attest-save-status.ts';

/**
 * The annotate view's toolbar: the label legend (buttons that tag the selected sentence), the
 * help buttons, how many sentences are tagged and whether the labels are saved.
 *
 * @fires attest-label-change - From the legend: a label (or Clear) was pressed.
 * @fires attest-dialog-open - Guidelines, Shortcuts or History was pressed.
 * @fires attest-save-retry - From the save status: Retry was pressed.
 */
@customElement('attest-annotate-toolbar')
export class AttestAnnotateToolbar extends LitElement {
  static override styles = [baseStyles, buttonStyles, annotateToolbarStyles];

  /** The project's labels. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  /** How many annotatable sentences carry each label, by label key. */
  @property({ attribute: false }) counts: ReadonlyMap<string, number> = new Map();

  /** The selected sentence's label key; null when it is untagged or none is selected. */
  @property({ attribute: false }) current: string | null = null;

  /** True when no sentence is selected: History has nothing to show. */
  @property({ type: Boolean }) hasSelection = false;

  /** True when the labels cannot be used (nothing selected, or a split or merge under way). */
  @property({ type: Boolean }) disabled = false;

  /** Annotatable sentences with a label. */
  @property({ type: Number }) taggedCount = 0;

  /** Annotatable sentences in the document. */
  @property({ type: Number }) annotatableCount = 0;

  /** Where the save queue stands. */
  @property() saveStatus: SaveStatus = 'idle';

  /** Why the last save failed, if it did. */
  @property() reason = '';

  /** Edits whose save failed. */
  @property({ type: Number }) failedCount = 0;

  /** Edits not yet confirmed by the server. */
  @property({ type: Number }) pendingCount = 0;

  /** Sentences changed elsewhere, waiting for the analyst's choice. */
  @property({ type: Number }) conflictCount = 0;

  private open(dialog: HelpDialog): void {
    this.dispatchEvent(new DialogOpenEvent(dialog));
  }

  override render() {
    return html`
      <attest-label-legend
        .labels=${this.labels}
        .counts=${this.counts}
        .current=${this.current}
        ?disabled=${this.disabled}
      ></attest-label-legend>
      <div class="help-buttons">
        <button class="button small" type="button" aria-keyshortcuts="g" @click=${() => this.open('guidelines')}>
          Guidelines <kbd aria-hidden="true">g</kbd>
        </button>
        <button class="button small" type="button" aria-keyshortcuts="?" @click=${() => this.open('help')}>
          Shortcuts <kbd aria-hidden="true">?</kbd>
        </button>
        <button
          class="button small"
          type="button"
          aria-keyshortcuts="h"
          ?disabled=${!this.hasSelection}
          @click=${() => this.open('history')}
        >
          History <kbd aria-hidden="true">h</kbd>
        </button>
      </div>
      <div class="status-row">
        <attest-progress
          class="progress"
          .value=${this.taggedCount}
          .max=${this.annotatableCount}
          label="Sentences tagged"
        ></attest-progress>
        <attest-save-status
          .status=${this.saveStatus}
          .reason=${this.reason}
          .failedCount=${this.failedCount}
          .pendingCount=${this.pendingCount}
          .conflictCount=${this.conflictCount}
        ></attest-save-status>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-annotate-toolbar': AttestAnnotateToolbar;
  }
}
