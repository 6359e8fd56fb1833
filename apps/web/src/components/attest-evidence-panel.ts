import type { Annotation, CueSpan, Label, Sentence } from '@attest/core';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { styleProperties } from '../directives/style-properties.ts';
import { EvidenceChangeEvent } from '../events/evidence-change-event.ts';
import { SentenceActionEvent } from '../events/sentence-action-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';
import './attest-model-evidence.ts';
import { attributionsOf } from './attribution-cues.ts';
import { cueKindNames } from './cue-kinds.ts';
import type { EvidenceWarning } from './evidence-warnings.ts';

/** The analyst's annotation of one sentence as the editor holds it (saved or on its way). */
export interface AnnotationDraft {
  label: string;
  source: string | null;
  chain: readonly string[];
  cues: readonly CueSpan[];
  note: string | null;
  /** How the label relates to the suggestion shown when it was chosen; null: not recorded. */
  suggestion?: Annotation['suggestion'] | undefined;
}

/** Sources analysts name often; the suggestion's and the document's own are added to them. */
export const commonSources: readonly string[] = [
  'KCNA',
  'Rodong Sinmun',
  'KCTV',
  'Minju Joson',
  'Uriminzokkiri',
  'state media',
  'North Korean official',
  'JCS',
  'unification ministry',
  'defense ministry',
  'foreign ministry',
  'NIS',
  'U.S. officials',
  'observers',
  'analysts',
  'experts',
];

export { cueKindNames };

/**
 * The evidence behind the selected sentence's label: the label with any warning about it, the
 * suggestion, the source (typed or picked), the attribution chain, the cue words (removable),
 * a note, and the segmentation actions (split, merge with the next).
 *
 * @fires attest-evidence-change - The analyst changed the source, removed a cue or edited the note.
 * @fires attest-sentence-action - The analyst pressed Accept, Mark cue, Split or Merge.
 */
