import type { DocumentSummary, Project } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { downloadExport, pickSaveTarget } from '../api/dataset-transfer.ts';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import { exportPageStyles } from './attest-export-page.styles.ts';
import {
  defaultExportChoices,
  type ExportChoices,
  type ExportFormat,
  type ExportScope,
  exportCliCommand,
  exportCurlCommand,
  exportFileName,
  exportFormatsFor,
  exportPath,
  exportScopes,
  type GoldStatusChoice,
  goldStatuses,
  hasSentenceRows,
} from './export-choices.ts';
import { errorMessage, formatBytes, formatUtcDay, plural } from './format.ts';
import { breadcrumbsTemplate, loadErrorTemplate } from './page-templates.ts';
import { canReview } from './roles.ts';
import './attest-copy-button.ts';
import './attest-transfer-progress.ts';

interface ProjectWithDocuments {
  project: Project;
  documents: DocumentSummary[];
  /** Whether the project has more documents than the list offers. */
  isListCut: boolean;
}

/** Where the download stands; the choices stay as they were whatever happens. */
type Transfer =
  | { kind: 'idle' }
  | { kind: 'running'; bytes: number; rows: number | undefined; controller: AbortController }
  | { kind: 'saved'; filename: string; bytes: number; rows: number | undefined }
  | { kind: 'cancelled' }
  | { kind: 'failed'; detail: string };

/** The most document pages (of 50) offered as a document set; the API takes 1,000 ids. */
const documentPages = 20;

const scopeText: Record<ExportScope, { name: string; hint: string }> = {
  gold: {
    name: 'Gold labels',
    hint: 'One row per sentence with the settled label: the adjudication, else the label all analysts agree on.',
  },
  annotations: {
    name: 'Every annotation',
    hint: 'One row per analyst per sentence, for agreement studies; unlabelled sentences have no rows.',
  },
  claims: {
    name: 'Claims',
    hint: 'One row per claim carried across documents, with every occurrence: outlet, date, gold label, attribution.',
  },
};

const formatText: Record<ExportFormat, { name: string; hint: string }> = {
  jsonl: { name: 'JSON lines', hint: 'One JSON object per line: pandas, DuckDB, Hugging Face datasets.' },
  csv: { name: 'CSV', hint: 'For spreadsheets and R: one header line, lists as JSON text, formula-safe.' },
  parquet: {
    name: 'Parquet',
    hint: 'Typed and compressed columns, the quickest to load for large projects.',
  },
  zip: {
    name: 'Zip bundle',
    hint: 'All three formats, every document’s full text and the dataset card; imports back into Attest.',
  },
  card: { name: 'Dataset card', hint: 'README.md alone: counts, label distribution, agreement, field list.' },
};

const statusNames: Record<GoldStatusChoice, string> = {
  adjudicated: 'Adjudicated',
  agreed: 'Agreed',
  single: 'One analyst',
  disputed: 'Disputed',
  unlabelled: 'Unlabelled',
};

/**
 * Exports a project's labels as a dataset: scope, format, filters and annotator names chosen
 * here, the file streamed with its progress and saved under the server's name, and the same
 * request shown as an `attest export` command and a curl line.
 */
