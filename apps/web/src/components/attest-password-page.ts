import { consume } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { FormController } from '../controllers/form-controller.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, buttonStyles, cardPageStyles, formStyles, pageStyles } from '../styles/shared.ts';
import { minimumPasswordLength } from './account-fields.ts';
import { breadcrumbsTemplate } from './page-templates.ts';

/** Changes the signed-in user's password; other sessions are signed out. */
@customElement('attest-password-page')
export class AttestPasswordPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, formStyles, cardPageStyles];

  protected readonly page = new PageController(this, { title: () => 'Change password' });
  private readonly form = new FormController(this, { focusesMessage: true });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    const current = String(fields.get('current') ?? '');
    const next = String(fields.get('password') ?? '');
    if (next.length < minimumPasswordLength) {
      await this.form.fail(`Use at least ${minimumPasswordLength} characters for the new password.`);
      return;
    }
    if (next !== String(fields.get('confirm') ?? '')) {
      await this.form.fail('The two new passwords differ.');
      return;
    }
    await this.form.submit(async () => {
      await this.api.changePassword(current, next);
      form.reset();
      return 'Password changed. Your other sessions were signed out.';
    });
  }

  override render() {
    return html`
      ${breadcrumbsTemplate()}
      <div class="panel card">
        <h1 tabindex="-1">Change password</h1>
        <p class="lede">You stay signed in here; other browsers are signed out.</p>
        <form aria-label="Change password" novalidate @submit=${this.submit}>
          <label>Current password <input name="current" type="password" autocomplete="current-password" required /></label>
          <div class="field">
            <label for="new-password">New password</label>
            <input id="new-password" name="password" type="password" autocomplete="new-password" required aria-describedby="password-hint" />
            <span class="hint" id="password-hint">At least ${minimumPasswordLength} characters.</span>
          </div>
          <label>Confirm new password <input name="confirm" type="password" autocomplete="new-password" required /></label>
          ${this.form.renderMessage()}
          <button class="button primary" type="submit" ?disabled=${this.form.isBusy}>
            ${this.form.isBusy ? 'Changing…' : 'Change password'}
          </button>
        </form>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-password-page': AttestPasswordPage;
  }
}
