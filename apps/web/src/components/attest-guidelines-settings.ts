import type { Project } from '@attest/core';
import { consume } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { FormController } from '../controllers/form-controller.ts';
import { ProjectUpdateEvent } from '../events/project-update-event.ts';
import { baseStyles, buttonStyles, formStyles } from '../styles/shared.ts';
import './attest-markdown.ts';

/**
 * Edits a project's annotation guidelines in Markdown, with the preview analysts will see.
 *
 * @fires attest-project-update - The guidelines were saved.
 */
@customElement('attest-guidelines-settings')
export class AttestGuidelinesSettings extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        margin: 0 0 0.35rem;
        font-size: 1.1rem;
      }
      h3 {
        margin: 0;
        font-size: 0.875rem;
      }
      .intro {
        margin: 0 0 1rem;
        color: var(--attest-color-muted);
        font-size: 0.9rem;
      }
      .editor {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 1rem;
      }
      textarea {
        min-height: 26rem;
        font-family: var(--attest-font-mono);
        font-size: 0.85rem;
      }
      .preview {
        display: flex;
        flex-direction: column;
        gap: 0.3rem;
      }
      attest-markdown {
        height: 26rem;
        overflow-y: auto;
        padding: 0.25rem 0.9rem;
        border: 1px solid var(--attest-color-border);
        border-radius: var(--attest-radius);
        background: var(--attest-color-raised);
        font-size: 0.9rem;
      }
    `,
  ];

  private readonly form = new FormController(this);

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private draft = '';

  /** The project whose guidelines are edited. */
  @property({ attribute: false }) project!: Project;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('project')) this.draft = this.project.guidelines;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    await this.form.submit(async () => {
      const project = await this.api.updateProject(this.project.slug, { guidelines: this.draft });
      this.dispatchEvent(new ProjectUpdateEvent(project));
      return `Guidelines saved (version ${project.guidelinesVersion}).`;
    });
  }

  override render() {
    const isChanged = this.draft !== this.project.guidelines;
    return html`
      <h2 id="guidelines-heading">Guidelines</h2>
      <p class="intro">
        Analysts open these from the annotate view. Write them in Markdown; the preview shows them as analysts will.
      </p>
      <form aria-labelledby="guidelines-heading" @submit=${this.save}>
        <div class="editor">
          <label>
            Markdown
            <textarea
              name="guidelines"
              spellcheck="true"
              .value=${this.draft}
              @input=${(event: InputEvent) => {
                this.draft = (event.target as HTMLTextAreaElement).value;
              }}
            ></textarea>
          </label>
          <div class="preview">
            <h3 id="preview-heading">Preview</h3>
            <attest-markdown role="region" aria-labelledby="preview-heading" tabindex="0" .markdown=${this.draft}></attest-markdown>
          </div>
        </div>
        ${this.form.renderMessage()}
        <div class="actions">
          <button class="button primary" type="submit" ?disabled=${this.form.isBusy || !isChanged}>Save guidelines</button>
          <button class="button" type="button" ?disabled=${!isChanged} @click=${() => {
            this.draft = this.project.guidelines;
          }}>Discard changes</button>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-guidelines-settings': AttestGuidelinesSettings;
  }
}
