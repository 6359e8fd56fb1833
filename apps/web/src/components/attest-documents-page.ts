import type { AuditEntry, DocumentQueue, DocumentSummary, Project } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient, ArchiveTarget } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import type { DatasetImportEvent } from '../events/dataset-import-event.ts';
import type { DeleteEvent } from '../events/delete-event.ts';
import type { DocumentImportEvent } from '../events/document-import-event.ts';
import { NavigateEvent } from '../events/navigate-event.ts';
import { baseStyles, buttonStyles, pageStyles, tableStyles } from '../styles/shared.ts';
import { documentsPageStyles } from './attest-documents-page.styles.ts';
import { describeDeletion } from './deletion-text.ts';
import { errorMessage, formatDate, formatUtcDay, plural } from './format.ts';
import { breadcrumbsTemplate, loadErrorTemplate } from './page-templates.ts';
import { canReview, roleNames } from './roles.ts';
import './attest-dataset-import.ts';
import './attest-delete-dialog.ts';
import './attest-dialog.ts';
import './attest-document-queue.ts';
import './attest-import-form.ts';
import './attest-progress.ts';

interface ProjectWithDocuments {
  project: Project;
  documents: DocumentSummary[];
  nextCursor: string | null;
  /** Owners only: the archived documents (the first page of them). */
  archived: DocumentSummary[];
  /** Owners only: who archived, restored or deleted what, newest first. */
  audit: AuditEntry[];
  /** The caller's active queue, when the project has it on. */
  queue: DocumentQueue | null;
}

/**
 * A project's documents with the caller's status and progress on each. Analysts see the
 * documents assigned to them and a Next document button; owners and reviewers also import
 * articles and open each document's review; owners reach the settings.
 */
