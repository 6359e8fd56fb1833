import type { CreatedInvite, Me, Member, Project, ProjectRole } from '@attest/core';
import { projectRoles } from '@attest/core/vocabularies';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type ApiClient, ApiError } from '../api/client.ts';
import { apiClientContext, currentUserContext } from '../api/context.ts';
import { baseStyles, buttonStyles, formStyles, tableStyles } from '../styles/shared.ts';
import { minimumPasswordLength } from './account-fields.ts';
import { errorMessage, formatDate } from './format.ts';
import { roleNames, withArticle } from './roles.ts';
import './attest-copy-button.ts';

/** A project's members: their roles, adding one with a password, invitation links, removal. */
@customElement('attest-members-settings')
export class AttestMembersSettings extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    tableStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.75rem;
        font-size: 1.1rem;
      }
      section + section {
        margin-top: 1.75rem;
        padding-top: 1.5rem;
        border-top: 1px solid var(--attest-color-border);
      }
      .email {
        display: block;
        color: var(--attest-color-muted);
        font-size: 0.85rem;
      }
      td select {
        width: auto;
        padding: 0.3rem 0.5rem;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.75rem;
      }
      .intro {
        margin: -0.25rem 0 0.85rem;
        color: var(--attest-color-muted);
        font-size: 0.9rem;
      }
      .invite-form {
        flex-direction: row;
        flex-wrap: wrap;
        align-items: flex-end;
      }
      .invite-form label {
        width: 12rem;
      }
      .link {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
        margin-top: 0.9rem;
        padding: 0.85rem 1rem;
        border: 1px solid var(--attest-color-border);
        border-radius: var(--attest-radius);
        background: var(--attest-color-raised);
      }
      .link p {
        margin: 0;
        font-size: 0.9rem;
      }
      #add-error p {
        margin: 0 0 0.5rem;
      }
      #add-error p:last-child {
        margin: 0;
      }
      .link input {
        font-family: var(--attest-font-mono);
        font-size: 0.85rem;
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @consume({ context: currentUserContext, subscribe: true })
  @state()
  private currentUser: Me | undefined;

  @state() private message: { isError: boolean; text: string } | undefined;
  /** Why adding failed; `inviteRole` when the server asks for an invitation instead. */
  @state() private addFailure:
    | { detail: string; fields: ReadonlySet<string>; inviteRole?: ProjectRole }
    | undefined;
  @state() private invite: CreatedInvite | undefined;
  @state() private isBusy = false;

  /** The project whose members are shown. */
  @property({ attribute: false }) project!: Project;

  private readonly membersTask = new Task(this, {
    task: async ([slug], { signal }) => (await this.api.listMembers(slug, signal)).items,
    args: () => [this.project.slug] as const,
  });

  private async changeRole(member: Member, event: Event): Promise<void> {
    const select = event.currentTarget as HTMLSelectElement;
    const role = select.value as ProjectRole;
    try {
      await this.api.changeMemberRole(this.project.slug, member.userId, role);
      this.message = {
        isError: false,
        text: `${member.name} is now ${withArticle(roleNames[role].toLowerCase())}.`,
      };
      this.membersTask.run();
    } catch (error) {
      select.value = member.role;
      this.message = { isError: true, text: errorMessage(error) };
    }
  }

  private async removeMember(member: Member): Promise<void> {
    if (!window.confirm(`Remove ${member.name} from ${this.project.name}? Their labels stay.`)) return;
    try {
      await this.api.removeMember(this.project.slug, member.userId);
      this.message = { isError: false, text: `${member.name} was removed.` };
      this.membersTask.run();
    } catch (error) {
      this.message = { isError: true, text: errorMessage(error) };
    }
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    const value = (name: string) => String(fields.get(name) ?? '').trim();
    const member = {
      name: value('name'),
      email: value('email'),
      password: String(fields.get('password') ?? ''),
      role: value('role') as ProjectRole,
    };
    this.addFailure = undefined;
    if (member.password.length < minimumPasswordLength) {
      this.addFailure = {
        detail: `Use at least ${minimumPasswordLength} characters for the password.`,
        fields: new Set(['password']),
      };
    }
    if (!this.addFailure) {
      this.isBusy = true;
      try {
        await this.api.addMember(this.project.slug, member);
        form.reset();
        this.message = {
          isError: false,
          text: `${member.name} was added as ${roleNames[member.role].toLowerCase()}. Pass the password on privately.`,
        };
        this.membersTask.run();
      } catch (error) {
        const problem = error instanceof ApiError ? error.problem : undefined;
        const paths = (problem?.errors ?? []).map((item) => item.path);
        this.addFailure = {
          detail: errorMessage(error),
          fields: new Set(paths),
          ...(problem?.type === '/problems/use-invite' ? { inviteRole: member.role } : {}),
        };
      } finally {
        this.isBusy = false;
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#add-error')?.focus();
  }

  private async createInvite(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const role = String(new FormData(event.currentTarget as HTMLFormElement).get('role')) as ProjectRole;
    await this.inviteAs(role);
  }

  private async inviteAs(role: ProjectRole): Promise<void> {
    try {
      this.invite = await this.api.createInvite(this.project.slug, role);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('#invite-link')?.select();
    } catch (error) {
      this.message = { isError: true, text: errorMessage(error) };
    }
  }

  private renderAddFailure(failure: NonNullable<AttestMembersSettings['addFailure']>) {
    const inviteRole = failure.inviteRole;
    return html`<div class="form-error" id="add-error" role="alert" tabindex="-1">
      <p>${failure.detail}</p>
      ${
        inviteRole
          ? html`<button class="button small" type="button" @click=${() => this.inviteAs(inviteRole)}>
              Create an invitation link for ${roleNames[inviteRole].toLowerCase()}
            </button>`
          : null
      }
    </div>`;
  }

  private roleOptions(selected: ProjectRole) {
    return projectRoles.map(
      (role) => html`<option value=${role} ?selected=${role === selected}>${roleNames[role]}</option>`,
    );
  }

  private renderMembers(members: Member[]) {
    const myId = this.currentUser?.user.id;
    return html`
      <div class="table-scroll"><table>
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Joined</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${members.map(
            (member) => html`
              <tr>
                <td>${member.name}${member.userId === myId ? ' (you)' : ''}<span class="email">${member.email}</span></td>
                <td>
                  <select aria-label="Role of ${member.name}" @change=${(event: Event) => this.changeRole(member, event)}>
                    ${this.roleOptions(member.role)}
                  </select>
                </td>
                <td>${formatDate(member.joinedAt)}</td>
                <td>
                  <button class="button small" type="button" aria-label="Remove ${member.name}" @click=${() => this.removeMember(member)}>
                    Remove
                  </button>
                </td>
              </tr>
            `,
          )}
        </tbody>
      </table></div>
    `;
  }

  override render() {
    const invalid = (name: string) => (this.addFailure?.fields.has(name) ? 'true' : 'false');
    const inviteUrl = this.invite ? new URL(this.invite.path, window.location.origin).href : '';
    return html`
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        ${
          this.message
            ? html`<p class=${this.message.isError ? 'form-error' : 'form-success'} role=${this.message.isError ? 'alert' : 'status'}>${this.message.text}</p>`
            : null
        }
        ${this.membersTask.render({
          pending: () => html`<p role="status">Loading members…</p>`,
          complete: (members) => this.renderMembers(members),
          error: (error) => html`<p class="form-error" role="alert">${errorMessage(error)}</p>`,
        })}
      </section>
      <section aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite with a link</h2>
        <p class="intro">Anyone with the link can join once, within 7 days, with a new account or their own.</p>
        <form class="invite-form" aria-labelledby="invite-heading" @submit=${this.createInvite}>
          <label>Role <select name="role">${this.roleOptions('analyst')}</select></label>
          <button class="button" type="submit">Create invitation link</button>
        </form>
        ${
          this.invite
            ? html`<div class="link">
                <p>Send this link to one teammate; it makes them ${withArticle(roleNames[this.invite.role].toLowerCase())}.</p>
                <label>Invitation link <input id="invite-link" readonly .value=${inviteUrl} /></label>
                <attest-copy-button .value=${inviteUrl} label="Copy link"></attest-copy-button>
              </div>`
            : null
        }
      </section>
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">Add with a password</h2>
        <p class="intro">
          Creates a new account with a password you pass on privately. Someone who may already have an
          account joins through an invitation link instead.
        </p>
        <form aria-labelledby="add-heading" novalidate @submit=${this.add}>
          <div class="grid">
            <label>Name <input name="name" autocomplete="off" aria-invalid=${invalid('name')} /></label>
            <label>E-mail <input name="email" type="email" autocomplete="off" aria-invalid=${invalid('email')} /></label>
            <label>
              Password
              <input name="password" type="password" autocomplete="new-password" aria-invalid=${invalid('password')} />
            </label>
            <label>Role <select name="role">${this.roleOptions('analyst')}</select></label>
          </div>
          ${this.addFailure ? this.renderAddFailure(this.addFailure) : null}
          <div class="actions"><button class="button primary" type="submit" ?disabled=${this.isBusy}>Add member</button></div>
        </form>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-members-settings': AttestMembersSettings;
  }
}
