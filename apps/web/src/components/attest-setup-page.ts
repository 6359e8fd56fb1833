import { consume } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { FormController } from '../controllers/form-controller.ts';
import { PageController } from '../controllers/page-controller.ts';
import { SessionChangeEvent } from '../events/session-change-event.ts';
import { baseStyles, buttonStyles, cardPageStyles, formStyles, pageStyles } from '../styles/shared.ts';
import { newAccountFields, readNewAccount } from './account-fields.ts';

/**
 * The first-run page: creates the first account, which owns every project (the demo too).
 *
 * @fires attest-session-change - The account was created and is signed in.
 */
@customElement('attest-setup-page')
export class AttestSetupPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, formStyles, cardPageStyles];

  protected readonly page = new PageController(this, { title: () => 'Welcome' });
  private readonly form = new FormController(this, { focusesMessage: true });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const read = readNewAccount(event.currentTarget as HTMLFormElement);
    if ('problem' in read) {
      await this.form.fail(read.problem, [read.field]);
      return;
    }
    this.form.clear();
    await this.form.submit(async () => {
      await this.api.setup(read.account);
      this.dispatchEvent(new SessionChangeEvent('/'));
    });
  }

  override render() {
    return html`
      <div class="panel card">
        <h1 tabindex="-1">Welcome to Attest</h1>
        <p class="lede">
          Create the first account. It owns every project, including the demo, and can invite
          teammates.
        </p>
        <form aria-label="Create the first account" novalidate @submit=${this.submit}>
          ${newAccountFields(this.form.invalidFields)}
          ${this.form.renderMessage()}
          <button class="button primary" type="submit" ?disabled=${this.form.isBusy}>
            ${this.form.isBusy ? 'Creating the account…' : 'Create account'}
          </button>
        </form>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-setup-page': AttestSetupPage;
  }
}
