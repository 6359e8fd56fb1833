import type { Project } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { FormController } from '../controllers/form-controller.ts';
import { ProjectUpdateEvent } from '../events/project-update-event.ts';
import { baseStyles, buttonStyles, formStyles } from '../styles/shared.ts';
import { errorMessage } from './format.ts';
import { describeQueueModel } from './queue-setting.ts';

/**
 * A project's name, how many analysts label each document (blind double annotation), whether
 * analysts may split and merge sentences, and the active queue, with the model it would order by.
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

  /** The model the active queue orders by, if any: read when the settings open. */
  private readonly modelTask = new Task(this, {
    task: ([slug], { signal }) => this.api.getSuggestionModel(slug, signal),
    args: () => [this.project.slug] as const,
  });

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const fields = new FormData(event.currentTarget as HTMLFormElement);
    const name = String(fields.get('name') ?? '').trim();
    const annotatorsPerDocument = Number(fields.get('annotatorsPerDocument'));
    const analystsMaySegment = fields.get('analystsMaySegment') === 'on';
    const activeQueue = fields.get('activeQueue') === 'on';
    await this.form.submit(async () => {
      const project = await this.api.updateProject(this.project.slug, {
        name,
        annotatorsPerDocument,
        analystsMaySegment,
        activeQueue,
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
        <div class="field">
          <label class="checkbox">
            <input
              type="checkbox"
              name="activeQueue"
              aria-describedby="queue-hint queue-model"
              .checked=${this.project.activeQueue}
            />
            Active queue: least sure first
          </label>
          <span class="hint" id="queue-hint">
            Each member's Next document, and <kbd>n</kbd> in the editor, go first where the project's model and
            the rules disagree on an unlabelled sentence, then where the model is least sure between its two
            likeliest labels. Only each member's own labels are read.
          </span>
          <span class="hint" id="queue-model">
            ${this.modelTask.render({
              pending: () => 'Reading the project’s model…',
              complete: (status) => describeQueueModel(status),
              error: (error) => `The project’s model could not be read: ${errorMessage(error)}`,
            })}
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
