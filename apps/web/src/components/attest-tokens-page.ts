import type { ApiToken, CreatedApiToken } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, buttonStyles, formStyles, pageStyles, tableStyles } from '../styles/shared.ts';
import { errorMessage, formatDate } from './format.ts';
import './attest-copy-button.ts';
import { breadcrumbsTemplate } from './page-templates.ts';

/** The signed-in user's API tokens for scripts and the CLI: create (shown once), list, revoke. */
@customElement('attest-tokens-page')
export class AttestTokensPage extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    pageStyles,
    formStyles,
    tableStyles,
    css`
      :host {
        max-width: 56rem;
      }
      section {
        margin-top: 1.25rem;
        padding: 1.25rem 1.5rem;
      }
      fieldset {
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend {
        margin-bottom: 0.4rem;
        font-weight: 600;
        font-size: 0.875rem;
      }
      .checks {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1.25rem;
      }
      .checks label {
        flex-direction: row;
        align-items: center;
        gap: 0.45rem;
        font-weight: 400;
        font-size: 0.925rem;
      }
      .row {
        display: grid;
        grid-template-columns: 2fr 1fr;
        gap: 0.75rem;
      }
      .secret {
        display: flex;
        flex-direction: column;
        gap: 0.6rem;
        padding: 1rem;
        border: 1px solid #75e0a7;
        border-radius: var(--attest-radius);
        background: #ecfdf3;
      }
      .secret p {
        margin: 0;
      }
      code {
        font-family: var(--attest-font-mono);
        font-size: 0.85rem;
        overflow-wrap: anywhere;
      }
      .secret > code {
        padding: 0.45rem 0.6rem;
        border-radius: 4px;
        background: var(--attest-color-surface);
        border: 1px solid var(--attest-color-border);
      }
      .empty {
        margin: 0;
        color: var(--attest-color-muted);
      }
    `,
  ];

  protected readonly page = new PageController(this, { title: () => 'API tokens' });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private created: CreatedApiToken | undefined;
  @state() private failure: string | undefined;
  @state() private isBusy = false;

  private readonly dataTask = new Task(this, {
    task: async (_args, { signal }) => {
      const [tokens, projects] = await Promise.all([
        this.api.listTokens(signal),
        this.api.listProjects(signal),
      ]);
      return { tokens: tokens.items, projects: projects.items };
    },
    args: () => [],
  });

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    const name = String(fields.get('name') ?? '').trim();
    const projects = fields.getAll('projects').map(String);
    const days = Number(fields.get('days') ?? 0);
    this.failure = undefined;
    if (!name) this.failure = 'Name the token, e.g. after the script that uses it.';
    else if (projects.length === 0) this.failure = 'Choose at least one project the token may reach.';
    if (this.failure) return this.focusMessage();
    this.isBusy = true;
    try {
      this.created = await this.api.createToken({
        name,
        projects,
        ...(days > 0 ? { expiresInDays: days } : {}),
      });
      form.reset();
      this.dataTask.run();
    } catch (error) {
      this.failure = errorMessage(error);
    } finally {
      this.isBusy = false;
    }
    await this.focusMessage();
  }

  private async focusMessage(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.form-error, .secret')?.focus();
  }

  private async revoke(token: ApiToken): Promise<void> {
    if (!window.confirm(`Revoke the token “${token.name}”? Scripts using it stop working.`)) return;
    try {
      await this.api.revokeToken(token.id);
      if (this.created?.id === token.id) this.created = undefined;
      this.dataTask.run();
    } catch (error) {
      this.failure = errorMessage(error);
    }
  }

  private renderTokens(tokens: ApiToken[]) {
    if (tokens.length === 0) return html`<p class="empty">No tokens yet.</p>`;
    return html`
      <div class="table-scroll"><table>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Projects</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${tokens.map(
            (token) => html`
              <tr>
                <td>${token.name}</td>
                <td><code>${token.start ?? ''}…</code></td>
                <td>${token.projects.join(', ')}</td>
                <td>${formatDate(token.createdAt)}</td>
                <td>${token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</td>
                <td>
                  <button class="button small" type="button" aria-label="Revoke ${token.name}" @click=${() => this.revoke(token)}>
                    Revoke
                  </button>
                </td>
              </tr>
            `,
          )}
        </tbody>
      </table></div>
    `;
  }

  private renderCreated(created: CreatedApiToken) {
    return html`
      <div class="secret" tabindex="-1" role="region" aria-label="New token">
        <p><strong>Copy the token “${created.name}” now:</strong> it is not shown again.</p>
        <code>${created.token}</code>
        <attest-copy-button .value=${created.token} label="Copy the token"></attest-copy-button>
        <p class="hint">Use it as <code>ATTEST_TOKEN=… pnpm attest import --server ${window.location.origin} --project ${created.projects[0] ?? 'SLUG'} FILE…</code></p>
      </div>
    `;
  }

  override render() {
    return html`
      ${breadcrumbsTemplate()}
      <h1 tabindex="-1">API tokens</h1>
      <p class="lede">Tokens let scripts and the <code>attest</code> command act as you, in the projects you choose.</p>
      ${this.dataTask.render({
        pending: () => html`<p role="status">Loading tokens…</p>`,
        complete: ({ tokens, projects }) => html`
          <section class="panel" aria-labelledby="create-heading">
            <h2 id="create-heading">Create a token</h2>
            <form aria-labelledby="create-heading" novalidate @submit=${this.create}>
              <div class="row">
                <label>Name <input name="name" autocomplete="off" placeholder="Nightly import" /></label>
                <label>
                  Expires
                  <select name="days">
                    <option value="30">In 30 days</option>
                    <option value="90" selected>In 90 days</option>
                    <option value="366">In a year</option>
                    <option value="0">Never</option>
                  </select>
                </label>
              </div>
              <fieldset>
                <legend>Projects it may reach</legend>
                <div class="checks">
                  ${projects.map(
                    (project) =>
                      html`<label><input type="checkbox" name="projects" value=${project.slug} /> ${project.name}</label>`,
                  )}
                </div>
              </fieldset>
              ${this.failure ? html`<p class="form-error" role="alert" tabindex="-1">${this.failure}</p>` : null}
              ${this.created ? this.renderCreated(this.created) : null}
              <div class="actions">
                <button class="button primary" type="submit" ?disabled=${this.isBusy}>Create token</button>
              </div>
            </form>
          </section>
          <section class="panel" aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">Your tokens</h2>
            ${this.renderTokens(tokens)}
          </section>
        `,
        error: (error) => html`<p class="message error" role="alert">${errorMessage(error)}</p>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-tokens-page': AttestTokensPage;
  }
}
