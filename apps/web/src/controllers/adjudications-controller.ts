// The review page's gold labels: the settled ones by sentence, and setting or clearing one. A
// decision carries the version it was made on; a stale one is refused (412) and the decision
// someone else made meanwhile is shown instead.
import type { Adjudication, Label, ReviewAdjudication, Sentence } from '@attest/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ApiClient, ApiError } from '../api/client.ts';
import { errorMessage } from '../components/format.ts';

export interface AdjudicationsActions {
  api(): ApiClient;
  /** The reviewer's name, shown beside a gold label they settle. */
  deciderName(): string | null;
  labelName(labelKey: string): string | undefined;
}

export class AdjudicationsController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly actions: AdjudicationsActions;
  private settled = new Map<string, ReviewAdjudication | Adjudication>();
  private savingIds = new Set<string>();
  private status = '';
  private conflict = '';

  constructor(host: ReactiveControllerHost, actions: AdjudicationsActions) {
    this.host = host;
    this.actions = actions;
    host.addController(this);
  }

  /** Nothing to set up: the gold labels live as long as the page, whose updates follow them. */
  hostConnected(): void {}

  /** Settled gold labels by sentence id, as last seen from the server. */
  get bySentence(): ReadonlyMap<string, ReviewAdjudication | Adjudication> {
    return this.settled;
  }

  /** The last decision's outcome, for screen readers. */
  get statusMessage(): string {
    return this.status;
  }

  set statusMessage(message: string) {
    this.status = message;
    this.host.requestUpdate();
  }

  /** Why the last decision was not saved, shown in the decision panel; empty when it was. */
  get conflictMessage(): string {
    return this.conflict;
  }

  set conflictMessage(message: string) {
    this.conflict = message;
    this.host.requestUpdate();
  }

  /** Shows the gold labels of a document as loaded. */
  reset(adjudications: readonly (ReviewAdjudication | Adjudication)[]): void {
    this.settled = new Map(adjudications.map((adjudication) => [adjudication.sentenceId, adjudication]));
    this.host.requestUpdate();
  }

  isSaving(sentenceId: string): boolean {
    return this.savingIds.has(sentenceId);
  }

  async setGold(sentence: Sentence, label: Label, note: string | null): Promise<void> {
    await this.write(sentence, async () => {
      const saved = await this.actions
        .api()
        .adjudicate(sentence.id, { label: label.key, note }, this.writeOptions(sentence.id));
      const deciderName = this.actions.deciderName();
      this.setSettled(new Map(this.settled).set(sentence.id, { ...saved, deciderName }));
      return `Gold label of sentence ${sentence.position + 1} set to ${label.name}.`;
    });
  }

  async clearGold(sentence: Sentence): Promise<void> {
    if (!this.settled.has(sentence.id)) {
      this.statusMessage = `Sentence ${sentence.position + 1} has no settled gold label.`;
      return;
    }
    await this.write(sentence, async () => {
      await this.actions.api().clearAdjudication(sentence.id, this.writeOptions(sentence.id));
      const settled = new Map(this.settled);
      settled.delete(sentence.id);
      this.setSettled(settled);
      return `Gold label of sentence ${sentence.position + 1} cleared.`;
    });
  }

  private writeOptions(sentenceId: string) {
    return {
      expectedVersion: this.settled.get(sentenceId)?.version ?? 0,
      idempotencyKey: crypto.randomUUID(),
    };
  }

  /** Runs one decision; a 412 shows the decision someone else made meanwhile. */
  private async write(sentence: Sentence, decide: () => Promise<string>): Promise<void> {
    if (this.savingIds.has(sentence.id)) return;
    this.setSaving(new Set(this.savingIds).add(sentence.id));
    this.conflictMessage = '';
    try {
      this.statusMessage = await decide();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        const current = error.problem?.current as Adjudication | null | undefined;
        const settled = new Map(this.settled);
        if (current && 'decidedBy' in current) settled.set(sentence.id, current);
        else settled.delete(sentence.id);
        this.setSettled(settled);
        const name = current ? (this.actions.labelName(current.label) ?? current.label) : undefined;
        this.conflictMessage = `Someone else decided sentence ${sentence.position + 1} meanwhile: ${
          name ? `its gold label is now ${name} (version ${current?.version})` : 'its gold label was cleared'
        }. Your choice was not saved; choose again to overwrite it.`;
      } else {
        this.conflictMessage = `Not saved: ${errorMessage(error)}`;
      }
    } finally {
      const saving = new Set(this.savingIds);
      saving.delete(sentence.id);
      this.setSaving(saving);
    }
  }

  private setSettled(settled: Map<string, ReviewAdjudication | Adjudication>): void {
    this.settled = settled;
    this.host.requestUpdate();
  }

  private setSaving(savingIds: Set<string>): void {
    this.savingIds = savingIds;
    this.host.requestUpdate();
  }
}
