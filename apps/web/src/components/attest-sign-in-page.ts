import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { FormController } from '../controllers/form-controller.ts';
import { PageController } from '../controllers/page-controller.ts';
import { SessionChangeEvent } from '../events/session-change-event.ts';
import { baseStyles, buttonStyles, cardPageStyles, formStyles, pageStyles } from '../styles/shared.ts';

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
  private readonly form = new FormController(this, { focusesMessage: true });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  /** Where to go after signing in: a path on this site. */
  @property() next = '/';

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const fields = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(fields.get('email') ?? '').trim();
    const password = String(fields.get('password') ?? '');
    if (!email || !password) {
      await this.form.fail('Enter your e-mail address and your password.');
      return;
    }
    this.form.clear();
    await this.form.submit(async () => {
      await this.api.signIn(email, password);
      this.dispatchEvent(new SessionChangeEvent(this.next));
    });
  }

  override render() {
    return html`
      <div class="panel card">
        <h1 tabindex="-1">Sign in to Attest</h1>
        <p class="lede">Use the e-mail address and password of your Attest account.</p>
        <form aria-label="Sign in" novalidate @submit=${this.submit}>
          <label>
            E-mail
            <input name="email" type="email" autocomplete="username" required aria-invalid=${this.form.hasFailed ? 'true' : 'false'} />
          </label>
          <label>
            Password
            <input name="password" type="password" autocomplete="current-password" required aria-invalid=${this.form.hasFailed ? 'true' : 'false'} />
          </label>
          ${this.form.renderMessage()}
          <button class="button primary" type="submit" ?disabled=${this.form.isBusy}>
            ${this.form.isBusy ? 'Signing in…' : 'Sign in'}
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
