import type { AnnotationSnapshot, Label, Me, SentenceHistoryEntry } from '@attest/core';
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ApiClient } from '../api/client.ts';
import { apiClientContext, currentUserContext } from '../api/context.ts';
import { baseStyles } from '../styles/shared.ts';
import { errorMessage } from './format.ts';
import { evidenceChanges } from './history-changes.ts';

const actionText: Record<SentenceHistoryEntry['action'], string> = {
  set: 'tagged',
  clear: 'cleared',
  split: 'split',
  merge: 'merged',
  adjudicate: 'adjudicated',
  unadjudicate: 'withdrew the adjudication',
  import: 'imported',
  import_adjudication: 'imported the gold label',
  'split-gold': 'split the sentence, changing the gold label',
  'merge-gold': 'merged the sentence, changing the gold label',
};

const timeFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * A sentence's label history, newest first: who changed it, from which label to which, what
 * else changed (source, chain, cue words, note), and when. Loads when shown.
 */
@customElement('attest-history-panel')
export class AttestHistoryPanel extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      ol {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      ol > li {
        padding: 0.6rem 0;
        border-bottom: 1px solid var(--attest-color-border);
      }
      ul {
        margin: 0.2rem 0 0;
        padding-left: 1.25rem;
      }
      time {
        display: block;
        color: var(--attest-color-muted);
        font-size: 0.85rem;
      }
    `,
  ];

  @consume({ context: apiClientContext })
  private api!: ApiClient;

  @consume({ context: currentUserContext, subscribe: true })
  private me: Me | undefined;

  /** The sentence whose history to show. */
  @property() sentenceId = '';

  /** The project's labels, to name each one. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  private readonly historyTask = new Task(this, {
    task: async ([sentenceId], { signal }) => {
      const { items } = await this.api.getSentenceHistory(sentenceId, signal);
      return items.slice().reverse();
    },
    args: () => [this.sentenceId] as const,
  });

  private labelOf(snapshot: AnnotationSnapshot | null): string {
    if (!snapshot) return 'untagged';
    return this.labels.find((label) => label.key === snapshot.label)?.name ?? snapshot.label;
  }

  private renderEntry(entry: SentenceHistoryEntry) {
    // A split or merge is the work of whoever made it, whose ever label it changed.
    const actorId = entry.actorId ?? entry.annotatorId;
    // Owners and reviewers see everyone's entries with names; an analyst sees only their own.
    const actorName = entry.actorId ? entry.actorName : entry.annotatorName;
    const who = actorId === this.me?.user.id ? 'You' : (actorName ?? 'A teammate');
    const time = new Date(entry.at);
    const changes = evidenceChanges(entry.before, entry.after);
    // An edit that kept the label says which label it kept, then what changed in it.
    const isLabelKept = entry.action === 'set' && entry.before?.label === entry.after?.label;
    const summary = isLabelKept
      ? `${who} edited ${this.labelOf(entry.after)}`
      : `${who} ${actionText[entry.action] ?? entry.action}: ${this.labelOf(entry.before)} → ${this.labelOf(entry.after)}`;
    return html`
      <li>
        ${summary}
        ${changes.length > 0 ? html`<ul>${changes.map((change) => html`<li>${change}</li>`)}</ul>` : null}
        <time datetime=${entry.at}>${Number.isNaN(time.getTime()) ? entry.at : timeFormat.format(time)}</time>
      </li>
    `;
  }

  override render() {
    return this.historyTask.render({
      pending: () => html`<p role="status">Loading the history…</p>`,
      complete: (entries) =>
        entries.length === 0
          ? html`<p>No changes yet.</p>`
          : html`<ol aria-label="Changes, newest first">${entries.map((entry) => this.renderEntry(entry))}</ol>`,
      error: (error) => html`<p role="alert">The history could not be loaded: ${errorMessage(error)}</p>`,
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-history-panel': AttestHistoryPanel;
  }
}