@customElement('attest-evidence-panel')
export class AttestEvidencePanel extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    css`
      :host {
        display: block;
        font-size: 0.9rem;
      }
      h2 {
        margin: 0 0 0.6rem;
        font-size: 1rem;
      }
      h3 {
        margin: 0 0 0.3rem;
        color: var(--attest-color-muted);
        font-size: 0.75rem;
        font-weight: 700;
        letter-spacing: 0.05em;
        text-transform: uppercase;
      }
      section + section,
      fieldset {
        margin-top: 0.85rem;
      }
      fieldset {
        min-width: 0;
        padding: 0;
        border: 0;
      }
      legend {
        padding: 0;
      }
      .label {
        display: inline-flex;
        align-items: center;
        padding: 0.1rem 0.55rem;
        border-radius: 999px;
        background: var(--label-color);
        color: #fff;
        font-weight: 600;
      }
      .untagged {
        color: var(--attest-color-muted);
      }
      .warnings {
        margin: 0.5rem 0 0;
        padding: 0;
        list-style: none;
      }
      .warnings li {
        display: flex;
        gap: 0.45rem;
        padding: 0.45rem 0.6rem;
        border: 1px solid #fec84b;
        border-radius: var(--attest-radius);
        background: #fffaeb;
        color: var(--attest-color-warning);
        line-height: 1.4;
      }
      .warnings li + li {
        margin-top: 0.35rem;
      }
      .icon {
        flex: none;
        font-weight: 700;
      }
      .attributions {
        margin: 0 0 0.5rem;
        padding-left: 1.2rem;
        line-height: 1.45;
      }
      .attributions .role {
        color: var(--attest-color-muted);
        font-size: 0.75rem;
        font-weight: 700;
        text-transform: uppercase;
      }
      .suggestion p {
        margin: 0 0 0.4rem;
        line-height: 1.45;
      }
      .muted {
        color: var(--attest-color-muted);
      }
      label {
        display: block;
        margin-bottom: 0.25rem;
        font-weight: 600;
      }
      input,
      textarea {
        width: 100%;
        padding: 0.4rem 0.55rem;
        border: 1px solid var(--attest-color-border-strong);
        border-radius: var(--attest-radius);
        background: var(--attest-color-surface);
        color: var(--attest-color-text);
        font: inherit;
      }
      textarea {
        min-height: 3.5rem;
        resize: vertical;
      }
      input:disabled,
      textarea:disabled {
        background: var(--attest-color-raised);
        color: var(--attest-color-subtle);
      }
      .field + .field {
        margin-top: 0.7rem;
      }
      .chain {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .chain li + li::before {
        content: '›';
        margin-right: 0.25rem;
        color: var(--attest-color-subtle);
      }
      .cues {
        display: flex;
        flex-wrap: wrap;
        gap: 0.35rem;
        margin: 0 0 0.5rem;
        padding: 0;
        list-style: none;
      }
      .cue {
        display: inline-flex;
        align-items: center;
        gap: 0.3rem;
        padding: 0.1rem 0.15rem 0.1rem 0.5rem;
        border: 1px solid #84caff;
        border-radius: 999px;
        background: #eff8ff;
      }
      .cue small {
        color: var(--attest-color-muted);
      }
      .cue button {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 1.6rem;
        height: 1.6rem;
        border: 0;
        border-radius: 50%;
        background: transparent;
        color: var(--attest-color-text);
        font: inherit;
        font-size: 1rem;
        cursor: pointer;
      }
      .cue button:hover:not(:disabled) {
        background: #d1e9ff;
      }
      .hint {
        margin: 0.35rem 0 0;
        color: var(--attest-color-muted);
        font-size: 0.85rem;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
      }
    `,
  ];

  /** The selected sentence (undefined when none is selected). */
  @property({ attribute: false }) sentence: Sentence | undefined;

  /** The project's labels, to name and colour the sentence's label. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  /** The analyst's annotation of the sentence; undefined while it is untagged. */
  @property({ attribute: false }) annotation: AnnotationDraft | undefined;

  /** Warnings about the label against its evidence. */
  @property({ attribute: false }) warnings: readonly EvidenceWarning[] = [];

  /** Sources offered while typing one. */
  @property({ attribute: false }) knownSources: readonly string[] = commonSources;

  /** Whether the user may split and merge sentences (the project's setting for analysts). */
  @property({ type: Boolean }) canSegment = false;

  /** Whether a next sentence exists to merge with. */
  @property({ type: Boolean }) canMerge = false;

  /** True while a split or merge is being saved, or split or cue mode is on: actions wait. */
  @property({ type: Boolean }) busy = false;

  private get labelOf() {
    const key = this.annotation?.label;
    return key === undefined ? undefined : this.labels.find((label) => label.key === key);
  }

  private act(action: SentenceActionEvent['action']): void {
    this.dispatchEvent(new SentenceActionEvent(action));
  }

  // The fields bind their value without live(): a re-render while the analyst types (a save
  // coming back) must not overwrite what they have typed but not yet committed.
  private changeSource(event: Event): void {
    const value = (event.target as HTMLInputElement).value.trim();
    this.dispatchEvent(new EvidenceChangeEvent({ source: value || null }));
  }

  private changeNote(event: Event): void {
    const value = (event.target as HTMLTextAreaElement).value.trim();
    this.dispatchEvent(new EvidenceChangeEvent({ note: value || null }));
  }

  /** Enter in the source field saves it (change fires first) and hands the keyboard back. */
  private handleSourceKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' || event.key === 'Escape') {
      if (event.key === 'Escape') (event.target as HTMLInputElement).value = this.annotation?.source ?? '';
      event.preventDefault();
      (event.target as HTMLInputElement).blur();
      this.act('return-focus');
    }
  }

  private removeCue(cue: CueSpan): void {
    const cues = (this.annotation?.cues ?? []).filter((other) => other !== cue);
    this.dispatchEvent(new EvidenceChangeEvent({ cues }));
  }

  /** Moves focus to the source field (the `e` shortcut), its text selected to type over. */
  focusSource(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#source');
    input?.focus();
    input?.select();
  }

  private renderLabel(sentence: Sentence) {
    const label = this.labelOf;
    return html`
      <section aria-labelledby="label-heading">
        <h3 id="label-heading">Label</h3>
        ${
          label
            ? html`<span class="label" ${styleProperties({ '--label-color': label.color })}>${label.name}</span>`
            : html`<span class="untagged">Untagged</span>`
        }
        ${
          this.warnings.length > 0
            ? html`<ul class="warnings" aria-label="Warnings about the label">
              ${this.warnings.map(
                (warning) => html`<li data-warning=${warning.id}>
                  <span class="icon" aria-hidden="true">⚠</span><span><span class="visually-hidden">Warning: </span>${warning.message}</span>
                </li>`,
              )}
            </ul>`
            : nothing
        }
        ${this.renderSuggestion(sentence)}
      </section>
    `;
  }

  private renderSuggestion(sentence: Sentence) {
    const suggestion = sentence.suggestion;
    const suggested = suggestion?.label
      ? this.labels.find((label) => label.key === suggestion.label)
      : undefined;
    if (!suggestion || !suggested) return nothing;
    const source = suggestion.source ? `, source ${suggestion.source}` : '';
    return html`
      <div class="suggestion">
        <p class="muted">
          Suggested: <strong>${suggested.name}</strong>${source} (${Math.round(suggestion.confidence * 100)}%)
        </p>
        <attest-model-evidence .suggestion=${suggestion} .labels=${this.labels}></attest-model-evidence>
        ${this.renderAttributions(sentence)}
        <button class="button small" type="button" aria-keyshortcuts="a" @click=${() => this.act('accept-suggestion')}>
          Accept suggestion <kbd aria-hidden="true">a</kbd>
        </button>
      </div>
    `;
  }

  /** Every attribution the suggestion found in the sentence: who, by which words, said what. */
  private renderAttributions(sentence: Sentence) {
    const attributions = attributionsOf(sentence.suggestion?.cues ?? []);
    if (attributions.length === 0) return nothing;
    const words = (cue: CueSpan | null) =>
      cue ? sentence.text.slice(cue.start - sentence.start, cue.end - sentence.start) : null;
    return html`
      <h3 id="attributions-heading">Attributions in this sentence</h3>
      <ol class="attributions" aria-labelledby="attributions-heading">
        ${attributions.map(
          ({ source, cue, content }) => html`<li>
            <span class="role">Source</span> ${words(source) ?? html`<span class="muted">not named</span>`}
            · <span class="role">Cue</span> “${words(cue)}”
            ${content ? html`· <span class="role">Content</span> “${words(content)}”` : nothing}
          </li>`,
        )}
      </ol>
    `;
  }

  private renderEvidence() {
    const annotation = this.annotation;
    const isUntagged = annotation === undefined;
    const sources = [...new Set(this.knownSources)];
    return html`
      <fieldset ?disabled=${isUntagged}>
        <legend class="visually-hidden">Evidence</legend>
        ${isUntagged ? html`<p class="hint">Tag the sentence to record its source, cues and a note.</p>` : nothing}
        <div class="field">
          <label for="source">Source <kbd aria-hidden="true">e</kbd></label>
          <input
            id="source"
            list="known-sources"
            autocomplete="off"
            aria-keyshortcuts="e"
            .value=${annotation?.source ?? ''}
            @change=${this.changeSource}
            @keydown=${this.handleSourceKeydown}
          />
          <datalist id="known-sources">${sources.map((source) => html`<option value=${source}></option>`)}</datalist>
        </div>
        <div class="field">
          <h3 id="chain-heading">Chain</h3>
          ${
            annotation && annotation.chain.length > 0
              ? html`<ol class="chain" aria-labelledby="chain-heading">
                ${annotation.chain.map((entity) => html`<li>${entity}</li>`)}
              </ol>`
              : html`<p class="hint">None recorded (accepting a suggestion records its chain).</p>`
          }
        </div>
        <div class="field">
          <h3 id="cues-heading">Cues</h3>
          ${
            annotation && annotation.cues.length > 0
              ? html`<ul class="cues" aria-labelledby="cues-heading">
                ${annotation.cues.map((cue) => {
                  // Cue offsets are into the document's text, and always within the sentence.
                  const start = this.sentence?.start ?? 0;
                  const words = this.sentence?.text.slice(cue.start - start, cue.end - start) ?? '';
                  return html`<li class="cue">
                    “${words}” <small>${cueKindNames[cue.kind]}</small>
                    <button type="button" aria-label="Remove cue “${words}”" title="Remove" @click=${() => this.removeCue(cue)}>
                      ×
                    </button>
                  </li>`;
                })}
              </ul>`
              : html`<p class="hint">No cue words marked.</p>`
          }
          <button
            class="button small"
            type="button"
            aria-keyshortcuts="c"
            ?disabled=${this.busy}
            @click=${() => this.act('start-cue')}
          >
            Mark cue… <kbd aria-hidden="true">c</kbd>
          </button>
        </div>
        <div class="field">
          <label for="note">Note</label>
          <textarea id="note" .value=${annotation?.note ?? ''} @change=${this.changeNote}></textarea>
        </div>
      </fieldset>
    `;
  }

  private renderSegmentation() {
    return html`
      <section aria-labelledby="segmentation-heading">
        <h3 id="segmentation-heading">Segmentation</h3>
        <div class="actions">
          <button
            class="button small"
            type="button"
            aria-keyshortcuts="s"
            ?disabled=${this.busy}
            @click=${() => this.act('start-split')}
          >
            Split… <kbd aria-hidden="true">s</kbd>
          </button>
          <button
            class="button small"
            type="button"
            aria-keyshortcuts="m"
            ?disabled=${this.busy || !this.canMerge}
            @click=${() => this.act('merge-next')}
          >
            Merge with next <kbd aria-hidden="true">m</kbd>
          </button>
        </div>
      </section>
    `;
  }

  override render() {
    const sentence = this.sentence;
    if (!sentence) return html`<p class="muted">Select a sentence to see its evidence.</p>`;
    return html`
      <h2>Sentence ${sentence.position + 1}</h2>
      ${this.renderLabel(sentence)} ${this.renderEvidence()}
      ${this.canSegment ? this.renderSegmentation() : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-evidence-panel': AttestEvidencePanel;
  }
}
