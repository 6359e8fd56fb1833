import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { baseStyles, buttonStyles } from '../styles/shared.ts';

/** A sentence whose save the server refused because its label changed elsewhere. */
export interface SaveConflict {
  readonly sentenceId: string;
  /** The sentence's number as the analyst sees it (1-based). */
  readonly sentenceNumber: number;
  /** The name of the analyst's label, or "untagged" when they cleared it. */
  readonly mine: string;
  /** The name of the label the server holds now, or "untagged". */
  readonly theirs: string;
}

/** How the analyst settled a conflict: send their label again, or keep the server's. */
export type ConflictChoice = 'mine' | 'theirs';

/** The analyst chose which label a conflicting sentence keeps. */
export class ConflictResolveEvent extends Event {
  static readonly eventName = 'attest-conflict-resolve';
  readonly sentenceId: string;
  readonly choice: ConflictChoice;

  constructor(sentenceId: string, choice: ConflictChoice) {
    super(ConflictResolveEvent.eventName, { bubbles: true, composed: true });
    this.sentenceId = sentenceId;
    this.choice = choice;
  }
}

/**
 * Sentences changed elsewhere while the analyst edited them: each says what the server holds
 * (already shown) and what the analyst had, with Keep mine and Take theirs.
 *
 * @fires attest-conflict-resolve - The analyst pressed Keep mine or Take theirs.
 */
@customElement('attest-conflict-notice')
export class AttestConflictNotice extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
      }
      .conflict {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1rem;
        margin: 0 0 1rem;
        padding: 0.75rem 1rem;
        border: 1px solid #fec84b;
        border-radius: var(--attest-radius);
        background: #fffaeb;
        color: var(--attest-color-warning);
      }
      p {
        flex: 1 1 20rem;
        margin: 0;
      }
      .choices {
        display: flex;
        gap: 0.5rem;
      }
    `,
  ];

  /** The conflicts still waiting for a choice, oldest first. */
  @property({ attribute: false }) conflicts: readonly SaveConflict[] = [];

  private choose(conflict: SaveConflict, choice: ConflictChoice): void {
    this.dispatchEvent(new ConflictResolveEvent(conflict.sentenceId, choice));
  }

  override render() {
    return this.conflicts.map(
      (conflict) => html`
        <div class="conflict" role="group" aria-label="Conflict on sentence ${conflict.sentenceNumber}">
          <p role="alert">
            Sentence ${conflict.sentenceNumber} was changed elsewhere; it now shows the saved label
            (${conflict.theirs}). Yours was ${conflict.mine}.
          </p>
          <div class="choices">
            <button class="button small primary" type="button" @click=${() => this.choose(conflict, 'mine')}>
              Keep mine (${conflict.mine})
            </button>
            <button class="button small" type="button" @click=${() => this.choose(conflict, 'theirs')}>
              Take theirs (${conflict.theirs})
            </button>
          </div>
        </div>
      `,
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-conflict-notice': AttestConflictNotice;
  }
  interface HTMLElementEventMap {
    [ConflictResolveEvent.eventName]: ConflictResolveEvent;
  }
}
