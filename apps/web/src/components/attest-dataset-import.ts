import { importExtensions, importFileKind } from '@attest/core';
import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { type ImportReport, uploadImport } from '../api/dataset-transfer.ts';
import { DatasetImportEvent } from '../events/dataset-import-event.ts';
import { baseStyles, buttonStyles, formStyles } from '../styles/shared.ts';
import { errorMessage, formatBytes, plural } from './format.ts';
import './attest-transfer-progress.ts';

/** Where the upload stands; the chosen files stay chosen whatever happens. */
type Upload =
  | { kind: 'idle' }
  | { kind: 'sending'; sentBytes: number; totalBytes: number; controller: AbortController }
  | { kind: 'finished'; report: ImportReport; wasStrict: boolean; refused: RefusedFile[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; detail: string };

/** A chosen file of a kind the import does not read: not sent, and the reason shown. */
interface RefusedFile {
  name: string;
  reason: string;
}

/** Why a file will not be imported, or undefined when the server reads its kind. */
function refusalOf(file: File): string | undefined {
  const kind = importFileKind(file.name);
  return typeof kind === 'string' ? undefined : kind.refused;
}

/**
 * Imports files into a project — articles as .txt, article rows or Attest exports as JSON
 * lines or CSV, Attest zip bundles — with upload progress, a cancel button and a summary of
 * what was imported, skipped as already present, and which lines were bad.
 *
 * @fires attest-dataset-import - The server imported the files (bad rows are in the report).
 */
@customElement('attest-dataset-import')
export class AttestDatasetImport extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
      .drop-zone {
        display: flex;
        flex-direction: column;
        align-items: center;
        gap: 0.5rem;
        padding: 1.25rem;
        border: 2px dashed var(--attest-color-border-strong);
        border-radius: 10px;
        background: var(--attest-color-raised);
        text-align: center;
      }
      .drop-zone.is-over {
        border-color: var(--attest-color-accent);
        background: var(--attest-color-accent-soft);
      }
      .drop-zone p {
        margin: 0;
        color: var(--attest-color-muted);
        font-size: 0.9rem;
      }
      /* The native input says "No file chosen" once its list is handed over and cleared: it
         stays focusable but hidden, and the label shows as the button. */
      .choose {
        position: relative;
        flex-direction: row;
      }
      .choose:focus-within {
        outline: var(--attest-focus-ring);
        outline-offset: 2px;
      }
      .choose input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      .form-warning {
        margin: 0;
        padding: 0.6rem 0.8rem;
        border: 1px solid #fedf89;
        border-radius: var(--attest-radius);
        background: #fffaeb;
        color: #93370d;
        font-size: 0.9rem;
      }
      .files {
        margin: 0;
        padding: 0;
        list-style: none;
        border: 1px solid var(--attest-color-border);
        border-radius: var(--attest-radius);
      }
      .files li {
        display: flex;
        align-items: center;
        gap: 0.75rem;
        padding: 0.4rem 0.75rem;
        font-size: 0.9rem;
      }
      .files li + li {
        border-top: 1px solid var(--attest-color-border);
      }
      .file-name {
        flex: 1;
        overflow-wrap: anywhere;
        font-weight: 600;
      }
      .file-size {
        color: var(--attest-color-muted);
        white-space: nowrap;
      }
      .check {
        flex-direction: row;
        align-items: center;
        gap: 0.5rem;
        font-weight: 400;
      }
      .summary {
        display: flex;
        flex-direction: column;
        gap: 0.5rem;
      }
      .summary:focus {
        outline: none;
      }
      .bad-rows {
        margin: 0;
        padding-left: 1.25rem;
        font-size: 0.9rem;
        max-height: 12rem;
        overflow-y: auto;
      }
      .refused {
        display: block;
        font-weight: 400;
        color: var(--attest-color-danger);
      }
      .verdicts {
        margin: 0;
        padding-left: 1.25rem;
        font-size: 0.9rem;
      }
      .bad-rows li + li {
        margin-top: 0.25rem;
      }
      .where {
        font-weight: 600;
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @query('input[type=file]') private fileInput!: HTMLInputElement;

  @state() private files: File[] = [];
  @state() private isStrict = false;
  @state() private keepsAnnotators = false;
  @state() private isDragOver = false;
  @state() private upload: Upload = { kind: 'idle' };

  /** The project the files are imported into. */
  @property() slug = '';

  /** Whether the user may give an export's labels back to its annotators (owners may). */
  @property({ type: Boolean }) mayKeepAnnotators = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.upload.kind === 'sending') this.upload.controller.abort();
  }

  private addFiles(added: Iterable<File>): void {
    const keyOf = (file: File) => `${file.name}:${file.size}:${file.lastModified}`;
    const known = new Set(this.files.map(keyOf));
    this.files = [...this.files, ...[...added].filter((file) => !known.has(keyOf(file)))];
    if (this.upload.kind !== 'sending') this.upload = { kind: 'idle' };
  }

  private removeFile(removed: File): void {
    this.files = this.files.filter((file) => file !== removed);
  }

  private handleChoose(): void {
    this.addFiles(this.fileInput.files ?? []);
    // Cleared so that choosing the same file again (after removing it) fires change.
    this.fileInput.value = '';
  }

  /** Files dropped anywhere in the dialog's form are taken (not opened by the browser). */
  private handleDrop(event: DragEvent): void {
    event.preventDefault();
    this.isDragOver = false;
    this.addFiles(event.dataTransfer?.files ?? []);
  }

  private handleDragOver(event: DragEvent): void {
    event.preventDefault();
    this.isDragOver = true;
  }

  private handleDragLeave(event: DragEvent): void {
    const form = event.currentTarget as HTMLElement;
    // Moving between the form's own children fires dragleave too: only leaving the form counts.
    if (!form.contains(event.relatedTarget as Node | null)) this.isDragOver = false;
  }

  private get importableFiles(): File[] {
    return this.files.filter((file) => refusalOf(file) === undefined);
  }

  private async send(): Promise<void> {
    const controller = new AbortController();
    const sent = this.importableFiles;
    const refused = this.files.flatMap((file) => {
      const reason = refusalOf(file);
      return reason ? [{ name: file.name, reason }] : [];
    });
    const totalBytes = sent.reduce((sum, file) => sum + file.size, 0);
    const wasStrict = this.isStrict;
    this.upload = { kind: 'sending', sentBytes: 0, totalBytes, controller };
    try {
      const report = await uploadImport(this.api, this.slug, sent, {
        isStrict: wasStrict,
        keepsAnnotators: this.mayKeepAnnotators && this.keepsAnnotators,
        signal: controller.signal,
        onProgress: (progress) => {
          this.upload = { kind: 'sending', ...progress, controller };
        },
      });
      this.upload = { kind: 'finished', report, wasStrict, refused };
      // A clean import is done with its files; with bad rows they stay, ready for a retry
      // (documents already imported are then skipped as duplicates). Files of a kind Attest
      // does not import go: their verdict is in the summary.
      this.files = report.errors.length === 0 ? [] : this.importableFiles;
      this.dispatchEvent(new DatasetImportEvent(report));
    } catch (error) {
      this.upload =
        error instanceof DOMException && error.name === 'AbortError'
          ? { kind: 'cancelled' }
          : { kind: 'failed', detail: errorMessage(error) };
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#import-outcome')?.focus();
  }

  private cancel(): void {
    if (this.upload.kind === 'sending') this.upload.controller.abort();
  }

  private renderProgress() {
    if (this.upload.kind !== 'sending') return null;
    const { sentBytes, totalBytes } = this.upload;
    const isSent = totalBytes > 0 && sentBytes >= totalBytes;
    const text = isSent
      ? `${formatBytes(totalBytes)} sent; the server is importing…`
      : `${formatBytes(sentBytes)} of ${formatBytes(totalBytes)} sent`;
    return html`
      <attest-transfer-progress
        label="Upload"
        .value=${isSent ? 0 : sentBytes}
        .max=${isSent ? 0 : totalBytes}
        .text=${text}
      ></attest-transfer-progress>
    `;
  }

  private renderOutcome() {
    const { upload } = this;
    switch (upload.kind) {
      case 'finished': {
        const { report } = upload;
        const isRolledBack = upload.wasStrict && report.errors.length > 0;
        return html`<div class="summary" id="import-outcome" tabindex="-1" role="status">
          <p class=${isRolledBack ? 'form-error' : report.errors.length > 0 ? 'form-warning' : 'form-success'}>
            ${
              isRolledBack
                ? `Strict import: nothing was imported because ${plural(report.errors.length, 'row')} ${report.errors.length === 1 ? 'is' : 'are'} bad.`
                : `${plural(report.imported, 'document')} imported · ${report.skipped} skipped as already in the project` +
                  (report.errors.length > 0 ? ` · ${plural(report.errors.length, 'bad row')}` : '') +
                  (
                    report.linking.waitingDocuments > 0
                      ? ` · linking claims: ${plural(report.linking.waitingDocuments, 'document')} waiting`
                      : ''
                  )
            }
          </p>
          <ul class="verdicts" aria-label="Files">
            ${report.files.map(
              (verdict) => html`<li>
                <span class="where">${verdict.file}:</span> ${fileVerdict(verdict, isRolledBack)}
              </li>`,
            )}
            ${upload.refused.map(
              (file) => html`<li><span class="where">${file.name}:</span> not imported. ${file.reason}</li>`,
            )}
          </ul>
          ${
            report.errors.length > 0
              ? html`<ul class="bad-rows" aria-label="Bad rows">
                  ${report.errors.map(
                    (error) => html`<li>
                      <span class="where">${error.file ? `${error.file}, ` : ''}line ${error.line}:</span>
                      ${error.message}
                    </li>`,
                  )}
                </ul>
                <p class="hint">Fix the lines and import the files again: documents already imported are skipped.</p>`
              : null
          }
        </div>`;
      }
      case 'cancelled':
        return html`<p class="hint" id="import-outcome" tabindex="-1" role="status">
          Upload cancelled; nothing was imported. The files are still selected.
        </p>`;
      case 'failed':
        return html`<p class="form-error" id="import-outcome" tabindex="-1" role="alert">
          The import failed: ${upload.detail} The files are still selected: try again.
        </p>`;
      default:
        return null;
    }
  }

  override render() {
    const isSending = this.upload.kind === 'sending';
    const importableCount = this.importableFiles.length;
    return html`
      <form
        aria-label="Import files"
        novalidate
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.send();
        }}
        @dragover=${this.handleDragOver}
        @dragleave=${this.handleDragLeave}
        @drop=${this.handleDrop}
      >
        <p class="hint">
          Plain-text articles (<code>.txt</code>), article rows as JSON lines or CSV (<code>title</code>,
          <code>outlet</code>, <code>url</code>, <code>published_at</code>, <code>body</code>), or an Attest
          export (<code>.jsonl</code>, <code>.csv</code>, <code>.zip</code>) with its labels. Other files,
          <code>.json</code> among them, are not imported.
        </p>
        <div class="drop-zone ${this.isDragOver ? 'is-over' : ''}">
          <label class="button choose">
            <span aria-hidden="true">Choose files…</span>
            <span class="visually-hidden">Files to import</span>
            <input
              type="file"
              multiple
              accept=${importExtensions.join(',')}
              ?disabled=${isSending}
              @change=${this.handleChoose}
            />
          </label>
          <p>or drop files here</p>
        </div>
        ${
          this.files.length > 0
            ? html`<ul class="files" aria-label="Chosen files">
                ${this.files.map(
                  (file) => html`<li>
                    <span class="file-name">
                      ${file.name}
                      ${refusalOf(file) ? html`<span class="refused">Will not be imported: ${refusalOf(file)}</span>` : null}
                    </span>
                    <span class="file-size">${formatBytes(file.size)}</span>
                    <button
                      class="button small"
                      type="button"
                      aria-label="Remove ${file.name}"
                      ?disabled=${isSending}
                      @click=${() => this.removeFile(file)}
                    >
                      Remove
                    </button>
                  </li>`,
                )}
              </ul>`
            : null
        }
        <label class="check">
          <input
            type="checkbox"
            .checked=${this.isStrict}
            ?disabled=${isSending}
            @change=${(event: Event) => {
              this.isStrict = (event.target as HTMLInputElement).checked;
            }}
          />
          Strict: import nothing if any row is bad
        </label>
        ${
          this.mayKeepAnnotators
            ? html`<label class="check">
                <input
                  type="checkbox"
                  .checked=${this.keepsAnnotators}
                  ?disabled=${isSending}
                  @change=${(event: Event) => {
                    this.keepsAnnotators = (event.target as HTMLInputElement).checked;
                  }}
                />
                Keep the exported annotators: labels in an Attest export go back to the members with
                those e-mail addresses (otherwise they are yours)
              </label>`
            : null
        }
        ${this.renderProgress()}
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${isSending || importableCount === 0}>
            ${isSending ? 'Importing…' : importableCount > 1 ? `Import ${importableCount} files` : 'Import'}
          </button>
          ${isSending ? html`<button class="button" type="button" @click=${this.cancel}>Cancel upload</button>` : null}
        </div>
        ${this.renderOutcome()}
      </form>
    `;
  }
}

/** What became of one file, in words. */
function fileVerdict(verdict: ImportReport['files'][number], isRolledBack: boolean): string {
  const parts: string[] = [];
  if (verdict.imported > 0) parts.push(`${plural(verdict.imported, 'document')} imported`);
  if (verdict.skipped > 0) parts.push(`${verdict.skipped} already in the project`);
  if (verdict.errors > 0) parts.push(`${plural(verdict.errors, 'problem')}, listed below`);
  if (isRolledBack && verdict.errors === 0) return 'not imported (strict: another file has bad rows)';
  return parts.length > 0 ? parts.join(' · ') : 'nothing to import';
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-dataset-import': AttestDatasetImport;
  }
}
