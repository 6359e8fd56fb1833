import type { User } from '@attest/core';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { SignOutEvent } from '../events/sign-out-event.ts';
import { baseStyles } from '../styles/shared.ts';

/**
 * The signed-in user's menu in the header: their name, password, API tokens and sign-out.
 * A disclosure: the button shows and hides the list; Escape or a click elsewhere closes it.
 *
 * @fires attest-sign-out - The user chose Sign out.
 */
@customElement('attest-account-menu')
export class AttestAccountMenu extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      .toggle {
        display: inline-flex;
        align-items: center;
        gap: 0.5rem;
        padding: 0.3rem 0.6rem;
        border: 1px solid rgb(255 255 255 / 25%);
        border-radius: var(--attest-radius);
        background: transparent;
        color: #fff;
        font: inherit;
        font-size: 0.9rem;
        cursor: pointer;
      }
      .toggle:hover {
        background: rgb(255 255 255 / 10%);
      }
      .toggle:focus-visible {
        outline-color: #84adff;
      }
      .avatar {
        display: inline-grid;
        place-items: center;
        width: 1.6rem;
        height: 1.6rem;
        border-radius: 50%;
        background: #d1e0ff;
        color: #1d2939;
        font-weight: 700;
        font-size: 0.8rem;
      }
      .chevron {
        font-size: 0.7rem;
      }
      .panel {
        position: absolute;
        right: 0;
        top: calc(100% + 0.4rem);
        min-width: 15rem;
        padding: 0.4rem;
        border: 1px solid var(--attest-color-border);
        border-radius: 8px;
        background: var(--attest-color-surface);
        color: var(--attest-color-text);
        box-shadow: 0 12px 16px -4px rgb(16 24 40 / 10%), 0 4px 6px -2px rgb(16 24 40 / 5%);
      }
      .who {
        margin: 0;
        padding: 0.45rem 0.6rem 0.55rem;
        border-bottom: 1px solid var(--attest-color-border);
        font-size: 0.85rem;
        color: var(--attest-color-muted);
        overflow-wrap: anywhere;
      }
      .who strong {
        display: block;
        color: var(--attest-color-text);
        font-size: 0.9rem;
      }
      ul {
        margin: 0.3rem 0 0;
        padding: 0;
        list-style: none;
      }
      a,
      button.item {
        display: block;
        width: 100%;
        padding: 0.45rem 0.6rem;
        border: 0;
        border-radius: 4px;
        background: none;
        color: var(--attest-color-text);
        font: inherit;
        font-size: 0.9rem;
        text-align: left;
        text-decoration: none;
        cursor: pointer;
      }
      a:hover,
      button.item:hover {
        background: var(--attest-color-raised);
        color: var(--attest-color-text);
      }
    `,
  ];

  @query('.toggle') private toggleButton!: HTMLButtonElement;

  @state() private isOpen = false;

  /** The signed-in user. */
  @property({ attribute: false }) user: User | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('click', this.handleOutsideClick);
  }

  private setOpen(isOpen: boolean): void {
    this.isOpen = isOpen;
    if (isOpen) document.addEventListener('click', this.handleOutsideClick);
    else document.removeEventListener('click', this.handleOutsideClick);
  }

  private readonly handleOutsideClick = (event: MouseEvent): void => {
    if (!event.composedPath().includes(this)) this.setOpen(false);
  };

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key === 'Escape' && this.isOpen) {
      event.stopPropagation();
      this.setOpen(false);
      this.toggleButton.focus();
    }
  }

  private signOut(): void {
    this.setOpen(false);
    this.dispatchEvent(new SignOutEvent());
  }

  override render() {
    const user = this.user;
    if (!user) return null;
    return html`
      <div @keydown=${this.handleKeydown}>
        <button
          class="toggle"
          type="button"
          aria-expanded=${this.isOpen ? 'true' : 'false'}
          aria-controls="account-panel"
          @click=${() => this.setOpen(!this.isOpen)}
        >
          <span class="avatar" aria-hidden="true">${user.name.trim().charAt(0).toUpperCase()}</span>
          ${user.name}
          <span class="chevron" aria-hidden="true">▾</span>
        </button>
        <div class="panel" id="account-panel" ?hidden=${!this.isOpen}>
          <p class="who"><strong>${user.name}</strong>${user.email}</p>
          <ul aria-label="Account">
            <li><a href="/account/password" @click=${() => this.setOpen(false)}>Change password</a></li>
            <li><a href="/account/tokens" @click=${() => this.setOpen(false)}>API tokens</a></li>
            <li><button class="item" type="button" @click=${this.signOut}>Sign out</button></li>
          </ul>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-account-menu': AttestAccountMenu;
  }
}
