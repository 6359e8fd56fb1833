import type { ProjectSummary } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, pageStyles } from '../styles/shared.ts';
import { errorMessage, formatDate, plural } from './format.ts';

/** The start page: every project, each linking to its documents. */
@customElement('attest-projects-page')
export class AttestProjectsPage extends LitElement {
  static override styles = [
    baseStyles,
    pageStyles,
    css`
      ul {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr));
        gap: 1rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        position: relative;
        padding: 1.1rem 1.25rem;
      }
      li:hover {
        border-color: var(--attest-color-border-strong);
      }
      li a {
        font-size: 1.1rem;
        font-weight: 650;
        text-decoration: none;
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

  /** Set when the address matched no page, to say so above the project list. */
  @property({ attribute: false }) missingPath: string | undefined;

  private renderProject(project: ProjectSummary) {
    return html`
      <li class="panel">
        <a href="/projects/${project.slug}">${project.name}</a>
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
      ${this.projectsTask.render({
        pending: () => html`<p role="status">Loading projects…</p>`,
        complete: (projects) =>
          projects.length === 0
            ? html`<p class="message">There are no projects yet. Create one with the <code>attest</code> command.</p>`
            : html`<ul aria-label="Projects">${projects.map((project) => this.renderProject(project))}</ul>`,
        error: (error) =>
          html`<p class="message error" role="alert">Could not load the projects: ${errorMessage(error)}</p>`,
      })}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-projects-page': AttestProjectsPage;
  }
}
