import type { DocumentImport, ImportResult } from '@attest/core';
import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { type ApiClient, ApiError } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { DocumentImportEvent } from '../events/document-import-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';
import { formErrorMessage } from './format.ts';

type ImportMode = 'paste' | 'file';

interface ImportFailure {
  mode: ImportMode;
  detail: string;
  /** Fields the server named as wrong, e.g. "body", "url". */
  fields: ReadonlySet<string>;
}

/** The form's labels of the fields the API may name in an error. */
const importFieldLabels: Readonly<Record<string, string>> = {
  body: 'Article text',
  title: 'Title',
  outlet: 'Outlet',
  url: 'Source URL',
};

/**
 * Imports an article into a project, pasted as text or uploaded as a .txt file. On failure it
 * shows the server's explanation and keeps everything the analyst typed.
 *
 * @fires attest-document-import - An article was imported or found already imported.
 */
@customElement('attest-import-form')
export class AttestImportForm extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
      }
      .forms {
        display: grid;
        grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        gap: 1.5rem;
      }
      @media (max-width: 52rem) {
        .forms {
          grid-template-columns: 1fr;
        }
      }
      form {
        display: flex;
        flex-direction: column;
        gap: 0.85rem;
      }
      h3 {
        margin: 0;
        font-size: 1rem;
      }
      .hint {
        margin: -0.5rem 0 0;
        color: var(--attest-color-muted);
        font-size: 0.875rem;
      }
      .row {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.75rem;
      }
      label {
        display: flex;
        flex-direction: column;
        gap: 0.3rem;
        font-weight: 600;
        font-size: 0.875rem;
      }
      .optional {
        font-weight: 400;
        color: var(--attest-color-muted);
      }
      input,
      textarea {
        width: 100%;
        padding: 0.5rem 0.65rem;
        border: 1px solid var(--attest-color-border-strong);
        border-radius: var(--attest-radius);
        background: var(--attest-color-surface);
        color: var(--attest-color-text);
        font: inherit;
        font-weight: 400;
        font-size: 0.95rem;
      }
      textarea {
        min-height: 11rem;
        resize: vertical;
        line-height: 1.45;
      }
      input[type='file'] {
        padding: 0.4rem;
      }
      input[type='file']::file-selector-button {
        margin-right: 0.75rem;
        padding: 0.3rem 0.75rem;
        border: 1px solid var(--attest-color-border-strong);
        border-radius: var(--attest-radius);
        background: var(--attest-color-raised);
        color: var(--attest-color-text);
        font: inherit;
        font-weight: 600;
        cursor: pointer;
      }
      [aria-invalid='true'] {
        border-color: var(--attest-color-danger);
        box-shadow: 0 0 0 1px var(--attest-color-danger);
      }
      .actions {
        display: flex;
        align-items: center;
        gap: 0.75rem;
      }
      .error {
        margin: 0;
        padding: 0.6rem 0.8rem;
        border: 1px solid #fda29b;
        border-radius: var(--attest-radius);
        background: var(--attest-color-danger-soft);
        color: var(--attest-color-danger);
        font-size: 0.9rem;
      }
      .file-form {
        padding-left: 1.5rem;
        border-left: 1px solid var(--attest-color-border);
      }
      @media (max-width: 52rem) {
        .file-form {
          padding-left: 0;
          border-left: 0;
        }
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @query('#file') private fileInput!: HTMLInputElement;

  @state() private busyMode: ImportMode | undefined;
  @state() private failure: ImportFailure | undefined;
  @state() private hasFile = false;

  /** The project the article is imported into. */
  @property() slug = '';

  private async submit(mode: ImportMode, event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = new FormData(form);
    this.busyMode = mode;
    this.failure = undefined;
    try {
      const result = mode === 'paste' ? await this.importPasted(fields) : await this.importFile(fields);
      // Only a successful import empties the form; a failure keeps what the analyst typed.
      form.reset();
      this.hasFile = false;
      this.dispatchEvent(new DocumentImportEvent(result));
    } catch (error) {
      this.failure = {
        mode,
        detail: formErrorMessage(error, importFieldLabels),
        fields: new Set(
          error instanceof ApiError ? (error.problem?.errors ?? []).map((item) => item.path) : [],
        ),
      };
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${mode}-error`)?.focus();
    } finally {
      this.busyMode = undefined;
    }
  }

  private importPasted(fields: FormData): Promise<ImportResult> {
    const input: DocumentImport = { body: String(fields.get('body') ?? '') };
    for (const name of ['title', 'outlet', 'url'] as const) {
      const value = String(fields.get(name) ?? '').trim();
      if (value) input[name] = value;
    }
    return this.api.importText(this.slug, input);
  }

  private importFile(fields: FormData): Promise<ImportResult> {
    const file = this.fileInput.files?.[0];
    if (!file) return Promise.reject(new Error('Choose a .txt file to upload.'));
    return this.api.importFile(this.slug, file, String(fields.get('title') ?? '').trim() || undefined);
  }

  private isInvalid(mode: ImportMode, field: string): 'true' | 'false' {
    return this.failure?.mode === mode && this.failure.fields.has(field) ? 'true' : 'false';
  }

  private renderError(mode: ImportMode) {
    return this.failure?.mode === mode
      ? html`<p class="error" id="${mode}-error" role="alert" tabindex="-1">${this.failure.detail}</p>`
      : null;
  }

  override render() {
    return html`
      <div class="forms">
        <form aria-labelledby="paste-heading" novalidate @submit=${(event: SubmitEvent) => this.submit('paste', event)}>
          <h3 id="paste-heading">Paste an article</h3>
          <label>
            Article text
            <textarea
              name="body"
              spellcheck="false"
              aria-invalid=${this.isInvalid('paste', 'body')}
              placeholder="Headline on the first line, then the article…"
            ></textarea>
          </label>
          <label>
            <span>Title <span class="optional">(optional: the first line otherwise)</span></span>
            <input name="title" autocomplete="off" aria-invalid=${this.isInvalid('paste', 'title')} />
          </label>
          <div class="row">
            <label>
              <span>Outlet <span class="optional">(optional)</span></span>
              <input name="outlet" autocomplete="off" aria-invalid=${this.isInvalid('paste', 'outlet')} />
            </label>
            <label>
              <span>Source URL <span class="optional">(optional)</span></span>
              <input name="url" type="url" autocomplete="off" aria-invalid=${this.isInvalid('paste', 'url')} />
            </label>
          </div>
          ${this.renderError('paste')}
          <div class="actions">
            <button class="button primary" type="submit" ?disabled=${this.busyMode !== undefined}>
              ${this.busyMode === 'paste' ? 'Importing…' : 'Import text'}
            </button>
          </div>
        </form>
        <form
          class="file-form"
          aria-labelledby="file-heading"
          novalidate
          @submit=${(event: SubmitEvent) => this.submit('file', event)}
        >
          <h3 id="file-heading">Upload a file</h3>
          <p class="hint">
            A plain-text (.txt) file in UTF-8, headline on the first line. For several files, JSON lines,
            CSV or an Attest export, use <strong>Import files</strong> at the top of the page.
          </p>
          <label>
            Text file (.txt)
            <input
              id="file"
              name="file"
              type="file"
              accept=".txt,text/plain"
              aria-invalid=${this.failure?.mode === 'file' ? 'true' : 'false'}
              @change=${() => {
                this.hasFile = (this.fileInput.files?.length ?? 0) > 0;
              }}
            />
          </label>
          <label>
            <span>Title <span class="optional">(optional)</span></span>
            <input name="title" autocomplete="off" />
          </label>
          ${this.renderError('file')}
          <div class="actions">
            <button class="button primary" type="submit" ?disabled=${this.busyMode !== undefined || !this.hasFile}>
              ${this.busyMode === 'file' ? 'Uploading…' : 'Upload file'}
            </button>
          </div>
        </form>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-import-form': AttestImportForm;
  }
}
