import type { InviteDetails, Me, ProjectRole } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext, currentUserContext } from '../api/context.ts';
import { FormController } from '../controllers/form-controller.ts';
import { PageController } from '../controllers/page-controller.ts';
import { SessionChangeEvent } from '../events/session-change-event.ts';
import { baseStyles, buttonStyles, cardPageStyles, formStyles, pageStyles } from '../styles/shared.ts';
import { newAccountFields, readNewAccount } from './account-fields.ts';
import { errorMessage, formatDate } from './format.ts';
import { roleNames } from './roles.ts';

const whatRoleMeans: Record<ProjectRole, string> = {
  owner: 'You can manage members, labels and guidelines, import articles and review.',
  reviewer: 'You can import articles and review every analyst’s labels.',
  analyst: 'You label the articles assigned to you.',
};

/**
 * Accepts an invitation link: with a new account, or as the signed-in user.
 *
 * @fires attest-session-change - The user joined the project (and may be newly signed in).
 */
@customElement('attest-invite-page')
export class AttestInvitePage extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    pageStyles,
    formStyles,
    cardPageStyles,
    css`
      .invitation {
        margin: 0 0 1.25rem;
        padding: 0.75rem 0.9rem;
        border-radius: var(--attest-radius);
        background: var(--attest-color-accent-soft);
        font-size: 0.9rem;
      }
      .invitation p {
        margin: 0;
      }
      .invitation p + p {
        margin-top: 0.25rem;
        color: var(--attest-color-muted);
      }
    `,
  ];

  protected readonly page = new PageController(this, {
    title: () => (this.inviteTask.value ? `Join ${this.inviteTask.value.projectName}` : 'Invitation'),
  });
  private readonly form = new FormController(this, { focusesMessage: true });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @consume({ context: currentUserContext, subscribe: true })
  @state()
  private currentUser: Me | undefined;

  /** The invitation token from the link. */
  @property() token = '';

  private readonly inviteTask = new Task(this, {
    task: ([token], { signal }) => this.api.getInvite(token, signal),
    args: () => [this.token] as const,
  });

  private async accept(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    let account: Parameters<ApiClient['acceptInvite']>[1];
    if (!this.currentUser) {
      const read = readNewAccount(event.currentTarget as HTMLFormElement);
      if ('problem' in read) {
        await this.form.fail(read.problem, [read.field]);
        return;
      }
      account = read.account;
    }
    this.form.clear();
    await this.form.submit(async () => {
      const { projectSlug } = await this.api.acceptInvite(this.token, account);
      this.dispatchEvent(new SessionChangeEvent(`/projects/${projectSlug}`));
    });
  }

  private renderInvite(invite: InviteDetails) {
    const user = this.currentUser;
    return html`
      <h1 tabindex="-1">Join ${invite.projectName}</h1>
      <div class="invitation">
        <p>You are invited as <strong>${roleNames[invite.role].toLowerCase()}</strong>. ${whatRoleMeans[invite.role]}</p>
        <p>The link works once, until ${formatDate(invite.expiresAt)}.</p>
      </div>
      <form aria-label="Accept the invitation" novalidate @submit=${this.accept}>
        ${
          user
            ? html`<p class="hint">You are signed in as ${user.user.name} (${user.user.email}).</p>`
            : html`<p class="hint">Create your account. Already have one? <a href="/sign-in?next=${encodeURIComponent(`/invite/${this.token}`)}">Sign in first</a>.</p>
                ${newAccountFields(this.form.invalidFields)}`
        }
        ${this.form.renderMessage()}
        <button class="button primary" type="submit" ?disabled=${this.form.isBusy}>
          ${user ? `Join as ${user.user.name}` : 'Create account and join'}
        </button>
      </form>
    `;
  }

  override render() {
    return html`
      <div class="panel card">
        ${this.inviteTask.render({
          pending: () => html`<h1 tabindex="-1">Invitation</h1><p role="status">Checking the invitation…</p>`,
          complete: (invite) => this.renderInvite(invite),
          error: (error) => html`
            <h1 tabindex="-1">Invitation not valid</h1>
            <p class="form-error" role="alert">${errorMessage(error)}</p>
            <p class="hint">Ask the project owner for a new link.</p>
          `,
        })}
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-invite-page': AttestInvitePage;
  }
}
