import type { LabelInput, Project } from '@attest/core';
import { contrastRatio } from '@attest/core/labels';
import { consume } from '@lit/context';
import { css, html, LitElement, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { FormController } from '../controllers/form-controller.ts';
import { styleProperties } from '../directives/style-properties.ts';
import { ProjectUpdateEvent } from '../events/project-update-event.ts';
import { baseStyles, buttonStyles, formStyles } from '../styles/shared.ts';

/** White label text needs this contrast on the label's colour (WCAG AA, normal text). */
const minimumContrast = 4.5;

interface LabelDraft extends LabelInput {
  /** Saved before: its key is fixed, since annotations refer to it. */
  isSaved: boolean;
}

/**
 * Edits a project's labels: name, colour, hotkey and description; adds and removes labels.
 *
 * @fires attest-project-update - The labels were saved.
 */
@customElement('attest-labels-settings')
export class AttestLabelsSettings extends LitElement {
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
      .intro {
        margin: 0 0 1rem;
        color: var(--attest-color-muted);
        font-size: 0.9rem;
      }
      ol {
        display: flex;
        flex-direction: column;
        gap: 0.75rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      fieldset {
        display: grid;
        grid-template-columns: minmax(0, 1.4fr) minmax(0, 1.1fr) 10rem 5rem auto;
        gap: 0.6rem 0.75rem;
        align-items: end;
        margin: 0;
        padding: 0.85rem 1rem 1rem;
        border: 1px solid var(--attest-color-border);
        border-radius: 8px;
      }
      legend {
        padding: 0 0.35rem;
      }
      .chip {
        display: inline-block;
        padding: 0.1rem 0.55rem;
        border-radius: 999px;
        background: var(--label-color);
        color: #fff;
      }
      /* Unreadable in white: the preview stays legible while the error below explains. */
      .chip.low-contrast {
        color: var(--attest-color-text);
        outline: 1px solid var(--attest-color-border-strong);
        font-weight: 600;
        font-size: 0.85rem;
      }
      .description {
        grid-column: 1 / -1;
      }
      .colour {
        flex-direction: row;
        align-items: center;
        gap: 0.4rem;
      }
      .colour-field {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      input[type='color'] {
        width: 2.4rem;
        height: 2.3rem;
        padding: 0.15rem;
        flex: none;
      }
      code {
        font-family: var(--attest-font-mono);
        font-size: 0.85rem;
      }
      .contrast-error {
        grid-column: 1 / -1;
        margin: 0;
        color: var(--attest-color-danger);
        font-size: 0.875rem;
        font-weight: 600;
      }
      .footer {
        margin-top: 1rem;
      }
    `,
  ];

  private readonly form = new FormController(this, { focusesMessage: true });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @state() private drafts: LabelDraft[] = [];

  /** The project whose labels are edited. */
  @property({ attribute: false }) project!: Project;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('project')) {
      this.drafts = this.project.labels.map((label) => ({
        key: label.key,
        name: label.name,
        color: label.color,
        hotkey: label.hotkey,
        description: label.description,
        isSaved: true,
      }));
    }
  }

  private edit(index: number, changes: Partial<LabelInput>): void {
    this.drafts = this.drafts.map((draft, position) =>
      position === index ? { ...draft, ...changes } : draft,
    );
  }

  private add(): void {
    const usedHotkeys = new Set(this.drafts.map((draft) => draft.hotkey));
    const hotkey = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].find((key) => !usedHotkeys.has(key)) ?? null;
    this.drafts = [
      ...this.drafts,
      { key: '', name: '', color: '#475467', hotkey, description: '', isSaved: false },
    ];
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLInputElement>('li:last-child input[name="name"]')?.focus(),
    );
  }

  private removeDraft(index: number): void {
    this.drafts = this.drafts.filter((_draft, position) => position !== index);
  }

  private isReadable(color: string): boolean {
    return /^#[0-9a-f]{6}$/i.test(color) && contrastRatio('#ffffff', color) >= minimumContrast;
  }

  private async save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.form.clear();
    const unreadable = this.drafts.filter((draft) => !this.isReadable(draft.color));
    if (unreadable.length > 0) {
      await this.form.fail(
        `Choose darker colours for ${unreadable.map((draft) => draft.name || 'the new label').join(', ')}: white text on them is hard to read.`,
      );
      return;
    }
    await this.form.submit(async () => {
      const labels = this.drafts.map(({ isSaved: _isSaved, ...label }) => ({
        ...label,
        key: label.key || keyFromName(label.name),
        hotkey: label.hotkey || null,
      }));
      const project = await this.api.setLabels(this.project.slug, labels);
      this.dispatchEvent(new ProjectUpdateEvent(project));
      return 'Labels saved.';
    });
  }

  private renderDraft(draft: LabelDraft, index: number) {
    const title = draft.name || 'New label';
    const isReadable = this.isReadable(draft.color);
    const contrast = /^#[0-9a-f]{6}$/i.test(draft.color) ? contrastRatio('#ffffff', draft.color) : 0;
    const errorId = `contrast-${index}`;
    return html`
      <li>
        <fieldset>
          <legend><span class="chip ${isReadable ? '' : 'low-contrast'}" ${styleProperties({ '--label-color': draft.color })}>${title}</span></legend>
          <label>
            Name
            <input name="name" .value=${draft.name} required @input=${(event: InputEvent) => this.edit(index, { name: (event.target as HTMLInputElement).value })} />
          </label>
          <label>
            Key
            ${
              draft.isSaved
                ? html`<input name="key" .value=${draft.key} readonly aria-describedby="key-hint" />`
                : html`<input name="key" .value=${draft.key} placeholder=${keyFromName(draft.name) || 'my_label'} @input=${(event: InputEvent) => this.edit(index, { key: (event.target as HTMLInputElement).value })} />`
            }
          </label>
          <div class="field">
            <label for="color-${index}">Colour</label>
            <div class="colour-field">
              <input
                type="color"
                aria-label="Pick the colour of ${title}"
                .value=${/^#[0-9a-f]{6}$/i.test(draft.color) ? draft.color : '#000000'}
                @input=${(event: InputEvent) => this.edit(index, { color: (event.target as HTMLInputElement).value })}
              />
              <input
                id="color-${index}"
                name="color"
                aria-label="Colour of ${title}"
                .value=${draft.color}
                spellcheck="false"
                aria-invalid=${isReadable ? 'false' : 'true'}
                aria-describedby=${isReadable ? '' : errorId}
                @input=${(event: InputEvent) => this.edit(index, { color: (event.target as HTMLInputElement).value.trim() })}
              />
            </div>
          </div>
          <label>
            Hotkey
            <input
              name="hotkey"
              .value=${draft.hotkey ?? ''}
              maxlength="1"
              @input=${(event: InputEvent) => this.edit(index, { hotkey: (event.target as HTMLInputElement).value.toLowerCase() || null })}
            />
          </label>
          <button class="button" type="button" aria-label="Remove ${title}" @click=${() => this.removeDraft(index)}>Remove</button>
          <label class="description">
            Description
            <input
              name="description"
              .value=${draft.description}
              @input=${(event: InputEvent) => this.edit(index, { description: (event.target as HTMLInputElement).value })}
            />
          </label>
          ${
            isReadable
              ? null
              : html`<p class="contrast-error" id=${errorId}>
                  White text on this colour has ${contrast ? `a contrast of ${contrast.toFixed(1)}:1` : 'no valid colour'};
                  it needs at least ${minimumContrast}:1. Choose a darker colour.
                </p>`
          }
        </fieldset>
      </li>
    `;
  }

  override render() {
    return html`
      <h2 id="labels-heading">Labels</h2>
      <p class="intro" id="key-hint">
        Analysts tag each sentence with one label. A label's key is what exports contain; it stays
        fixed once saved. Labels already used in annotations cannot be removed.
      </p>
      <form aria-labelledby="labels-heading" novalidate @submit=${this.save}>
        <ol>
          ${this.drafts.map((draft, index) => this.renderDraft(draft, index))}
        </ol>
        ${this.form.renderMessage()}
        <div class="actions footer">
          <button class="button" type="button" @click=${this.add}>Add a label</button>
          <button class="button primary" type="submit" ?disabled=${this.form.isBusy}>Save labels</button>
        </div>
      </form>
    `;
  }
}

/** "Official denial" → "official_denial", a valid label key. */
function keyFromName(name: string): string {
  const key = name
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, '_')
    .replaceAll(/^_+|_+$/g, '')
    .slice(0, 40);
  return /^[a-z]/.test(key) ? key : key ? `label_${key}`.slice(0, 40) : '';
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-labels-settings': AttestLabelsSettings;
  }
}
