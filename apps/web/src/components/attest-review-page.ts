import type { DocumentDetail, GoldStatus, Label, Me, Member, ReviewAnnotation, Sentence } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext, currentUserContext } from '../api/context.ts';
import { AdjudicationsController } from '../controllers/adjudications-controller.ts';
import { PageController } from '../controllers/page-controller.ts';
import { styleProperties } from '../directives/style-properties.ts';
import { NavigateEvent } from '../events/navigate-event.ts';
import { baseStyles, buttonStyles, formStyles, pageStyles, tableStyles } from '../styles/shared.ts';
import { reviewPageStyles } from './attest-review-page.styles.ts';
import { errorMessage, plural } from './format.ts';
import { breadcrumbsTemplate, loadErrorTemplate } from './page-templates.ts';

interface ReviewData {
  detail: DocumentDetail;
  projectName: string;
  /** Every label given in the document, by sentence: looked up for each row on every render. */
  annotationsBySentence: Map<string, ReviewAnnotation[]>;
  /** The ids of `analysts`. */
  analystIds: ReadonlySet<string>;
  /** The analysts assigned to the document, in column order: the ones agreement counts. */
  analysts: { id: string; name: string }[];
  /** Others who labelled it (an owner trying the editor): shown after them, never counted. */
  others: { id: string; name: string }[];
}

/** How an analyst's label relates to the suggestion they saw, as the table says it. */
const suggestionRelationText = {
  accepted: 'accepted the suggestion',
  same_label: 'chose the suggested label',
  other_label: 'chose another label than suggested',
  no_suggestion: 'no suggestion shown',
} as const;

/** Which sentences the table shows. */
type ReviewFilter = 'all' | 'disagreements' | 'noGold';

/** A sentence's gold label as the review sees it: settled, agreed, or none (and why). */
interface Gold {
  label: string | null;
  status: GoldStatus;
}

const filterNames: Record<ReviewFilter, string> = {
  all: 'All sentences',
  disagreements: 'Disagreements',
  noGold: 'No gold label',
};

/**
 * Every analyst's label, source and cues for each sentence of a document, side by side, with
 * the suggestion; reviewers settle a gold label per sentence by keyboard or mouse. Gold labels
 * carry a version: a decision made on a stale one is refused (412) and the newer one shown.
 */
@customElement('attest-review-page')
export class AttestReviewPage extends LitElement {
  static override styles = [baseStyles, buttonStyles, formStyles, pageStyles, tableStyles, reviewPageStyles];

  protected readonly page = new PageController(this, {
    title: () => {
      const title = this.reviewTask.value?.detail.document.title;
      return title ? `Review: ${title}` : 'Review';
    },
  });

  private readonly gold = new AdjudicationsController(this, {
    api: () => this.api,
    deciderName: () => this.currentUser?.user.name ?? null,
    labelName: (labelKey) => this.labelName(labelKey),
  });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @consume({ context: currentUserContext, subscribe: true })
  private currentUser: Me | undefined;

  @query('textarea') private noteField: HTMLTextAreaElement | undefined;

  @state() private filter: ReviewFilter = 'all';
  /** What moving on found: no other disagreement here, or no other document to settle. */
  @state() private moveNotice = '';
  /** Why the next document could not be looked up; shown as an error until the next try. */
  @state() private moveError = '';
  @state() private isFindingDocument = false;
  @state() private currentId: string | undefined;

  /** The id of the document reviewed. */
  @property() documentId = '';

