import type { Project } from '@attest/core';
import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { FormController } from '../controllers/form-controller.ts';
import { ProjectUpdateEvent } from '../events/project-update-event.ts';
import { baseStyles, buttonStyles, formStyles } from '../styles/shared.ts';

/**
 * A project's name, how many analysts label each document (blind double annotation) and
 * whether analysts may split and merge sentences.
 *
 * @fires attest-project-update - The settings were saved.
 */
@customElement('attest-general-settings')
export class AttestGeneralSettings extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    formStyles,
    css`
      :host {
        display: block;
        max-width: 34rem;
      }
      h2 {
        margin: 0 0 1rem;
        font-size: 1.1rem;
      }
      input[type='number'] {
        width: 7rem;
      }
      label.checkbox {
        flex-direction: row;
        align-items: center;
        gap: 0.5rem;
      }
    `,
  ];

  private readonly form = new FormController(this);

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  /** The project whose settings are edited. */
  @property({ attribute: false }) project!: Project;

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const fields = new FormData(event.currentTarget as HTMLFormElement);
    const name = String(fields.get('name') ?? '').trim();
    const annotatorsPerDocument = Number(fields.get('annotatorsPerDocument'));
    const analystsMaySegment = fields.get('analystsMaySegment') === 'on';
    await this.form.submit(async () => {
      const project = await this.api.updateProject(this.project.slug, {
        name,
        annotatorsPerDocument,
        analystsMaySegment,
      });
      this.dispatchEvent(new ProjectUpdateEvent(project));
      return 'Settings saved.';
    });
  }

  override render() {
    return html`
      <h2 id="general-heading">General</h2>
      <form aria-labelledby="general-heading" @submit=${this.save}>
        <label>Project name <input name="name" required .value=${this.project.name} /></label>
        <div class="field">
          <label for="per-document">Analysts per document</label>
          <input
            id="per-document"
            name="annotatorsPerDocument"
            type="number"
            min="1"
            max="10"
            required
            aria-describedby="per-document-hint"
            .value=${String(this.project.annotatorsPerDocument)}
          />
          <span class="hint" id="per-document-hint">
            Each document is assigned to this many analysts, who label it without seeing each other's
            labels. Two or more let reviewers measure agreement.
          </span>
        </div>
        <div class="field">
          <label class="checkbox">
            <input
              type="checkbox"
              name="analystsMaySegment"
              aria-describedby="segmentation-hint"
              .checked=${this.project.analystsMaySegment}
            />
            Analysts may split and merge sentences
          </label>
          <span class="hint" id="segmentation-hint">
            Sentences are shared: a split or merge changes them for everyone, and other people's labels
            on them with them (recorded in the history). Owners and reviewers always may.
          </span>
        </div>
        ${this.form.renderMessage()}
        <div class="actions"><button class="button primary" type="submit" ?disabled=${this.form.isBusy}>Save</button></div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-general-settings': AttestGeneralSettings;
  }
}
