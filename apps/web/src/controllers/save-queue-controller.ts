// Sends the analyst's annotation edits (label, source, chain, cues, note) to the API: one
// ordered queue per sentence, optimistic for the view, with versioned writes (If-Match), idempotency keys, backoff on transient failures
// and the server's value on a conflict. Kept apart from the views so a later version can
// persist the queue in IndexedDB without touching them.
import type { Annotation, AnnotationInput } from '@attest/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ApiClient, ApiError } from '../api/client.ts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

/** One change the analyst made: the whole annotation as it should be, or null to clear it. */
export interface AnnotationEdit {
  readonly sentenceId: string;
  readonly input: AnnotationInput | null;
  /** Reused by every retry of this edit, so the server applies it once. */
  readonly idempotencyKey: string;
}

interface SentenceQueue {
  /** The annotation version the server last confirmed (0: no annotation). */
  version: number;
  /** Edits not yet confirmed, oldest first; the first one is the one being sent. */
  pending: AnnotationEdit[];
  isSending: boolean;
  /** Set when the first pending edit gave up; cleared by retry() or a newer edit. */
  failure: string | undefined;
}

export interface SaveQueueOptions {
  /** Called when the server refused an edit because the label changed elsewhere (412). */
  onConflict?: (sentenceId: string, current: Annotation | null) => void;
  /** Waits before each automatic retry of a transient failure, in milliseconds. */
  retryDelaysMs?: readonly number[];
}

export const defaultRetryDelaysMs = [400, 1200, 3000] as const;