@customElement('attest-documents-page')
export class AttestDocumentsPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, tableStyles, documentsPageStyles];

  protected readonly page = new PageController(this, {
    title: () => this.pageTask.value?.project.name ?? 'Documents',
  });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private isImportOpen = false;
  @state() private isLoadingMore = false;
  @state() private loadMoreError: string | undefined;
  @state() private refreshError: string | undefined;
  @state() private nextMessage: string | undefined;
  /** What archiving, restoring or deleting just did (or why it failed). */
  @state() private archiveNotice: { text: string; isError: boolean } | undefined;
  /** What the delete dialog asks about, while it is open. */
  @state() private deleting: { target: ArchiveTarget; name: string } | undefined;

  /** The slug of the project shown. */
  @property() slug = '';

  /** A message from the page before (e.g. "Created …"), shown under the heading. */
  @property() notice: string | undefined;

  private readonly pageTask = new Task(this, {
    task: async ([slug], { signal }): Promise<ProjectWithDocuments> => {
      const [project, firstPage] = await Promise.all([
        this.api.getProject(slug, signal),
        this.api.listDocuments(slug, null, signal),
      ]);
      const isOwner = project.role === 'owner';
      const [archived, audit, queue] = await Promise.all([
        isOwner
          ? this.api.listDocuments(slug, null, signal, { archived: true }).then((page) => page.items)
          : [],
        isOwner ? this.api.getAuditLog(slug, signal).then((log) => log.items) : [],
        project.activeQueue ? this.api.getDocumentQueue(slug, signal) : null,
      ]);
      return {
        project,
        documents: firstPage.items,
        nextCursor: firstPage.nextCursor,
        archived,
        audit,
        queue,
      };
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

  private async openNextDocument(): Promise<void> {
    this.nextMessage = undefined;
    try {
      const { documentId } = await this.api.nextDocument(this.slug);
      if (documentId) this.dispatchEvent(new NavigateEvent(`/documents/${documentId}`));
      else
        this.nextMessage =
          (this.pageTask.value?.project.documentCount ?? 0) === 0
            ? 'There are no documents in this project yet.'
            : 'Nothing left to label: every document assigned to you is done.';
    } catch (error) {
      this.nextMessage = errorMessage(error);
    }
  }

  /** Archives or restores a document or the project, then shows the lists as they are now. */
  private async setArchived(target: ArchiveTarget, name: string, archived: boolean): Promise<void> {
    this.archiveNotice = undefined;
    try {
      await this.api.setArchived(target, archived);
      const what = target.kind === 'project' ? 'the project' : `“${name}”`;
      this.archiveNotice = {
        text: archived
          ? `Archived ${what}: hidden ${target.kind === 'project' ? 'from the project list' : 'from lists, queues, reports and exports'}, kept, and restorable.`
          : `Restored ${what}.`,
        isError: false,
      };
      this.pageTask.run();
    } catch (error) {
      this.archiveNotice = { text: errorMessage(error), isError: true };
    }
  }

  private handleDelete(event: DeleteEvent): void {
    const target = this.deleting?.target;
    this.deleting = undefined;
    if (target?.kind === 'project') {
      this.dispatchEvent(new NavigateEvent('/', event.summary));
      return;
    }
    this.archiveNotice = { text: event.summary, isError: false };
    this.pageTask.run();
  }

  private renderArchived(loaded: ProjectWithDocuments) {
    return html`<section class="panel" aria-labelledby="archived-heading">
      <div class="section-heading">
        <h2 id="archived-heading">Archived documents</h2>
        <span class="count">${plural(loaded.archived.length, 'document')}</span>
      </div>
      ${
        loaded.archived.length === 0
          ? html`<p class="empty">None. Archived documents are hidden from lists, analysts' queues, reports and exports, and kept until you restore or delete them.</p>`
          : html`<div class="table-scroll"><table>
              <thead>
                <tr>
                  <th scope="col">Title</th>
                  <th scope="col">Archived</th>
                  <th scope="col"><span class="visually-hidden">Restore or delete</span></th>
                </tr>
              </thead>
              <tbody>
                ${loaded.archived.map(
                  (document) => html`<tr>
                    <td class="title"><a href="/documents/${document.id}" id="archived-${document.id}">${document.title}</a></td>
                    <td class="date">${formatDate(document.archivedAt)}</td>
                    <td class="review-cell">
                      <button
                        class="button small"
                        type="button"
                        aria-describedby="archived-${document.id}"
                        @click=${() => this.setArchived({ kind: 'document', id: document.id }, document.title, false)}
                      >Restore</button>
                      <button
                        class="button small"
                        type="button"
                        aria-describedby="archived-${document.id}"
                        @click=${() => {
                          this.deleting = {
                            target: { kind: 'document', id: document.id },
                            name: document.title,
                          };
                        }}
                      >Delete…</button>
                    </td>
                  </tr>`,
                )}
              </tbody>
            </table></div>`
      }
    </section>`;
  }

  private renderAuditLog(audit: readonly AuditEntry[]) {
    if (audit.length === 0) return nothing;
    const verbs = { archive: 'archived', restore: 'restored', delete: 'deleted' } as const;
    return html`<h3 id="audit-heading">History</h3>
      <ul aria-labelledby="audit-heading">
        ${audit.slice(0, 20).map(
          (entry) => html`<li>
            ${formatDate(entry.createdAt)}: ${entry.actorName} ${verbs[entry.action]} the ${entry.targetKind}
            “${entry.targetName}”${entry.counts ? ` with ${describeDeletion(entry.counts)}` : ''}
          </li>`,
        )}
      </ul>`;
  }

  private renderProjectArchive(project: Project, audit: readonly AuditEntry[]) {
    return html`<section class="panel" aria-labelledby="project-archive-heading">
      <h2 id="project-archive-heading">Archive or delete this project</h2>
      <p class="empty">
        Archiving hides the project from everyone's project list and keeps it; you can restore it
        here. Deleting removes it with every document, label and decision in it, for good.
      </p>
      <div class="header-actions">
        ${
          project.archivedAt
            ? nothing
            : html`<button class="button" type="button" @click=${() => this.setArchived({ kind: 'project', slug: project.slug }, project.name, true)}>
                Archive project
              </button>`
        }
        <button
          class="button"
          type="button"
          @click=${() => {
            this.deleting = { target: { kind: 'project', slug: project.slug }, name: project.name };
          }}
        >Delete project…</button>
      </div>
      ${this.renderAuditLog(audit)}
    </section>`;
  }

  private handleImport(event: DocumentImportEvent): void {
    const { document, created } = event.result;
    const notice = created
      ? `Imported “${document.title}”: ${plural(document.annotatableCount, 'sentence')} to tag.`
      : `Already imported: this text is in the project as “${document.title}”, opened here.`;
    this.dispatchEvent(new NavigateEvent(`/documents/${document.id}`, notice));
  }

  /**
   * Files came in through the dialog: list the new documents in place. Re-running the page's
   * task would replace the page, and the open dialog with its summary, by the loading state.
   */
  private async handleDatasetImport(event: DatasetImportEvent): Promise<void> {
    const loaded = this.pageTask.value;
    if (event.report.imported === 0 || !loaded) return;
    try {
      const [project, firstPage] = await Promise.all([
        this.api.getProject(this.slug),
        this.api.listDocuments(this.slug, null),
      ]);
      Object.assign(loaded, { project, documents: firstPage.items, nextCursor: firstPage.nextCursor });
      this.requestUpdate();
    } catch (error) {
      this.refreshError = `The list could not be refreshed after the import: ${errorMessage(error)} Reload the page.`;
    }
  }

  private renderDocuments(loaded: ProjectWithDocuments) {
    const isReviewer = canReview(loaded.project.role);
    if (loaded.documents.length === 0) {
      return html`<p class="empty">
        ${isReviewer ? 'No documents yet: import the first article below.' : 'No documents are assigned to you yet.'}
      </p>`;
    }
    return html`
      <div class="table-scroll"><table>
        <thead>
          <tr>
            <th scope="col">Title</th>
            ${isReviewer ? html`<th scope="col">Analysts</th>` : null}
            <th scope="col" class="wide-only">Published</th>
            <th scope="col" class="wide-only">Imported</th>
            <th scope="col">${isReviewer ? 'Your status' : 'Status'}</th>
            <th scope="col" class="progress-cell">Your progress</th>
            ${isReviewer ? html`<th scope="col"><span class="visually-hidden">Review and report</span></th>` : null}
            ${loaded.project.role === 'owner' ? html`<th scope="col"><span class="visually-hidden">Archive</span></th>` : null}
          </tr>
        </thead>
        <tbody>
          ${loaded.documents.map(
            (document) => html`
              <tr>
                <td class="title">
                  <a href="/documents/${document.id}" id="title-${document.id}">${document.title}</a>
                  ${document.outlet ? html`<span class="outlet">${document.outlet}</span>` : null}
                </td>
                ${isReviewer ? html`<td class="team-cell">${teamProgressTemplate(document.review)}</td>` : null}
                <td class="date wide-only">${formatUtcDay(document.publishedAt) || '—'}</td>
                <td class="date wide-only">${formatDate(document.createdAt)}</td>
                <td><span class="status ${document.status}">${statusNames[document.status]}</span></td>
                <td class="progress-cell">
                  <attest-progress
                    .value=${document.annotatedCount}
                    .max=${document.annotatableCount}
                    label="Progress on ${document.title}"
                  ></attest-progress>
                </td>
                ${
                  isReviewer
                    ? html`<td class="review-cell">
                        <a href="/documents/${document.id}/review" aria-describedby="title-${document.id}">Review</a>
                        ·
                        <a href="/documents/${document.id}/report" aria-describedby="title-${document.id}">Report</a>
                      </td>`
                    : null
                }
                ${
                  loaded.project.role === 'owner'
                    ? html`<td class="review-cell">
                        <button
                          class="button small"
                          type="button"
                          aria-describedby="title-${document.id}"
                          @click=${() => this.setArchived({ kind: 'document', id: document.id }, document.title, true)}
                        >Archive</button>
                      </td>`
                    : null
                }
              </tr>
            `,
          )}
        </tbody>
      </table></div>
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
      ${breadcrumbsTemplate([{ text: project.name }])}
      <div class="header">
        <div>
          <h1 tabindex="-1">${project.name}</h1>
          <p class="lede">
            ${plural(project.documentCount, 'document')} · ${plural(project.labels.length, 'label')} · you are
            ${roleNames[project.role].toLowerCase()}
          </p>
        </div>
        <div class="header-actions">
          ${
            canReview(project.role)
              ? html`<button class="button" type="button" @click=${() => {
                  this.isImportOpen = true;
                }}>Import files</button>
                  <a class="button" href="/projects/${project.slug}/export">Export</a>
                  <a class="button" href="/projects/${project.slug}/report">Project report</a>`
              : null
          }
          ${
            project.role === 'owner'
              ? html`<a class="button" href="/projects/${project.slug}/settings/members">Settings</a>`
              : null
          }
          <button class="button primary" type="button" @click=${this.openNextDocument}>Next document</button>
        </div>
      </div>
      ${this.notice ? html`<p class="message info" role="status">${this.notice}</p>` : null}
      ${this.nextMessage ? html`<p class="message next-message" role="status">${this.nextMessage}</p>` : null}
      ${
        project.archivedAt
          ? html`<p class="message next-message" role="status">
              This project is archived since ${formatDate(project.archivedAt)}: it is hidden from the
              project list and kept as it is.
              ${
                project.role === 'owner'
                  ? html`<button class="button small" type="button" @click=${() => this.setArchived({ kind: 'project', slug: project.slug }, project.name, false)}>Restore project</button>`
                  : nothing
              }
            </p>`
          : nothing
      }
      <p class=${this.archiveNotice?.isError ? 'message error next-message' : 'message next-message'} role="status" ?hidden=${!this.archiveNotice}>
        ${this.archiveNotice?.text ?? ''}
      </p>
      ${
        loaded.queue
          ? html`<section class="panel" aria-labelledby="queue-heading">
              <div class="section-heading">
                <h2 id="queue-heading">Your queue: least sure first</h2>
                ${
                  loaded.queue.ordersByModel
                    ? html`<span class="count">${plural(loaded.queue.items.length, 'document')}</span>`
                    : nothing
                }
              </div>
              <attest-document-queue .queue=${loaded.queue}></attest-document-queue>
            </section>`
          : nothing
      }
      <section class="panel" aria-labelledby="documents-heading">
        <div class="section-heading">
          <h2 id="documents-heading">Documents</h2>
          <span class="count">${plural(loaded.documents.length, 'document')} shown</span>
        </div>
        ${this.refreshError ? html`<p class="message error" role="alert">${this.refreshError}</p>` : null}
        ${this.renderDocuments(loaded)}
      </section>
      ${
        canReview(project.role)
          ? html`<section class="panel" aria-labelledby="import-heading">
              <h2 id="import-heading">Import an article</h2>
              <attest-import-form .slug=${project.slug} @attest-document-import=${this.handleImport}></attest-import-form>
            </section>
            <attest-dialog
              label="Import files"
              ?open=${this.isImportOpen}
              @attest-dialog-close=${() => {
                this.isImportOpen = false;
              }}
            >
              <attest-dataset-import
                .slug=${project.slug}
                ?mayKeepAnnotators=${project.role === 'owner'}
                @attest-dataset-import=${this.handleDatasetImport}
              ></attest-dataset-import>
            </attest-dialog>`
          : null
      }
      ${
        project.role === 'owner'
          ? html`${this.renderArchived(loaded)} ${this.renderProjectArchive(project, loaded.audit)}
              <attest-delete-dialog
                .target=${this.deleting?.target}
                name=${this.deleting?.name ?? ''}
                @attest-delete=${this.handleDelete}
                @attest-dialog-close=${() => {
                  this.deleting = undefined;
                }}
              ></attest-delete-dialog>`
          : nothing
      }
    `;
  }

  override render() {
    return this.pageTask.render({
      pending: () => html`<h1 tabindex="-1">Documents</h1><p role="status">Loading the project…</p>`,
      complete: (loaded) => this.renderPage(loaded),
      error: (error) => loadErrorTemplate('Project not available', error, () => void this.pageTask.run()),
    });
  }
}

/** Where the assigned analysts stand on a document, and what is left for a reviewer to decide. */
function teamProgressTemplate(review: DocumentSummary['review']) {
  if (!review) return '—';
  if (review.analystsAssigned === 0) return html`<span class="team-line">None assigned</span>`;
  return html`<span class="team-line">${review.analystsFinished} of ${review.analystsAssigned} finished</span>
    ${
      review.disputed > 0
        ? html`<span class="status disputed">${plural(review.disputed, 'disputed sentence')}</span>`
        : nothing
    }`;
}

const statusNames: Record<DocumentSummary['status'], string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

declare global {
  interface HTMLElementTagNameMap {
    'attest-documents-page': AttestDocumentsPage;
  }
}
