import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { baseStyles, buttonStyles } from '../styles/shared.ts';

/** A button that copies a value (an invitation link, a token) and says so for screen readers. */
@customElement('attest-copy-button')
export class AttestCopyButton extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
      }
      .status {
        color: var(--attest-color-success);
        font-size: 0.85rem;
      }
    `,
  ];

  @state() private status = '';

  /** The text to copy. */
  @property() value = '';

  /** The button's accessible name, e.g. "Copy the invitation link". */
  @property() label = 'Copy';

  private async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.value);
      this.status = 'Copied';
    } catch {
      this.status = 'Select the text and copy it with Ctrl+C';
    }
  }

  override render() {
    return html`
      <button class="button small" type="button" @click=${this.copy}>${this.label}</button>
      <span class="status" role="status">${this.status}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-copy-button': AttestCopyButton;
  }
}
