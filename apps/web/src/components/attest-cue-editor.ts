import type { CueSpan } from '@attest/core';
import { cueKinds } from '@attest/core/vocabularies';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SentenceActionEvent } from '../events/sentence-action-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';
import { cueKindNames } from './attest-evidence-panel.ts';
import { modeBarStyles } from './mode-bar.styles.ts';

/** The key that picks each cue kind in cue mode. */
export const cueKindKeys: Readonly<Record<CueSpan['kind'], string>> = {
  source: 's',
  reporting_verb: 'v',
  hedge: 'h',
  anaphora: 'n',
  content: 't',
  other: 'o',
};

/**
 * Cue mode's bar: the words picked in the sentence, the kind of cue they are, and the buttons
 * to add the cue or cancel. Words are picked in the sentence text, by mouse or keyboard.
 *
 * @fires attest-sentence-action - A kind was chosen (choose-cue-kind), Add cue (add-cue) or Cancel (cancel) pressed.
 */
@customElement('attest-cue-editor')
export class AttestCueEditor extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    modeBarStyles,
    css`
      fieldset {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 0.9rem;
        margin: 0.4rem 0 0;
        padding: 0;
        border: 0;
      }
      legend {
        margin-bottom: 0.3rem;
        padding: 0;
        font-weight: 600;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        cursor: pointer;
      }
      .picked {
        font-weight: 600;
      }
    `,
  ];

  /** The words picked so far, or an empty string. */
  @property() pickedText = '';

  /** The kind the cue will be added as. */
  @property() cueKind: CueSpan['kind'] = 'source';

  private chooseKind(event: Event): void {
    const kind = (event.target as HTMLInputElement).value as CueSpan['kind'];
    this.dispatchEvent(new SentenceActionEvent('choose-cue-kind', kind));
  }

  override render() {
    return html`
      <section role="group" aria-labelledby="cue-heading">
        <h2 id="cue-heading">Mark a cue</h2>
        <p class="hint">
          Select words in the sentence with the mouse, or with <kbd>←</kbd> <kbd>→</kbd> and
          <kbd>Shift</kbd>+<kbd>←</kbd> <kbd>→</kbd>.
        </p>
        <p>
          Cue words:
          ${this.pickedText ? html`<span class="picked">“${this.pickedText}”</span>` : html`<span class="hint">none picked yet</span>`}
        </p>
        <fieldset>
          <legend>Kind</legend>
          ${cueKinds.map(
            (kind) => html`<label>
              <input
                type="radio"
                name="kind"
                .value=${kind}
                .checked=${kind === this.cueKind}
                aria-keyshortcuts=${cueKindKeys[kind]}
                @change=${this.chooseKind}
              />
              ${cueKindNames[kind]} <kbd aria-hidden="true">${cueKindKeys[kind]}</kbd>
            </label>`,
          )}
        </fieldset>
        <div class="actions">
          <button
            class="button primary small"
            type="button"
            ?disabled=${!this.pickedText}
            @click=${() => this.dispatchEvent(new SentenceActionEvent('add-cue', this.cueKind))}
          >
            Add cue <kbd aria-hidden="true">Enter</kbd>
          </button>
          <button class="button small" type="button" @click=${() => this.dispatchEvent(new SentenceActionEvent('cancel'))}>
            Cancel <kbd aria-hidden="true">Esc</kbd>
          </button>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-cue-editor': AttestCueEditor;
  }
}
