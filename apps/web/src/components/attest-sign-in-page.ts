import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { SessionChangeEvent } from '../events/session-change-event.ts';
import { baseStyles, buttonStyles, cardPageStyles, formStyles, pageStyles } from '../styles/shared.ts';
import { errorMessage } from './format.ts';

/**
 * The sign-in page; afterwards the user goes back to the page that needed it.
 *
 * @fires attest-session-change - The user signed in.
 */
@customElement('attest-sign-in-page')
export class AttestSignInPage extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    pageStyles,
    formStyles,
    cardPageStyles,
    css`
      .footnote {
        margin: 1.25rem 0 0;
        color: var(--attest-color-muted);
        font-size: 0.875rem;
      }
    `,
  ];

  protected readonly page = new PageController(this, { title: () => 'Sign in' });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private isBusy = false;
  @state() private failure: string | undefined;

  /** Where to go after signing in: a path on this site. */
  @property() next = '/';

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const fields = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(fields.get('email') ?? '').trim();
    const password = String(fields.get('password') ?? '');
    if (!email || !password) {
      await this.showFailure('Enter your e-mail address and your password.');
      return;
    }
    this.isBusy = true;
    this.failure = undefined;
    try {
      await this.api.signIn(email, password);
      this.dispatchEvent(new SessionChangeEvent(this.next));
    } catch (error) {
      await this.showFailure(errorMessage(error));
    } finally {
      this.isBusy = false;
    }
  }

  private async showFailure(detail: string): Promise<void> {
    this.failure = detail;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.form-error')?.focus();
  }

  override render() {
    return html`
      <div class="panel card">
        <h1 tabindex="-1">Sign in to Attest</h1>
        <p class="lede">Use the e-mail address and password of your Attest account.</p>
        <form aria-label="Sign in" novalidate @submit=${this.submit}>
          <label>
            E-mail
            <input name="email" type="email" autocomplete="username" required aria-invalid=${this.failure ? 'true' : 'false'} />
          </label>
          <label>
            Password
            <input name="password" type="password" autocomplete="current-password" required aria-invalid=${this.failure ? 'true' : 'false'} />
          </label>
          ${this.failure ? html`<p class="form-error" role="alert" tabindex="-1">${this.failure}</p>` : null}
          <button class="button primary" type="submit" ?disabled=${this.isBusy}>
            ${this.isBusy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p class="footnote">No account yet? Ask a project owner for an invitation link.</p>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-sign-in-page': AttestSignInPage;
  }
}
