import type { Label, Sentence } from '@attest/core';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { PendingConflict } from '../controllers/annotation-drafts-controller.ts';
import type { ActionMessage } from '../controllers/segmentation-controller.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import { annotateSideStyles } from './attest-annotate-side.styles.ts';
import type { AttestClaimPanel } from './attest-claim-panel.ts';
import { type AnnotationDraft, type AttestEvidencePanel, commonSources } from './attest-evidence-panel.ts';
import type { TextMode } from './attest-sentence-list.ts';
import type { EvidenceWarning } from './evidence-warnings.ts';
import './attest-claim-panel.ts';
import './attest-conflict-notice.ts';
import './attest-cue-editor.ts';
import './attest-evidence-panel.ts';
import './attest-split-editor.ts';
import type { CueSpan } from '@attest/core';

/**
 * Beside the annotate view's sentences, for the selected one: conflicts to settle, what the
 * last split or merge did, the split or cue editor of the mode, the evidence panel and the
 * claim panel. It stays on screen while the sentences scroll, so messages show here.
 *
 * @fires attest-conflict-resolve - From the conflict notice: Keep mine or Take theirs.
 * @fires attest-sentence-action - From the editors and the evidence panel: an action on the sentence.
 * @fires attest-evidence-change - From the evidence panel: source, chain, cues or note changed.
 */
@customElement('attest-annotate-side')
export class AttestAnnotateSide extends LitElement {
  static override styles = [baseStyles, buttonStyles, pageStyles, annotateSideStyles];

  @query('attest-evidence-panel') private evidencePanel: AttestEvidencePanel | undefined;
  @query('attest-claim-panel') private claimPanel: AttestClaimPanel | undefined;

  /** The selected sentence, if any. */
  @property({ attribute: false }) sentence: Sentence | undefined;

  /** Its annotation as shown, if it is tagged. */
  @property({ attribute: false }) annotation: AnnotationDraft | undefined;

  /** What to check in its evidence. */
  @property({ attribute: false }) warnings: readonly EvidenceWarning[] = [];

  /** Sources the analyst has used in this document, offered as they type. */
  @property({ attribute: false }) usedSources: readonly string[] = [];

  /** The project's labels. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  /** The document open, for the claim panel. */
  @property() documentId = '';

  /** Its project's slug, for the claim panel. */
  @property() projectSlug = '';

  /** Sentences changed elsewhere, waiting for Keep mine or Take theirs. */
  @property({ attribute: false }) conflicts: readonly PendingConflict[] = [];

  /** What the last split, merge or refused action did. */
  @property({ attribute: false }) message: ActionMessage | null = null;

  /** Reading, split mode or cue mode. */
  @property() mode: TextMode = 'browse';

  /** Split mode: where the sentence would be split, relative to its text. */
  @property({ attribute: false }) splitPoint: number | null = null;

  /** Cue mode: the words picked. */
  @property() pickedText = '';

  /** Cue mode: the kind the cue is marked as. */
  @property() cueKind: CueSpan['kind'] = 'source';

  /** Whether this user may split and merge in the project. */
  @property({ type: Boolean }) canSegment = false;

  /** Whether a sentence follows the selected one. */
  @property({ type: Boolean }) canMerge = false;

  /** True while a split or merge is under way. */
  @property({ type: Boolean }) isSegmenting = false;

  /** Moves focus to the evidence panel's source field. */
  focusSource(): void {
    this.evidencePanel?.focusSource();
  }

  /** The claim panel of the selected sentence, which takes the claim-link keys. */
  get claim(): AttestClaimPanel | undefined {
    return this.claimPanel;
  }

  override render() {
    const { sentence, message } = this;
    const knownSources = [
      ...commonSources,
      ...(sentence?.suggestion?.source ? [sentence.suggestion.source] : []),
      ...this.usedSources,
    ];
    return html`
      <aside aria-label="Selected sentence">
        ${
          // Conflicts and what a split or merge did show here, beside the sentences in view
          // (the panel stays on screen), not above a list the analyst may have scrolled far down.
          this.conflicts.length > 0
            ? html`<attest-conflict-notice .conflicts=${this.conflicts}></attest-conflict-notice>`
            : nothing
        }
        <div role="status">
          ${message?.tone === 'info' ? html`<p class="message info">${message.text}</p>` : nothing}
        </div>
        ${message?.tone === 'warning' ? html`<p class="message warning" role="alert">${message.text}</p>` : nothing}
        ${
          this.mode === 'split'
            ? html`<attest-split-editor
              .sentence=${sentence}
              .splitPoint=${this.splitPoint}
              ?busy=${this.isSegmenting}
            ></attest-split-editor>`
            : nothing
        }
        ${
          this.mode === 'cue' && sentence
            ? html`<attest-cue-editor .pickedText=${this.pickedText} .cueKind=${this.cueKind}></attest-cue-editor>`
            : nothing
        }
        <div class="panel evidence">
          <attest-evidence-panel
            .sentence=${sentence}
            .labels=${this.labels}
            .annotation=${this.annotation}
            .warnings=${this.warnings}
            .knownSources=${knownSources}
            ?canSegment=${this.canSegment}
            ?canMerge=${this.canMerge}
            ?busy=${this.isSegmenting || this.mode !== 'browse'}
          ></attest-evidence-panel>
        </div>
        <div class="panel claim">
          <attest-claim-panel
            .documentId=${this.documentId}
            .projectSlug=${this.projectSlug}
            .sentenceId=${sentence?.id ?? null}
            .labels=${this.labels}
            .currentLabel=${this.annotation?.label ?? null}
          ></attest-claim-panel>
        </div>
      </aside>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-annotate-side': AttestAnnotateSide;
  }
}
