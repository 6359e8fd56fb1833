import { consume } from '@lit/context';
import { html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { type ApiClient, ApiError } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { SessionChangeEvent } from '../events/session-change-event.ts';
import { baseStyles, buttonStyles, cardPageStyles, formStyles, pageStyles } from '../styles/shared.ts';
import { newAccountFields, readNewAccount } from './account-fields.ts';
import { errorMessage } from './format.ts';

/**
 * The first-run page: creates the first account, which owns every project (the demo too).
 *
 * @fires attest-session-change - The account was created and is signed in.
 */
@customElement('attest-setup-page')
export class AttestSetupPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, formStyles, cardPageStyles];

  protected readonly page = new PageController(this, { title: () => 'Welcome' });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private isBusy = false;
  @state() private failure: { detail: string; fields: ReadonlySet<string> } | undefined;

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const read = readNewAccount(event.currentTarget as HTMLFormElement);
    if ('problem' in read) {
      await this.showFailure(read.problem, new Set([read.field]));
      return;
    }
    this.isBusy = true;
    this.failure = undefined;
    try {
      await this.api.setup(read.account);
      this.dispatchEvent(new SessionChangeEvent('/'));
    } catch (error) {
      const fields = error instanceof ApiError ? (error.problem?.errors ?? []).map((item) => item.path) : [];
      await this.showFailure(errorMessage(error), new Set(fields));
    } finally {
      this.isBusy = false;
    }
  }

  private async showFailure(detail: string, fields: ReadonlySet<string>): Promise<void> {
    this.failure = { detail, fields };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.form-error')?.focus();
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
          ${newAccountFields(this.failure?.fields ?? new Set())}
          ${
            this.failure
              ? html`<p class="form-error" role="alert" tabindex="-1">${this.failure.detail}</p>`
              : null
          }
          <button class="button primary" type="submit" ?disabled=${this.isBusy}>
            ${this.isBusy ? 'Creating the account…' : 'Create account'}
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
