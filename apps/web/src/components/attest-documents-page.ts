import type { DocumentSummary, Project } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import type { DocumentImportEvent } from '../events/document-import-event.ts';
import { NavigateEvent } from '../events/navigate-event.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import { errorMessage, formatDate, plural } from './format.ts';
import { loadErrorTemplate } from './page-templates.ts';
import './attest-import-form.ts';
import './attest-progress.ts';

interface ProjectWithDocuments {
  project: Project;
  documents: DocumentSummary[];
  nextCursor: string | null;
}

/** A project's documents with the analyst's progress on each, and the import form. */
@customElement('attest-documents-page')
export class AttestDocumentsPage extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    pageStyles,
    css`
      section {
        margin-top: 1.5rem;
        padding: 1.25rem 1.5rem;
      }
      .section-heading {
        display: flex;
        align-items: baseline;
        justify-content: space-between;
        gap: 1rem;
      }
      .count {
        color: var(--attest-color-muted);
        font-size: 0.9rem;
      }
      table {
        width: 100%;
        border-collapse: collapse;
        font-size: 0.925rem;
      }
      th {
        padding: 0.5rem 0.75rem;
        border-bottom: 1px solid var(--attest-color-border);
        color: var(--attest-color-muted);
        font-size: 0.8rem;
        font-weight: 600;
        text-align: left;
        text-transform: uppercase;
        letter-spacing: 0.04em;
      }
      td {
        padding: 0.7rem 0.75rem;
        border-bottom: 1px solid var(--attest-color-background);
        vertical-align: top;
      }
      tbody tr:hover {
        background: var(--attest-color-raised);
      }
      tbody tr:last-child td {
        border-bottom: 0;
      }
      .title a {
        font-weight: 600;
        text-decoration: none;
      }
      .title a:hover {
        text-decoration: underline;
      }
      .outlet {
        display: block;
        margin-top: 0.15rem;
        color: var(--attest-color-muted);
        font-size: 0.85rem;
      }
      .date {
        white-space: nowrap;
        color: var(--attest-color-muted);
      }
      .progress-cell {
        width: 14rem;
      }
      .more {
        margin-top: 1rem;
        text-align: center;
      }
      .empty {
        margin: 0;
        color: var(--attest-color-muted);
      }
    `,
  ];

  protected readonly page = new PageController(this, {
    title: () => this.pageTask.value?.project.name ?? 'Documents',
  });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private isLoadingMore = false;
  @state() private loadMoreError: string | undefined;

  /** The slug of the project shown. */
  @property() slug = '';

  private readonly pageTask = new Task(this, {
    task: async ([slug], { signal }): Promise<ProjectWithDocuments> => {
      const [project, firstPage] = await Promise.all([
        this.api.getProject(slug, signal),
        this.api.listDocuments(slug, null, signal),
      ]);
      return { project, documents: firstPage.items, nextCursor: firstPage.nextCursor };
    },
    args: () => [this.slug] as const,
  });

  private async loadMore(loaded: ProjectWithDocuments): Promise<void> {
    this.isLoadingMore = true;
    this.loadMoreError = undefined;
    try {
      const nextPage = await this.api.listDocuments(this.slug, loaded.nextCursor);
      loaded.documents = [...loaded.documents, ...nextPage.items];
      loaded.nextCursor = nextPage.nextCursor;
    } catch (error) {
      this.loadMoreError = errorMessage(error);
    } finally {
      this.isLoadingMore = false;
    }
  }

  private handleImport(event: DocumentImportEvent): void {
    const { document, created } = event.result;
    const notice = created
      ? `Imported “${document.title}”: ${plural(document.annotatableCount, 'sentence')} to tag.`
      : `Already imported: this text is in the project as “${document.title}”, opened here.`;
    this.dispatchEvent(new NavigateEvent(`/documents/${document.id}`, notice));
  }

  private renderDocuments(loaded: ProjectWithDocuments) {
    if (loaded.documents.length === 0) {
      return html`<p class="empty">No documents yet: import the first article below.</p>`;
    }
    return html`
      <table>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Published</th>
            <th scope="col">Imported</th>
            <th scope="col" class="progress-cell">Your progress</th>
          </tr>
        </thead>
        <tbody>
          ${loaded.documents.map(
            (document) => html`
              <tr>
                <td class="title">
                  <a href="/documents/${document.id}">${document.title}</a>
                  ${document.outlet ? html`<span class="outlet">${document.outlet}</span>` : null}
                </td>
                <td class="date">${formatDate(document.publishedAt) || '—'}</td>
                <td class="date">${formatDate(document.createdAt)}</td>
                <td class="progress-cell">
                  <attest-progress
                    .value=${document.annotatedCount}
                    .max=${document.annotatableCount}
                    label="Progress on ${document.title}"
                  ></attest-progress>
                </td>
              </tr>
            `,
          )}
        </tbody>
      </table>
      ${
        loaded.nextCursor
          ? html`<div class="more">
              <button class="button" ?disabled=${this.isLoadingMore} @click=${() => this.loadMore(loaded)}>
                ${this.isLoadingMore ? 'Loading…' : 'Show more documents'}
              </button>
              ${this.loadMoreError ? html`<p class="message error" role="alert">${this.loadMoreError}</p>` : null}
            </div>`
          : null
      }
    `;
  }

  private renderPage(loaded: ProjectWithDocuments) {
    const { project } = loaded;
    return html`
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li><a href="/">Projects</a></li>
          <li><span aria-current="page">${project.name}</span></li>
        </ol>
      </nav>
      <h1 tabindex="-1">${project.name}</h1>
      <p class="lede">${plural(project.documentCount, 'document')} · ${plural(project.labels.length, 'label')}</p>
      <section class="panel" aria-labelledby="documents-heading">
        <div class="section-heading">
          <h2 id="documents-heading">Documents</h2>
          <span class="count">${plural(loaded.documents.length, 'document')} shown</span>
        </div>
        ${this.renderDocuments(loaded)}
      </section>
      <section class="panel" aria-labelledby="import-heading">
        <h2 id="import-heading">Import an article</h2>
        <attest-import-form .slug=${project.slug} @attest-document-import=${this.handleImport}></attest-import-form>
      </section>
    `;
  }

  override render() {
    return this.pageTask.render({
      pending: () => html`<h1 tabindex="-1">Documents</h1><p role="status">Loading the project…</p>`,
      complete: (loaded) => this.renderPage(loaded),
      error: (error) => loadErrorTemplate('Project not available', error),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-documents-page': AttestDocumentsPage;
  }
}
