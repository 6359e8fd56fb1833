import { consume } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, buttonStyles, cardPageStyles, formStyles, pageStyles } from '../styles/shared.ts';
import { minimumPasswordLength } from './account-fields.ts';
import { errorMessage } from './format.ts';

/** Changes the signed-in user's password; other sessions are signed out. */
@customElement('attest-password-page')
export class AttestPasswordPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, formStyles, cardPageStyles];

  protected readonly page = new PageController(this, { title: () => 'Change password' });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private isBusy = false;
  @state() private outcome: { isChanged: boolean; text: string } | undefined;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    const current = String(fields.get('current') ?? '');
    const next = String(fields.get('password') ?? '');
    if (next.length < minimumPasswordLength) {
      await this.show(false, `Use at least ${minimumPasswordLength} characters for the new password.`);
      return;
    }
    if (next !== String(fields.get('confirm') ?? '')) {
      await this.show(false, 'The two new passwords differ.');
      return;
    }
    this.isBusy = true;
    try {
      await this.api.changePassword(current, next);
      form.reset();
      await this.show(true, 'Password changed. Your other sessions were signed out.');
    } catch (error) {
      await this.show(false, errorMessage(error));
    } finally {
      this.isBusy = false;
    }
  }

  private async show(isChanged: boolean, text: string): Promise<void> {
    this.outcome = { isChanged, text };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role="alert"], [role="status"]')?.focus();
  }

  override render() {
    return html`
      <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Projects</a></li></ol></nav>
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
          ${
            this.outcome
              ? this.outcome.isChanged
                ? html`<p class="form-success" role="status" tabindex="-1">${this.outcome.text}</p>`
                : html`<p class="form-error" role="alert" tabindex="-1">${this.outcome.text}</p>`
              : null
          }
          <button class="button primary" type="submit" ?disabled=${this.isBusy}>
            ${this.isBusy ? 'Changing…' : 'Change password'}
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