@customElement('attest-export-page')
export class AttestExportPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, exportPageStyles];

  protected readonly page = new PageController(this, {
    title: () => {
      const name = this.pageTask.value?.project.name;
      return name ? `Export: ${name}` : 'Export';
    },
  });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private choices: ExportChoices = defaultExportChoices;
  @state() private transfer: Transfer = { kind: 'idle' };

  /** The slug of the project exported. */
  @property() slug = '';

  private readonly pageTask = new Task(this, {
    task: async ([slug], { signal }): Promise<ProjectWithDocuments> => {
      const project = await this.api.getProject(slug, signal);
      const documents: DocumentSummary[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < documentPages; page++) {
        const documentPage = await this.api.listDocuments(slug, cursor, signal);
        documents.push(...documentPage.items);
        cursor = documentPage.nextCursor;
        if (!cursor) break;
      }
      return { project, documents, isListCut: cursor !== null };
    },
    args: () => [this.slug] as const,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.transfer.kind === 'running') this.transfer.controller.abort();
  }

  private choose(changes: Partial<ExportChoices>): void {
    const choices = { ...this.choices, ...changes };
    // A scope that does not come in the chosen format falls back to JSON lines.
    if (!exportFormatsFor(choices.scope).includes(choices.format)) choices.format = 'jsonl';
    this.choices = choices;
    if (this.transfer.kind !== 'running') this.transfer = { kind: 'idle' };
  }

  private toggle<T extends string>(list: readonly T[], value: T, isChecked: boolean): T[] {
    return isChecked
      ? [...list.filter((item) => item !== value), value]
      : list.filter((item) => item !== value);
  }

  private async download(): Promise<void> {
    const controller = new AbortController();
    this.transfer = { kind: 'running', bytes: 0, rows: undefined, controller };
    try {
      const target = await pickSaveTarget(exportFileName(this.slug, this.choices));
      const file = await downloadExport(this.api, exportPath(this.slug, this.choices), {
        format: this.choices.format,
        target,
        signal: controller.signal,
        onProgress: ({ bytes, rows }) => {
          this.transfer = { kind: 'running', bytes, rows, controller };
        },
      });
      target.finish(file);
      this.transfer = {
        kind: 'saved',
        filename: target.chosenName ?? file.filename,
        bytes: file.bytes,
        rows: file.rows,
      };
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
        this.transfer = { kind: 'cancelled' };
        return;
      }
      this.transfer = { kind: 'failed', detail: errorMessage(error) };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('#export-error')?.focus();
    }
  }

  private cancel(): void {
    if (this.transfer.kind === 'running') this.transfer.controller.abort();
  }

  private renderRadios<T extends string>(
    name: string,
    values: readonly T[],
    text: Record<T, { name: string; hint: string }>,
    selected: T,
    onChoose: (value: T) => void,
  ) {
    return html`<div class="options ${values.length > 2 ? 'two' : ''}">
      ${values.map(
        (value) => html`
          <label class="option">
            <input
              type="radio"
              name=${name}
              .value=${value}
              .checked=${selected === value}
              aria-describedby="${name}-${value}-hint"
              @change=${() => onChoose(value)}
            />
            <span class="option-name">${text[value].name} <code>${value}</code></span>
            <span class="option-hint" id="${name}-${value}-hint">${text[value].hint}</span>
          </label>
        `,
      )}
    </div>`;
  }

  private renderFilters(loaded: ProjectWithDocuments) {
    const { choices } = this;
    return html`
      <fieldset>
        <legend>Filters <span class="legend-note">· none ticked in a group means all</span></legend>
        <fieldset class="filter-group">
          <legend>Documents</legend>
          ${
            loaded.documents.length === 0
              ? html`<p class="hint">The project has no documents yet.</p>`
              : html`<div class="document-list">
                  ${loaded.documents.map(
                    (document) => html`<label class="check">
                      <input
                        type="checkbox"
                        .checked=${choices.documentIds.includes(document.id)}
                        @change=${(event: Event) =>
                          this.choose({
                            documentIds: this.toggle(choices.documentIds, document.id, isChecked(event)),
                          })}
                      />
                      ${document.title}${document.publishedAt ? ` (${formatUtcDay(document.publishedAt)})` : ''}
                    </label>`,
                  )}
                </div>`
          }
          ${
            loaded.isListCut
              ? html`<p class="hint">Only the first ${plural(loaded.documents.length, 'document')} are listed.</p>`
              : null
          }
        </fieldset>
        ${
          hasSentenceRows(choices.scope)
            ? html`
        <fieldset class="filter-group">
          <legend>Gold status</legend>
          <div class="checks">
            ${goldStatuses.map(
              (status) => html`<label class="check">
                <input
                  type="checkbox"
                  .checked=${choices.statuses.includes(status)}
                  @change=${(event: Event) =>
                    this.choose({ statuses: this.toggle(choices.statuses, status, isChecked(event)) })}
                />
                ${statusNames[status]}
              </label>`,
            )}
          </div>
        </fieldset>
        <fieldset class="filter-group">
          <legend>Labels</legend>
          <div class="checks">
            ${loaded.project.labels.map(
              (label) => html`<label class="check">
                <input
                  type="checkbox"
                  .checked=${choices.labels.includes(label.key)}
                  @change=${(event: Event) =>
                    this.choose({ labels: this.toggle(choices.labels, label.key, isChecked(event)) })}
                />
                ${label.name}
              </label>`,
            )}
          </div>
        </fieldset>
            `
            : null
        }
        <fieldset class="filter-group">
          <legend>Publication date</legend>
          <div class="dates">
            <label>
              From
              <input
                type="date"
                .value=${choices.publishedFrom}
                @change=${(event: Event) => this.choose({ publishedFrom: inputValue(event) })}
              />
            </label>
            <label>
              To (inclusive)
              <input
                type="date"
                .value=${choices.publishedTo}
                @change=${(event: Event) => this.choose({ publishedTo: inputValue(event) })}
              />
            </label>
          </div>
        </fieldset>
      </fieldset>
    `;
  }

  private renderTransfer() {
    const { transfer } = this;
    switch (transfer.kind) {
      case 'running':
        return html`<div class="transfer">
          <attest-transfer-progress label="Export download" .value=${transfer.bytes} .text=${transferText(transfer, 'received')}></attest-transfer-progress>
          <div class="actions">
            <button class="button" type="button" @click=${this.cancel}>Cancel download</button>
          </div>
        </div>`;
      case 'saved':
        return html`<div class="transfer">
          <attest-transfer-progress label="Export download" is-done .value=${transfer.bytes} .text=${transferText(transfer, 'received')}></attest-transfer-progress>
        </div>`;
      default:
        return null;
    }
  }

  private renderResult() {
    const { transfer } = this;
    switch (transfer.kind) {
      case 'saved':
        return html`Saved <strong>${transfer.filename}</strong>: ${transferText(transfer, 'in all')}.`;
      case 'cancelled':
        return 'Download cancelled; nothing was saved.';
      default:
        return '';
    }
  }

  private renderPage(loaded: ProjectWithDocuments) {
    const { project } = loaded;
    const breadcrumbs = breadcrumbsTemplate([
      { href: `/projects/${project.slug}`, text: project.name },
      { text: 'Export' },
    ]);
    if (!canReview(project.role)) {
      return html`${breadcrumbs}
        <h1 tabindex="-1">Export a dataset</h1>
        <p class="message" role="status">Only the project’s owners and reviewers can export its labels.</p>`;
    }
    const { choices, transfer } = this;
    const origin = window.location.origin;
    const isRunning = transfer.kind === 'running';
    return html`
      ${breadcrumbs}
      <h1 tabindex="-1">Export a dataset</h1>
      <p class="lede">
        ${project.name}: ${plural(project.documentCount, 'document')}. Rows follow the versioned schema in
        <a href="/docs/datasets">the dataset documentation</a>.
      </p>
      <div class="layout">
        <form class="panel choices" aria-label="Export choices" @submit=${(event: Event) => event.preventDefault()}>
          <fieldset>
            <legend>Scope</legend>
            ${this.renderRadios('scope', exportScopes, scopeText, choices.scope, (scope) => this.choose({ scope }))}
          </fieldset>
          <fieldset>
            <legend>Format</legend>
            ${this.renderRadios('format', exportFormatsFor(choices.scope), formatText, choices.format, (format) => this.choose({ format }))}
          </fieldset>
          ${this.renderFilters(loaded)}
          ${
            hasSentenceRows(choices.scope)
              ? html`<fieldset>
            <legend>Annotators</legend>
            <div class="checks">
              <label class="check">
                <input
                  type="checkbox"
                  .checked=${choices.showEmails}
                  @change=${(event: Event) => this.choose({ showEmails: isChecked(event) })}
                />
                Show e-mail addresses (otherwise annotator-1, annotator-2, … the same in every export)
              </label>
            </div>
          </fieldset>`
              : null
          }
        </form>
        <div class="aside">
          <section class="panel" aria-labelledby="download-heading">
            <h2 id="download-heading">Download</h2>
            <p class="summary">
              ${scopeText[choices.scope].name} as ${formatText[choices.format].name}, streamed from the server.
            </p>
            <div class="actions">
              <button class="button primary" type="button" ?disabled=${isRunning} @click=${this.download}>
                ${isRunning ? 'Downloading…' : 'Download'}
              </button>
            </div>
            ${this.renderTransfer()}
            <p class="result ${transfer.kind === 'saved' ? 'done' : ''}" role="status">${this.renderResult()}</p>
            ${
              transfer.kind === 'failed'
                ? html`<p class="message error" id="export-error" role="alert" tabindex="-1">
                    The export failed: ${transfer.detail}
                  </p>`
                : null
            }
          </section>
          <section class="panel" aria-labelledby="elsewhere-heading">
            <h2 id="elsewhere-heading">The same export elsewhere</h2>
            <div class="command">
              <div class="command-head">
                <span id="cli-label">Command line</span>
                <attest-copy-button .value=${exportCliCommand(project.slug, choices, origin)} label="Copy command"></attest-copy-button>
              </div>
              <pre aria-labelledby="cli-label" tabindex="0">${exportCliCommand(project.slug, choices, origin)}</pre>
            </div>
            <div class="command">
              <div class="command-head">
                <span id="url-label">API URL</span>
                <attest-copy-button .value=${origin + exportPath(project.slug, choices)} label="Copy URL"></attest-copy-button>
              </div>
              <pre aria-labelledby="url-label" tabindex="0">${origin + exportPath(project.slug, choices)}</pre>
            </div>
            <div class="command">
              <div class="command-head">
                <span id="curl-label">curl</span>
                <attest-copy-button .value=${exportCurlCommand(project.slug, choices, origin)} label="Copy curl command"></attest-copy-button>
              </div>
              <pre aria-labelledby="curl-label" tabindex="0">${exportCurlCommand(project.slug, choices, origin)}</pre>
            </div>
            <p class="hint">
              Both need an API token in <code>ATTEST_TOKEN</code>: create one under
              <a href="/account/tokens">API tokens</a>.
            </p>
          </section>
        </div>
      </div>
    `;
  }

  override render() {
    return this.pageTask.render({
      pending: () => html`<h1 tabindex="-1">Export a dataset</h1><p role="status">Loading the project…</p>`,
      complete: (loaded) => this.renderPage(loaded),
      error: (error) => loadErrorTemplate('Project not available', error, () => void this.pageTask.run()),
    });
  }
}

function isChecked(event: Event): boolean {
  return (event.target as HTMLInputElement).checked;
}

function inputValue(event: Event): string {
  return (event.target as HTMLInputElement).value;
}

/** "18.6 MB received · 3,400 rows". */
function transferText(progress: { bytes: number; rows: number | undefined }, verb: string): string {
  const size = `${formatBytes(progress.bytes)} ${verb}`;
  return progress.rows === undefined ? size : `${size} · ${plural(progress.rows, 'row')}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-export-page': AttestExportPage;
  }
}