  private readonly reviewTask = new Task(this, {
    task: async ([id], { signal }): Promise<ReviewData> => {
      const [detail, review] = await Promise.all([
        this.api.getDocument(id, signal),
        this.api.getReviewWithAdjudications(id, signal),
      ]);
      const slug = detail.document.projectSlug;
      const [projectName, members] = await Promise.all([
        this.api.getProject(slug, signal).then((project) => project.name),
        this.api
          .listMembers(slug, signal)
          .then((page): Member[] => page.items)
          .catch((): Member[] => []),
      ]);
      const names = new Map(members.map((member) => [member.userId, member.name]));
      for (const annotation of review.annotations)
        names.set(annotation.annotatorId, annotation.annotatorName);
      const assigned = new Set(review.assigneeIds);
      const otherIds = new Set(
        review.annotations.map((item) => item.annotatorId).filter((id) => !assigned.has(id)),
      );
      const people = (ids: Iterable<string>) =>
        [...ids]
          .map((id) => ({ id, name: names.get(id) ?? 'Former member' }))
          .sort((a, b) => a.name.localeCompare(b.name));
      const analysts = people(assigned);
      const others = people(otherIds);
      this.gold.reset(review.adjudications ?? []);
      const annotationsBySentence = new Map<string, ReviewAnnotation[]>();
      for (const annotation of review.annotations) {
        const ofSentence = annotationsBySentence.get(annotation.sentenceId);
        if (ofSentence) ofSentence.push(annotation);
        else annotationsBySentence.set(annotation.sentenceId, [annotation]);
      }
      return { detail, annotationsBySentence, analystIds: assigned, analysts, others, projectName };
    },
    args: () => [this.documentId] as const,
  });

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The page is reused from one document's review to the next: what it said was about the last.
    if (changed.has('documentId')) {
      this.moveNotice = '';
      this.moveError = '';
    }
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.handleKeydown);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.handleKeydown);
  }

  private annotationsOf(sentenceId: string): ReviewAnnotation[] {
    return this.reviewTask.value?.annotationsBySentence.get(sentenceId) ?? [];
  }

  /** The labels of the analysts assigned to the document: what agreement is about. */
  private analystAnnotationsOf(sentenceId: string): ReviewAnnotation[] {
    const analystIds = this.reviewTask.value?.analystIds;
    return this.annotationsOf(sentenceId).filter((item) => analystIds?.has(item.annotatorId));
  }

  private isDisagreement(sentenceId: string): boolean {
    return new Set(this.analystAnnotationsOf(sentenceId).map((item) => item.label)).size > 1;
  }

  private goldOf(sentenceId: string): Gold {
    const settled = this.gold.bySentence.get(sentenceId);
    if (settled) return { label: settled.label, status: 'adjudicated' };
    const annotations = this.annotationsOf(sentenceId);
    const labels = new Set(annotations.map((item) => item.label));
    if (labels.size > 1) return { label: null, status: 'disputed' };
    if (annotations.length >= 2) return { label: [...labels][0] ?? null, status: 'agreed' };
    return { label: null, status: annotations.length === 1 ? 'single' : 'unlabelled' };
  }

  private sentences(): Sentence[] {
    return (
      this.reviewTask.value?.detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate') ?? []
    );
  }

  private visibleSentences(): Sentence[] {
    const sentences = this.sentences();
    if (this.filter === 'disagreements') return sentences.filter((item) => this.isDisagreement(item.id));
    if (this.filter === 'noGold') return sentences.filter((item) => this.goldOf(item.id).label === null);
    return sentences;
  }

  /** The sentence the keyboard acts on: the chosen one while it is shown, else the first shown. */
  private currentSentence(visible: Sentence[]): Sentence | undefined {
    return visible.find((item) => item.id === this.currentId) ?? visible[0];
  }

  private labels(): Label[] {
    return [...(this.reviewTask.value?.detail.labels ?? [])].sort((a, b) => a.position - b.position);
  }

  private select(sentence: Sentence | undefined, { focus = true } = {}): void {
    if (!sentence) return;
    this.currentId = sentence.id;
    this.gold.conflictMessage = '';
    if (focus)
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${sentence.id}"]`)?.focus(),
      );
  }

  private move(step: number): void {
    const visible = this.visibleSentences();
    const current = this.currentSentence(visible);
    const index = current ? visible.indexOf(current) : -1;
    this.select(visible[Math.min(Math.max(index + step, 0), visible.length - 1)]);
  }

  /** Moves to the next sentence the analysts disagree on, after the current one (wrapping). */
  private nextDisagreement(): void {
    const sentences = this.sentences();
    const current = this.currentSentence(this.visibleSentences());
    const start = current ? sentences.indexOf(current) : -1;
    const ordered = [...sentences.slice(start + 1), ...sentences.slice(0, start + 1)];
    const next = ordered.find((item) => this.isDisagreement(item.id) && item.id !== current?.id);
    if (!next) {
      this.moveNotice = 'No other disagreement in this document.';
      return;
    }
    this.moveNotice = '';
    if (!this.visibleSentences().includes(next)) this.filter = 'all';
    this.select(next);
  }

  /** Opens the review of the project's next document with a disputed sentence, if there is one. */
  private async openNextDisputedDocument(projectSlug: string, documentId: string): Promise<void> {
    this.isFindingDocument = true;
    this.moveError = '';
    this.moveNotice = 'Looking for the next document with disputed sentences…';
    try {
      const { documentId: next } = await this.api.nextDisputedDocument(projectSlug, documentId);
      if (next) {
        this.moveNotice = '';
        this.dispatchEvent(new NavigateEvent(`/documents/${next}/review`));
      } else this.moveNotice = 'No other document has disputed sentences.';
    } catch (error) {
      this.moveNotice = '';
      this.moveError = `The next document could not be looked up: ${errorMessage(error)} Try again.`;
    } finally {
      this.isFindingDocument = false;
    }
  }

  private setGold(sentence: Sentence, label: Label): Promise<void> {
    return this.gold.setGold(sentence, label, this.noteField?.value.trim() || null);
  }

  private clearGold(sentence: Sentence): Promise<void> {
    return this.gold.clearGold(sentence);
  }

  private labelName(key: string): string | undefined {
    return this.reviewTask.value?.detail.labels.find((label) => label.key === key)?.name;
  }

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.composedPath()[0];
    if (
      target instanceof HTMLTextAreaElement ||
      target instanceof HTMLInputElement ||
      target instanceof HTMLSelectElement
    )
      return;
    if (!this.reviewTask.value) return;
    const current = this.currentSentence(this.visibleSentences());
    const labels = this.labels();
    if (event.key === 'ArrowDown' || event.key === 'j') this.move(1);
    else if (event.key === 'ArrowUp' || event.key === 'k') this.move(-1);
    else if (event.key === 'n') this.nextDisagreement();
    else if (event.key === 'Backspace' && current) void this.clearGold(current);
    else if (current && labels.some((label, index) => hotkeyOf(label, index) === event.key)) {
      const label = labels.find((item, index) => hotkeyOf(item, index) === event.key);
      if (label) void this.setGold(current, label);
    } else return;
    event.preventDefault();
  };

  private renderChip(label: Label | undefined, key: string) {
    return html`<span class="chip" ${styleProperties({ '--label-color': label?.color ?? '#475467' })}>${label?.name ?? key}</span>`;
  }

  private renderAnnotationCell(
    annotation: ReviewAnnotation | undefined,
    sentence: Sentence,
    labelsByKey: Map<string, Label>,
  ) {
    if (!annotation) return html`<td><span class="untagged">Untagged</span></td>`;
    const cues = annotation.cues
      // Cue offsets are into the document's text, and always within the sentence.
      .map((cue) => sentence.text.slice(cue.start - sentence.start, cue.end - sentence.start))
      .filter((text): text is string => Boolean(text));
    return html`<td>
      ${this.renderChip(labelsByKey.get(annotation.label), annotation.label)}
      ${annotation.source ? html`<span class="detail">Source: ${annotation.source}</span>` : nothing}
      ${cues.length ? html`<span class="detail">Cues: ${cues.join(', ')}</span>` : nothing}
      ${annotation.note ? html`<span class="detail">Note: ${annotation.note}</span>` : nothing}
      ${annotation.suggestion ? html`<span class="detail">${suggestionRelationText[annotation.suggestion.relation]}</span>` : nothing}
    </td>`;
  }

  private renderGoldCell(sentence: Sentence, labelsByKey: Map<string, Label>) {
    const gold = this.goldOf(sentence.id);
    const settled = this.gold.bySentence.get(sentence.id);
    if (!gold.label) return html`<td class="untagged">${gold.status === 'disputed' ? 'Disputed' : '—'}</td>`;
    const by = settled && 'deciderName' in settled && settled.deciderName ? ` by ${settled.deciderName}` : '';
    return html`<td>
      ${this.renderChip(labelsByKey.get(gold.label), gold.label)}
      <span class="detail">${gold.status === 'adjudicated' ? `settled${by}` : 'analysts agree'}</span>
      ${settled?.note ? html`<span class="detail">Note: ${settled.note}</span>` : nothing}
    </td>`;
  }

  private renderRow(
    sentence: Sentence,
    data: ReviewData,
    labelsByKey: Map<string, Label>,
    isCurrent: boolean,
  ) {
    const bySentence = this.annotationsOf(sentence.id);
    const byAnalysts = this.analystAnnotationsOf(sentence.id);
    const keys = new Set(byAnalysts.map((annotation) => annotation.label));
    const isDisagreement = keys.size > 1;
    const suggestion = sentence.suggestion;
    return html`
      <tr
        class=${isDisagreement ? 'disagreement' : ''}
        data-id=${sentence.id}
        tabindex=${isCurrent ? 0 : -1}
        aria-current=${isCurrent ? 'true' : 'false'}
        @click=${() => this.select(sentence, { focus: false })}
      >
        <td class="position">${sentence.position + 1}</td>
        <th scope="row" class="sentence ${sentence.kind === 'headline' ? 'headline' : ''}">
          ${sentence.text}
          ${
            suggestion?.label
              ? html`<span class="detail suggestion">
                  Suggested: ${labelsByKey.get(suggestion.label)?.name ?? suggestion.label}${suggestion.source ? `, source ${suggestion.source}` : ''}
                </span>`
              : nothing
          }
        </th>
        ${[...data.analysts, ...data.others].map((person) =>
          this.renderAnnotationCell(
            bySentence.find((item) => item.annotatorId === person.id),
            sentence,
            labelsByKey,
          ),
        )}
        <td class="agreement">
          ${
            isDisagreement
              ? html`<span class="differs">Differs</span>`
              : keys.size === 1 && byAnalysts.length === data.analysts.length && data.analysts.length > 1
                ? 'Agree'
                : ''
          }
        </td>
        ${this.renderGoldCell(sentence, labelsByKey)}
      </tr>
    `;
  }

  private renderDecisionPanel(sentence: Sentence | undefined) {
    if (!sentence) return nothing;
    const gold = this.goldOf(sentence.id);
    const settled = this.gold.bySentence.get(sentence.id);
    const isSaving = this.gold.isSaving(sentence.id);
    return html`
      <aside class="panel decision" aria-labelledby="decision-heading">
        <div>
          <h2 id="decision-heading">Gold label for sentence ${sentence.position + 1}</h2>
          <p class="current-text">${sentence.text}</p>
        </div>
        <div class="gold-buttons" role="group" aria-label="Set the gold label">
          ${this.labels().map(
            (label, index) => html`<button
              type="button"
              class="button small"
              aria-pressed=${gold.label === label.key && gold.status === 'adjudicated' ? 'true' : 'false'}
              ?disabled=${isSaving}
              @click=${() => this.setGold(sentence, label)}
            >
              <span><span class="swatch" ${styleProperties({ '--label-color': label.color })}></span>${label.name}</span>
              ${hotkeyOf(label, index) ? html`<kbd aria-hidden="true">${hotkeyOf(label, index)}</kbd>` : nothing}
            </button>`,
          )}
        </div>
        ${
          // A new field per sentence: a note typed and not sent must not follow the reviewer on.
          keyed(
            sentence.id,
            html`<label class="field">
              <span>Note for the decision</span>
              <textarea .value=${settled?.note ?? ''}></textarea>
            </label>`,
          )
        }
        <div class="panel-actions">
          <button
            type="button"
            class="button small"
            ?disabled=${isSaving || !settled}
            @click=${() => this.clearGold(sentence)}
          >
            Clear gold label
          </button>
          <button type="button" class="button small" @click=${() => this.nextDisagreement()}>
            Next disagreement
          </button>
        </div>
        ${this.gold.conflictMessage ? html`<p class="message error" role="alert">${this.gold.conflictMessage}</p>` : nothing}
        <p class="shortcuts">
          <kbd>↑</kbd>/<kbd>↓</kbd> or <kbd>j</kbd>/<kbd>k</kbd> move · a label's key
          sets gold · <kbd>Backspace</kbd> clears · <kbd>n</kbd> next disagreement
        </p>
      </aside>
    `;
  }

  private renderPage(data: ReviewData) {
    const { document } = data.detail;
    const labelsByKey = new Map(data.detail.labels.map((label) => [label.key, label]));
    const sentences = this.sentences();
    const visible = this.visibleSentences();
    const current = this.currentSentence(visible);
    const disagreements = sentences.filter((sentence) => this.isDisagreement(sentence.id)).length;
    const golds = sentences.map((sentence) => this.goldOf(sentence.id));
    // Disputed as the documents list and the reports count it: labels differ, no decision yet.
    const disputed = golds.filter((gold) => gold.status === 'disputed').length;
    const withoutGold = golds.filter((gold) => gold.label === null).length;
    return html`
      ${breadcrumbsTemplate([
        { href: `/projects/${document.projectSlug}`, text: data.projectName },
        { href: `/documents/${document.id}`, text: document.title },
        { text: 'Review' },
      ])}
      <h1 tabindex="-1">Review: ${document.title}</h1>
      <p class="lede">
        ${plural(data.analysts.length, 'analyst')}${
          data.others.length > 0
            ? ` (and ${data.others.length} unassigned ${data.others.length === 1 ? 'person' : 'people'} whose labels agreement does not count)`
            : ''
        } · ${plural(sentences.length, 'sentence')} ·
        ${plural(disagreements, 'disagreement')} ·
        ${disputed === 0 ? 'none left to settle' : `${plural(disputed, 'disputed sentence')} to settle`} ·
        ${plural(withoutGold, 'sentence')} without a gold label
      </p>
      <div class="toolbar">
        <fieldset>
          <legend>Show</legend>
          ${(Object.keys(filterNames) as ReviewFilter[]).map(
            (filter) => html`<label>
              <input
                type="radio"
                name="filter"
                .checked=${this.filter === filter}
                @change=${() => {
                  this.filter = filter;
                }}
              />
              ${filterNames[filter]}
            </label>`,
          )}
        </fieldset>
        <span class="links">
          <button
            type="button"
            class="button small"
            ?disabled=${this.isFindingDocument}
            @click=${() => this.openNextDisputedDocument(document.projectSlug, document.id)}
          >
            Next document to settle
          </button>
          <a href="/documents/${document.id}/report">Document report</a>
        </span>
      </div>
      <div role="status">
        ${this.moveNotice ? html`<p class="message info move-notice">${this.moveNotice}</p>` : nothing}
      </div>
      ${this.moveError ? html`<p class="message error move-notice" role="alert">${this.moveError}</p>` : nothing}
      <p class="visually-hidden" role="status">${this.gold.statusMessage}</p>
      ${this.renderDecisionPanel(current)}
      <div class="panel table-panel">
          ${
            data.analysts.length + data.others.length === 0
              ? html`<p class="empty">No analyst is assigned to this document yet, and nobody has labelled it.</p>`
              : visible.length === 0
                ? html`<p class="empty">No sentence matches “${filterNames[this.filter]}”.</p>`
                : html`<table>
                    <caption class="visually-hidden">Each analyst's label for every sentence, the suggestion and the gold label</caption>
                    <thead>
                      <tr>
                        <th scope="col">#</th>
                        <th scope="col">Sentence</th>
                        ${data.analysts.map((analyst) => html`<th scope="col">${analyst.name}</th>`)}
                        ${data.others.map((other) => html`<th scope="col">${other.name} (not assigned)</th>`)}
                        <th scope="col">Agreement</th>
                        <th scope="col">Gold</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${visible.map((sentence) => this.renderRow(sentence, data, labelsByKey, sentence === current))}
                    </tbody>
                  </table>`
          }
      </div>
    `;
  }

  override render() {
    return this.reviewTask.render({
      pending: () => html`<h1 tabindex="-1">Review</h1><p role="status">Loading every analyst's labels…</p>`,
      complete: (data) => this.renderPage(data),
      error: (error) => loadErrorTemplate('Review not available', error, () => void this.reviewTask.run()),
    });
  }
}

/** The key that settles a label: its own hotkey, else its place in the list (1–9). */
function hotkeyOf(label: Label, index: number): string | undefined {
  return label.hotkey ?? (index < 9 ? String(index + 1) : undefined);
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-review-page': AttestReviewPage;
  }
}
