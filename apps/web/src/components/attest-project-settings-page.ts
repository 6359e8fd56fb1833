import type { Project } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import type { ProjectUpdateEvent } from '../events/project-update-event.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import { breadcrumbsTemplate, loadErrorTemplate } from './page-templates.ts';
import './attest-general-settings.ts';
import './attest-guidelines-settings.ts';
import './attest-labels-settings.ts';
import './attest-members-settings.ts';

const sections = [
  { key: 'members', name: 'Members' },
  { key: 'labels', name: 'Labels' },
  { key: 'guidelines', name: 'Guidelines' },
  { key: 'general', name: 'General' },
] as const;

/** A project's settings for its owners: members, labels, guidelines and assignment. */
/** Projects / the project / Settings: the way back for owners and for anyone sent here. */
function settingsBreadcrumbs(project: Project) {
  return breadcrumbsTemplate([
    { href: `/projects/${project.slug}`, text: project.name },
    { text: 'Settings' },
  ]);
}

@customElement('attest-project-settings-page')
export class AttestProjectSettingsPage extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    pageStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: 12rem minmax(0, 1fr);
        gap: 1.5rem;
        margin-top: 1.25rem;
      }
      .tabs ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .tabs a {
        display: block;
        padding: 0.5rem 0.75rem;
        border-radius: var(--attest-radius);
        color: var(--attest-color-text);
        font-weight: 600;
        text-decoration: none;
      }
      .tabs a:hover {
        background: var(--attest-color-surface);
      }
      .tabs a[aria-current='page'] {
        background: var(--attest-color-selected);
        color: var(--attest-color-accent-hover);
      }
      .content {
        padding: 1.25rem 1.5rem 1.5rem;
      }
    `,
  ];

  protected readonly page = new PageController(this, {
    title: () => {
      const project = this.projectTask.value;
      const section = sections.find((item) => item.key === this.section)?.name ?? 'Settings';
      return project ? `${section} · ${project.name}` : 'Settings';
    },
  });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  /** The project as a section last saved it, newer than the one loaded. */
  @state() private updatedProject: Project | undefined;

  /** The project's slug. */
  @property() slug = '';

  /** Which section is open: members, labels, guidelines or general. */
  @property() section = 'members';

  private readonly projectTask = new Task(this, {
    task: ([slug], { signal }) => {
      this.updatedProject = undefined;
      return this.api.getProject(slug, signal);
    },
    args: () => [this.slug] as const,
  });

  private handleProjectUpdate(event: ProjectUpdateEvent): void {
    this.updatedProject = event.project;
  }

  private renderSection(project: Project) {
    switch (this.section) {
      case 'labels':
        return html`<attest-labels-settings .project=${project}></attest-labels-settings>`;
      case 'guidelines':
        return html`<attest-guidelines-settings .project=${project}></attest-guidelines-settings>`;
      case 'general':
        return html`<attest-general-settings .project=${project}></attest-general-settings>`;
      default:
        return html`<attest-members-settings .project=${project}></attest-members-settings>`;
    }
  }

  private renderPage(project: Project) {
    const current = sections.some((item) => item.key === this.section) ? this.section : 'members';
    return html`
      ${settingsBreadcrumbs(project)}
      <h1 tabindex="-1">Settings</h1>
      <div class="layout">
        <nav class="tabs" aria-label="Settings">
          <ul>
            ${sections.map(
              (item) => html`
                <li>
                  <a href="/projects/${project.slug}/settings/${item.key}" aria-current=${current === item.key ? 'page' : 'false'}
                    >${item.name}</a
                  >
                </li>
              `,
            )}
          </ul>
        </nav>
        <div class="panel content" @attest-project-update=${this.handleProjectUpdate}>${this.renderSection(project)}</div>
      </div>
    `;
  }

  override render() {
    return this.projectTask.render({
      pending: () => html`<h1 tabindex="-1">Settings</h1><p role="status">Loading the project…</p>`,
      complete: (loaded) => {
        const project = this.updatedProject ?? loaded;
        if (project.role === 'owner') return this.renderPage(project);
        // The way back is the project this person is a member of.
        return html`
          ${settingsBreadcrumbs(project)}
          <h1 tabindex="-1">Settings</h1>
          <p class="message error" role="alert">
            Only the project’s owners can change its settings; you are its ${project.role}.
          </p>
        `;
      },
      error: (error) => loadErrorTemplate('Project not available', error, () => void this.projectTask.run()),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-project-settings-page': AttestProjectSettingsPage;
  }
}
