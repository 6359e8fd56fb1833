import type { ProjectSummary } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { type ApiClient, ApiError } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { NavigateEvent } from '../events/navigate-event.ts';
import { baseStyles, buttonStyles, formStyles, pageStyles } from '../styles/shared.ts';
import { errorMessage, formatDate, formErrorMessage, plural } from './format.ts';
import { roleNames } from './roles.ts';

/** The start page: the user's projects, each linking to its documents, and a new project form. */
@customElement('attest-projects-page')
export class AttestProjectsPage extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    pageStyles,
    formStyles,
    css`
      .create {
        margin-top: 2rem;
        padding: 1.25rem 1.5rem;
      }
      .create form {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 1.3fr) auto;
        align-items: start;
        gap: 0.75rem;
      }
      .create .button {
        margin-top: 1.55rem;
      }
      .create .form-error {
        grid-column: 1 / -1;
      }
      .role {
        padding: 0.05rem 0.5rem;
        border-radius: 999px;
        background: var(--attest-color-accent-soft);
        color: var(--attest-color-accent-hover);
        font-size: 0.8rem;
        font-weight: 600;
      }
      ul {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
        gap: 1rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      /* The title wraps beside the role badge rather than running under it. */
      li {
        position: relative;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        align-items: start;
        align-content: start;
        gap: 0 0.75rem;
        padding: 1.1rem 1.25rem;
      }
      li:hover {
        border-color: var(--attest-color-border-strong);
      }
      li a {
        font-size: 1.1rem;
        font-weight: 650;
        text-decoration: none;
        overflow-wrap: anywhere;
      }
      li a::after {
        content: '';
        position: absolute;
        inset: 0;
        border-radius: 10px;
      }
      li a:hover {
        text-decoration: underline;
      }
      .facts {
        grid-column: 1 / -1;
        margin: 0.35rem 0 0;
        color: var(--attest-color-muted);
        font-size: 0.9rem;
      }
      .slug {
        font-family: var(--attest-font-mono);
        font-size: 0.85rem;
      }
    `,
  ];

  protected readonly page = new PageController(this, { title: () => 'Projects' });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  private readonly projectsTask = new Task(this, {
    task: async (_args, { signal }) => (await this.api.listProjects(signal)).items,
    args: () => [],
  });

  /** Archived projects stay reachable: their owners restore or delete them on their page. */
  private readonly archivedTask = new Task(this, {
    task: async (_args, { signal }) => (await this.api.listArchivedProjects(signal)).items,
    args: () => [],
  });

  @state() private createFailure: { detail: string; fields: ReadonlySet<string> } | undefined;
  @state() private isCreating = false;
  @state() private suggestedSlug = '';
  /** The short name as typed; until the user types one it follows the name. */
  @state() private typedSlug: string | undefined;

  /** Set when the address matched no page, to say so above the project list. */
  @property({ attribute: false }) missingPath: string | undefined;
  /** What the previous page did, e.g. which project was deleted with what. */
  @property({ attribute: false }) notice: string | undefined;

  private async createProject(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const fields = new FormData(event.currentTarget as HTMLFormElement);
    const name = String(fields.get('name') ?? '').trim();
    const slug = String(fields.get('slug') ?? '').trim();
    this.createFailure = undefined;
    if (!name) {
      this.createFailure = { detail: 'Name the project.', fields: new Set(['name']) };
    } else {
      this.isCreating = true;
      try {
        const project = await this.api.createProject({ name, slug });
        // The new project's own page: where its documents go, with Settings one click away.
        this.dispatchEvent(
          new NavigateEvent(
            `/projects/${project.slug}`,
            `Created “${project.name}”. Import articles below, and invite teammates from Settings.`,
          ),
        );
        return;
      } catch (error) {
        const paths = error instanceof ApiError ? (error.problem?.errors ?? []).map((item) => item.path) : [];
        this.createFailure = {
          detail: formErrorMessage(error, { name: 'Name', slug: 'Short name in addresses' }),
          fields: new Set(paths),
        };
      } finally {
        this.isCreating = false;
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.create .form-error')?.focus();
  }

  private renderCreateForm() {
    const invalid = (name: string) => (this.createFailure?.fields.has(name) ? 'true' : 'false');
    return html`
      <section class="panel create" aria-labelledby="create-heading">
        <h2 id="create-heading">New project</h2>
        <form aria-labelledby="create-heading" novalidate @submit=${this.createProject}>
          <label>
            Name
            <input
              name="name"
              autocomplete="off"
              aria-invalid=${invalid('name')}
              @input=${(event: InputEvent) => {
                this.suggestedSlug = slugFromName((event.target as HTMLInputElement).value);
              }}
            />
          </label>
          <div class="field">
            <label for="slug">Short name in addresses</label>
            <input
              id="slug"
              name="slug"
              autocomplete="off"
              placeholder="e.g. kcna-2026"
              .value=${this.typedSlug ?? this.suggestedSlug}
              aria-invalid=${invalid('slug')}
              aria-describedby="slug-hint"
              @input=${(event: InputEvent) => {
                const typed = (event.target as HTMLInputElement).value;
                // Emptied: follow the name again.
                this.typedSlug = typed === '' ? undefined : typed;
              }}
            />
            <span class="hint" id="slug-hint">Lower-case letters, digits and hyphens.</span>
          </div>
          <button class="button primary" type="submit" ?disabled=${this.isCreating}>Create project</button>
          ${this.createFailure ? html`<p class="form-error" role="alert" tabindex="-1">${this.createFailure.detail}</p>` : null}
        </form>
      </section>
    `;
  }

  private renderProject(project: ProjectSummary) {
    return html`
      <li class="panel">
        <a href="/projects/${project.slug}">${project.name}</a>
        <span class="role">${roleNames[project.role]}</span>
        <p class="facts">
          ${plural(project.documentCount, 'document')} · created ${formatDate(project.createdAt)} ·
          <span class="slug">${project.slug}</span>
        </p>
      </li>
    `;
  }

  override render() {
    return html`
      <h1 tabindex="-1">Projects</h1>
      <p class="lede">Pick a project to import articles and tag where each sentence's content comes from.</p>
      ${
        this.missingPath
          ? html`<p class="message error" role="alert">There is no page at ${this.missingPath}.</p>`
          : null
      }
      ${this.notice ? html`<p class="message" role="status">${this.notice}</p>` : null}
      ${this.projectsTask.render({
        pending: () => html`<p role="status">Loading projects…</p>`,
        complete: (projects) =>
          projects.length === 0
            ? html`<p class="message">You are not in any project yet. Create one below, or ask a project owner for an invitation.</p>`
            : html`<ul aria-label="Projects">${projects.map((project) => this.renderProject(project))}</ul>`,
        error: (error) =>
          html`<p class="message error" role="alert">Could not load the projects: ${errorMessage(error)}</p>`,
      })}
      ${this.archivedTask.render({
        complete: (archived) =>
          archived.length === 0
            ? null
            : html`<details class="archived">
                <summary>Archived projects (${archived.length})</summary>
                <ul aria-label="Archived projects">${archived.map((project) => this.renderProject(project))}</ul>
              </details>`,
      })}
      ${this.renderCreateForm()}
    `;
  }
}

/** "KCNA claims 2026" → "kcna-claims-2026", a valid project slug. */
function slugFromName(name: string): string {
  return name
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, '-')
    .replaceAll(/^-+|-+$/g, '')
    .slice(0, 63);
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-projects-page': AttestProjectsPage;
  }
}
