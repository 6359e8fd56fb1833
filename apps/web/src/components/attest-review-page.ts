import type { DocumentDetail, Label, Sentence } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { DocumentReview, Member } from '../api/account-types.ts';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { PageController } from '../controllers/page-controller.ts';
import { styleProperties } from '../directives/style-properties.ts';
import { baseStyles, pageStyles, tableStyles } from '../styles/shared.ts';
import { plural } from './format.ts';
import { loadErrorTemplate } from './page-templates.ts';

interface ReviewData {
  detail: DocumentDetail;
  projectName: string;
  review: DocumentReview;
  /** The analysts whose labels are shown, in column order. */
  analysts: { id: string; name: string }[];
}

/** Every analyst's label for each sentence of a document, side by side, for reviewers. */
@customElement('attest-review-page')
export class AttestReviewPage extends LitElement {
  static override styles = [
    baseStyles,
    pageStyles,
    tableStyles,
    css`
      .table-panel {
        margin-top: 1.25rem;
        overflow-x: auto;
      }
      td {
        vertical-align: top;
      }
      .position {
        width: 3rem;
        color: var(--attest-color-muted);
        font-variant-numeric: tabular-nums;
      }
      .sentence {
        min-width: 22rem;
        line-height: 1.5;
      }
      .headline {
        font-weight: 650;
      }
      .chip {
        display: inline-block;
        padding: 0.1rem 0.55rem;
        border-radius: 999px;
        background: var(--label-color);
        color: #fff;
        font-weight: 600;
        font-size: 0.8rem;
        white-space: nowrap;
      }
      .untagged {
        color: var(--attest-color-muted);
        font-size: 0.85rem;
      }
      .agreement {
        white-space: nowrap;
        font-size: 0.85rem;
      }
      .differs {
        color: var(--attest-color-warning);
        font-weight: 600;
      }
      tr.disagreement td {
        background: #fffaeb;
      }
      .empty {
        padding: 1rem 1.25rem;
        color: var(--attest-color-muted);
      }
    `,
  ];

  protected readonly page = new PageController(this, {
    title: () => {
      const title = this.reviewTask.value?.detail.document.title;
      return title ? `Review: ${title}` : 'Review';
    },
  });

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  /** The id of the document reviewed. */
  @property() documentId = '';

  private readonly reviewTask = new Task(this, {
    task: async ([id], { signal }): Promise<ReviewData> => {
      const [detail, review] = await Promise.all([
        this.api.getDocument(id, signal),
        this.api.getReview(id, signal),
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
      const ids = [
        ...new Set([...review.assigneeIds, ...review.annotations.map((item) => item.annotatorId)]),
      ];
      const analysts = ids.map((id) => ({ id, name: names.get(id) ?? 'Former member' }));
      analysts.sort((a, b) => a.name.localeCompare(b.name));
      return { detail, review, analysts, projectName };
    },
    args: () => [this.documentId] as const,
  });

  private renderChip(label: Label | undefined, key: string) {
    return html`<span class="chip" ${styleProperties({ '--label-color': label?.color ?? '#475467' })}>${label?.name ?? key}</span>`;
  }

  private renderRow(sentence: Sentence, data: ReviewData, labelsByKey: Map<string, Label>) {
    const bySentence = data.review.annotations.filter((annotation) => annotation.sentenceId === sentence.id);
    const keys = new Set(bySentence.map((annotation) => annotation.label));
    const isDisagreement = keys.size > 1;
    return html`
      <tr class=${isDisagreement ? 'disagreement' : ''}>
        <td class="position">${sentence.position + 1}</td>
        <td class="sentence ${sentence.kind === 'headline' ? 'headline' : ''}">${sentence.text}</td>
        ${data.analysts.map((analyst) => {
          const annotation = bySentence.find((item) => item.annotatorId === analyst.id);
          return html`<td>
            ${annotation ? this.renderChip(labelsByKey.get(annotation.label), annotation.label) : html`<span class="untagged">Untagged</span>`}
          </td>`;
        })}
        <td class="agreement">
          ${
            isDisagreement
              ? html`<span class="differs">Differs</span>`
              : keys.size === 1 && bySentence.length === data.analysts.length && data.analysts.length > 1
                ? 'Agree'
                : ''
          }
        </td>
      </tr>
    `;
  }

  private renderPage(data: ReviewData) {
    const { document } = data.detail;
    const labelsByKey = new Map(data.detail.labels.map((label) => [label.key, label]));
    const sentences = data.detail.sentences.filter((sentence) => sentence.kind !== 'boilerplate');
    const disagreements = sentences.filter(
      (sentence) =>
        new Set(
          data.review.annotations.filter((item) => item.sentenceId === sentence.id).map((item) => item.label),
        ).size > 1,
    ).length;
    return html`
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li><a href="/">Projects</a></li>
          <li><a href="/projects/${document.projectSlug}">${data.projectName}</a></li>
          <li><a href="/documents/${document.id}">${document.title}</a></li>
          <li><span aria-current="page">Review</span></li>
        </ol>
      </nav>
      <h1 tabindex="-1">Review: ${document.title}</h1>
      <p class="lede">
        ${plural(data.analysts.length, 'analyst')} · ${plural(sentences.length, 'sentence')} ·
        ${plural(disagreements, 'disagreement')}
      </p>
      <div class="panel table-panel">
        ${
          data.analysts.length === 0
            ? html`<p class="empty">No analyst is assigned to this document yet, and nobody has labelled it.</p>`
            : html`<table>
                <caption class="visually-hidden">Each analyst's label for every sentence</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Sentence</th>
                    ${data.analysts.map((analyst) => html`<th scope="col">${analyst.name}</th>`)}
                    <th scope="col">Agreement</th>
                  </tr>
                </thead>
                <tbody>
                  ${sentences.map((sentence) => this.renderRow(sentence, data, labelsByKey))}
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
      error: (error) => loadErrorTemplate('Review not available', error),
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-review-page': AttestReviewPage;
  }
}