export class SaveQueueController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: SaveQueueOptions;
  private readonly queues = new Map<string, SentenceQueue>();
  private hasSavedSomething = false;
  /** Resolved once nothing is pending or being sent: see whenSettled(). */
  private settledWaiters: (() => void)[] = [];

  /** The client edits are sent with; set by the host once it has one from context. */
  client: ApiClient | undefined;

  constructor(host: ReactiveControllerHost, options: SaveQueueOptions = {}) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeunload', this.warnBeforeUnload);
  }

  hostDisconnected(): void {
    // Edits already queued keep going: navigating away must not lose them.
    window.removeEventListener('beforeunload', this.warnBeforeUnload);
  }

  /** Records the versions the server reported when a document was loaded. */
  load(annotations: readonly Annotation[], sentenceIds: readonly string[]): void {
    this.sync(annotations, sentenceIds);
    this.hasSavedSomething = false;
    this.host.requestUpdate();
  }

  /**
   * Takes the versions the server reports after it changed annotations itself (a split or a
   * merge), keeping the save status; sentences with edits still pending keep theirs.
   */
  sync(annotations: readonly Annotation[], sentenceIds: readonly string[]): void {
    const versionBySentence = new Map(
      annotations.map((annotation) => [annotation.sentenceId, annotation.version]),
    );
    for (const sentenceId of sentenceIds) {
      const queue = this.queues.get(sentenceId);
      if (queue && queue.pending.length > 0) continue;
      this.queues.set(sentenceId, emptyQueue(versionBySentence.get(sentenceId) ?? 0));
    }
    this.host.requestUpdate();
  }

  /** Queues an annotation (or null to clear it) for a sentence and starts sending if idle. */
  enqueue(sentenceId: string, input: AnnotationInput | null): void {
    const queue = this.queueFor(sentenceId);
    if (queue.failure !== undefined) {
      // A newer edit supersedes the one that failed: the analyst moved on.
      queue.pending.shift();
      queue.failure = undefined;
    }
    queue.pending.push({ sentenceId, input, idempotencyKey: newIdempotencyKey() });
    this.host.requestUpdate();
    void this.pump(sentenceId);
  }

  /** Sends every failed edit again. */
  retry(): void {
    for (const [sentenceId, queue] of this.queues) {
      if (queue.failure === undefined) continue;
      queue.failure = undefined;
      void this.pump(sentenceId);
    }
    this.host.requestUpdate();
  }

  get status(): SaveStatus {
    let isSaving = false;
    for (const queue of this.queues.values()) {
      if (queue.failure !== undefined) return 'failed';
      if (queue.pending.length > 0) isSaving = true;
    }
    if (isSaving) return 'saving';
    return this.hasSavedSomething ? 'saved' : 'idle';
  }

  /** The reason of the most recent failure, for the save status. */
  get failureMessage(): string | undefined {
    for (const queue of this.queues.values()) if (queue.failure !== undefined) return queue.failure;
    return undefined;
  }

  get failedCount(): number {
    let count = 0;
    for (const queue of this.queues.values()) if (queue.failure !== undefined) count += 1;
    return count;
  }

  get pendingCount(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.pending.length;
    return count;
  }

  /** Waits until every edit is saved or has failed: nothing is pending or on its way. */
  whenSettled(): Promise<void> {
    if (this.isSettled) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private get isSettled(): boolean {
    for (const queue of this.queues.values()) {
      if (queue.isSending || (queue.pending.length > 0 && queue.failure === undefined)) return false;
    }
    return true;
  }

  hasFailed(sentenceId: string): boolean {
    return this.queues.get(sentenceId)?.failure !== undefined;
  }

  private queueFor(sentenceId: string): SentenceQueue {
    let queue = this.queues.get(sentenceId);
    if (!queue) {
      queue = emptyQueue(0);
      this.queues.set(sentenceId, queue);
    }
    return queue;
  }

  /** Sends the sentence's pending edits one after another, in order. */
  private async pump(sentenceId: string): Promise<void> {
    const queue = this.queueFor(sentenceId);
    if (queue.isSending) return;
    queue.isSending = true;
    try {
      while (queue.pending.length > 0 && queue.failure === undefined) {
        const edit = queue.pending[0]!;
        const outcome = await this.send(edit, queue);
        if (outcome === 'failed') break;
        queue.pending.shift();
        if (outcome === 'conflict') queue.pending = [];
        this.hasSavedSomething = true;
        this.host.requestUpdate();
      }
    } finally {
      queue.isSending = false;
      this.host.requestUpdate();
      if (this.isSettled) for (const resolve of this.settledWaiters.splice(0)) resolve();
    }
  }

  private async send(edit: AnnotationEdit, queue: SentenceQueue): Promise<'saved' | 'conflict' | 'failed'> {
    const delays = this.options.retryDelaysMs ?? defaultRetryDelaysMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        queue.version = await this.write(edit, queue.version);
        return 'saved';
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          // The problem's `current` is an annotation here (adjudications answer the same way).
          const problemCurrent = error.problem?.current;
          const current = problemCurrent && 'cues' in problemCurrent ? problemCurrent : null;
          queue.version = current?.version ?? 0;
          this.options.onConflict?.(edit.sentenceId, current);
          return 'conflict';
        }
        const isTransient = !(error instanceof ApiError) || error.isTransient;
        const delay = delays[attempt];
        if (!isTransient || delay === undefined) {
          queue.failure = error instanceof Error ? error.message : String(error);
          return 'failed';
        }
        await sleep(delay);
      }
    }
  }

  private async write(edit: AnnotationEdit, expectedVersion: number): Promise<number> {
    if (!this.client) throw new Error('The editor has no API client.');
    const options = { expectedVersion, idempotencyKey: edit.idempotencyKey };
    if (edit.input === null) {
      await this.client.clearAnnotation(edit.sentenceId, options);
      return 0;
    }
    const saved = await this.client.saveAnnotation(edit.sentenceId, edit.input, options);
    return saved.version;
  }

  private readonly warnBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (this.pendingCount > 0) event.preventDefault();
  };
}

function emptyQueue(version: number): SentenceQueue {
  return { version, pending: [], isSending: false, failure: undefined };
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** A random UUID; crypto.randomUUID exists only in secure contexts, so fall back by hand. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
