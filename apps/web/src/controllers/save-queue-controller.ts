// Sends the analyst's annotation edits (label, source, chain, cues, note) to the API: one
// ordered queue per sentence, optimistic for the view, with versioned writes (If-Match),
// idempotency keys, backoff on transient failures and the server's value on a conflict. The
// queue is kept in IndexedDB, so edits survive a reload and wait out a dropped network.
import type { Annotation, AnnotationInput } from '@attest/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ApiClient, ApiError } from '../api/client.ts';
import { indexedDbQueueStorage, type QueueStorage, type StoredSentenceQueue } from './save-queue-store.ts';
import { unsavedEdits } from './unsaved-edits.ts';

/** `offline`: edits are waiting for the network to come back. */
export type SaveStatus = 'idle' | 'saving' | 'offline' | 'saved' | 'failed';

/** One change the analyst made: the whole annotation as it should be, or null to clear it. */
export interface AnnotationEdit {
  readonly sentenceId: string;
  readonly input: AnnotationInput | null;
  /** Reused by every retry of this edit, so the server applies it once. */
  readonly idempotencyKey: string;
}

interface SentenceQueue {
  /** The document the sentence belongs to, which names its stored queue. */
  storageScope: string | undefined;
  /** The annotation version the server last confirmed (0: no annotation). */
  version: number;
  /** Edits not yet confirmed, oldest first; the first one is the one being sent. */
  pending: AnnotationEdit[];
  isSending: boolean;
  /** Set when the first pending edit gave up; cleared by retry() or a newer edit. */
  failure: string | undefined;
}

export interface SaveQueueOptions {
  /**
   * Called when the server refused an edit because the label changed elsewhere (412), with the
   * server's value and the analyst's latest edit of that sentence (null: they cleared it).
   */
  onConflict?: (sentenceId: string, current: Annotation | null, mine: AnnotationInput | null) => void;
  /** Called when the server has stored a sentence's latest edit (no other edit of it waits). */
  onSaved?: (sentenceId: string) => void;
  /** Waits before each automatic retry of a transient failure, in milliseconds. */
  retryDelaysMs?: readonly number[];
  /** The first and the longest wait between attempts while the server cannot be reached. */
  offlineBackoffMs?: { readonly first: number; readonly max: number };
  /** Where unconfirmed edits are kept; IndexedDB unless a test passes another. */
  storage?: QueueStorage;
}

export const defaultRetryDelaysMs = [400, 1200, 3000] as const;
export const defaultOfflineBackoffMs = { first: 500, max: 10_000 } as const;

export class SaveQueueController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly options: SaveQueueOptions;
  private readonly queues = new Map<string, SentenceQueue>();
  /**
   * Sentences that have had edits since their queue was last seen idle. The status and counts,
   * read on every render, walk these rather than one queue per sentence of a long document.
   */
  private readonly busySentenceIds = new Set<string>();
  private hasSavedSomething = false;
  /** Resolved once nothing is pending or being sent: see whenSettled(). */
  private settledWaiters: (() => void)[] = [];
  /** Cuts short the waits between attempts: called when the browser is back online. */
  private wakers = new Set<() => void>();
  /** The last attempt could not reach the server (or the browser says it is offline). */
  private isOffline = false;
  private storageScope: string | undefined;
  /** Stored-queue writes, one after another so an older snapshot never lands last. */
  private storing: Promise<void> = Promise.resolve();
  /**
   * Per stored queue, the newest snapshot not yet written: each write takes the newest (so a
   * burst of edits costs one write behind the one under way), and a page going away writes
   * these at once (see keepUnstoredNow).
   */
  private readonly unstored = new Map<string, StoredSentenceQueue[]>();

  /** The client edits are sent with; set by the host once it has one from context. */
  client: ApiClient | undefined;

  constructor(host: ReactiveControllerHost, options: SaveQueueOptions = {}) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('beforeunload', this.warnBeforeUnload);
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
    this.isOffline = !navigator.onLine;
  }

  hostDisconnected(): void {
    // Edits already queued keep going: navigating away must not lose them.
    window.removeEventListener('beforeunload', this.warnBeforeUnload);
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
  }

  /**
   * Records the versions the server reported when a document was loaded, then takes back the
   * edits stored for it that never reached the server and starts sending them. Read
   * pendingInput() afterwards to show them.
   */
  async load(
    annotations: readonly Annotation[],
    sentenceIds: readonly string[],
    /** Where unsent edits are kept: one user's view of one document, so a teammate signing in
     * on the same browser never sends them as their own. */
    storageScope?: string,
  ): Promise<void> {
    this.open(annotations, sentenceIds, storageScope);
    await this.restoreStored(sentenceIds);
  }

  /**
   * Starts on a document without waiting for the stored edits: a long document's page shows its
   * first sentences at once and calls restoreStored once it knows all of them.
   */
  open(annotations: readonly Annotation[], sentenceIds: readonly string[], storageScope?: string): void {
    this.storageScope = storageScope;
    this.sync(annotations, sentenceIds);
    this.hasSavedSomething = false;
    this.host.requestUpdate();
  }

  /** Takes back the edits an earlier visit left unsent, for the document's sentences, and sends them. */
  async restoreStored(sentenceIds: readonly string[]): Promise<void> {
    const storageScope = this.storageScope;
    if (storageScope === undefined) return;
    const stored = await this.storage.read(storageScope);
    const known = new Set(sentenceIds);
    const restored: string[] = [];
    for (const saved of stored) {
      // A split or merge elsewhere may have removed the sentence; its edits have nowhere to go.
      if (!known.has(saved.sentenceId) || saved.pending.length === 0) continue;
      if ((this.queues.get(saved.sentenceId)?.pending.length ?? 0) > 0) continue;
      const queue = emptyQueue(storageScope, saved.version);
      queue.pending = saved.pending.map((edit) => ({ ...edit }));
      this.queues.set(saved.sentenceId, queue);
      this.busySentenceIds.add(saved.sentenceId);
      restored.push(saved.sentenceId);
    }
    this.store(storageScope);
    this.host.requestUpdate();
    for (const sentenceId of restored) void this.pump(sentenceId);
  }

  /** The sentence's latest edit not yet confirmed; undefined when nothing is pending. */
  pendingInput(sentenceId: string): AnnotationInput | null | undefined {
    const pending = this.queues.get(sentenceId)?.pending;
    return pending && pending.length > 0 ? pending[pending.length - 1]!.input : undefined;
  }

  hasPending(sentenceId: string): boolean {
    return (this.queues.get(sentenceId)?.pending.length ?? 0) > 0;
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
      this.queues.set(sentenceId, emptyQueue(this.storageScope, versionBySentence.get(sentenceId) ?? 0));
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
    this.busySentenceIds.add(sentenceId);
    this.store(queue.storageScope);
    this.host.requestUpdate();
    // Sent once the label has been painted: the request (and the server and database answering
    // it, on the same few cores) stays out of the frame that shows the key press. The edit is
    // already in memory and on its way to IndexedDB.
    afterNextPaint(() => void this.pump(sentenceId));
  }

  /** Sends every failed edit again. */
  retry(): void {
    for (const [sentenceId, queue] of this.busyQueues()) {
      if (queue.failure === undefined) continue;
      queue.failure = undefined;
      void this.pump(sentenceId);
    }
    this.host.requestUpdate();
  }

  get status(): SaveStatus {
    let isSaving = false;
    for (const [, queue] of this.busyQueues()) {
      if (queue.failure !== undefined) return 'failed';
      if (queue.pending.length > 0) isSaving = true;
    }
    if (isSaving) return this.isOffline ? 'offline' : 'saving';
    return this.hasSavedSomething ? 'saved' : 'idle';
  }

  /** The reason of the most recent failure, for the save status. */
  get failureMessage(): string | undefined {
    for (const [, queue] of this.busyQueues()) if (queue.failure !== undefined) return queue.failure;
    return undefined;
  }

  get failedCount(): number {
    let count = 0;
    for (const [, queue] of this.busyQueues()) if (queue.failure !== undefined) count += 1;
    return count;
  }

  get pendingCount(): number {
    let count = 0;
    for (const [, queue] of this.busyQueues()) count += queue.pending.length;
    return count;
  }

  /** Waits until every edit is saved or has failed: nothing is pending or on its way. */
  whenSettled(): Promise<void> {
    if (this.isSettled) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private get isSettled(): boolean {
    for (const [, queue] of this.busyQueues()) {
      if (queue.isSending || (queue.pending.length > 0 && queue.failure === undefined)) return false;
    }
    return true;
  }

  /** The queues with edits pending, sending or failed; forgets those found idle. */
  private *busyQueues(): Generator<[string, SentenceQueue]> {
    for (const sentenceId of this.busySentenceIds) {
      const queue = this.queues.get(sentenceId);
      if (!queue || (queue.pending.length === 0 && queue.failure === undefined && !queue.isSending)) {
        this.busySentenceIds.delete(sentenceId);
        continue;
      }
      yield [sentenceId, queue];
    }
  }

  hasFailed(sentenceId: string): boolean {
    return this.queues.get(sentenceId)?.failure !== undefined;
  }

  private get storage(): QueueStorage {
    return this.options.storage ?? indexedDbQueueStorage;
  }

  /** Writes what the document's sentences still have to send to storage. */
  private store(storageScope: string | undefined): void {
    if (storageScope === undefined) return;
    const snapshot: StoredSentenceQueue[] = [];
    for (const [sentenceId, queue] of this.busyQueues()) {
      if (queue.storageScope !== storageScope || queue.pending.length === 0) continue;
      snapshot.push({
        sentenceId,
        version: queue.version,
        pending: queue.pending.map((edit) => ({ ...edit })),
      });
    }
    if (this.unstored.size === 0) watchPageHide(this.keepUnstoredNow, true);
    this.unstored.set(storageScope, snapshot);
    this.storing = this.storing.then(() => this.writeNewest(storageScope));
    // Every page shows what is left to send, and leaving asks first (see attest-app).
    unsavedEdits.set(
      storageScope,
      snapshot.reduce((count, queue) => count + queue.pending.length, 0),
    );
  }

  private async writeNewest(storageScope: string): Promise<void> {
    const snapshot = this.unstored.get(storageScope);
    if (snapshot === undefined) return; // an earlier write took it
    await this.storage.write(storageScope, snapshot);
    if (this.unstored.get(storageScope) !== snapshot) return;
    this.unstored.delete(storageScope);
    if (this.unstored.size === 0) watchPageHide(this.keepUnstoredNow, false);
  }

  /**
   * The page is going away (a reload, a closed tab) with snapshots not yet in IndexedDB, whose
   * writes may never finish: the status already counted those edits as kept for the next visit.
   */
  private readonly keepUnstoredNow = (): void => {
    for (const [storageScope, snapshot] of this.unstored) this.storage.writeNow(storageScope, snapshot);
  };

  /** Waits until every change to the queue has reached storage (for tests). */
  whenStored(): Promise<void> {
    return this.storing;
  }

  private queueFor(sentenceId: string): SentenceQueue {
    let queue = this.queues.get(sentenceId);
    if (!queue) {
      queue = emptyQueue(this.storageScope, 0);
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
        this.store(queue.storageScope);
        this.hasSavedSomething = true;
        this.host.requestUpdate();
        if (outcome === 'saved' && queue.pending.length === 0) this.options.onSaved?.(sentenceId);
      }
    } finally {
      queue.isSending = false;
      this.host.requestUpdate();
      if (this.isSettled) for (const resolve of this.settledWaiters.splice(0)) resolve();
    }
  }

  private async send(edit: AnnotationEdit, queue: SentenceQueue): Promise<'saved' | 'conflict' | 'failed'> {
    const delays = this.options.retryDelaysMs ?? defaultRetryDelaysMs;
    const backoff = this.options.offlineBackoffMs ?? defaultOfflineBackoffMs;
    let attempt = 0;
    for (let unreachable = 0; ; ) {
      try {
        queue.version = await this.write(edit, queue.version);
        this.setOffline(false);
        return 'saved';
      } catch (error) {
        if (error instanceof ApiError && error.status === 412) {
          // The problem's `current` is an annotation here (adjudications answer the same way).
          const problemCurrent = error.problem?.current;
          const current = problemCurrent && 'cues' in problemCurrent ? problemCurrent : null;
          queue.version = current?.version ?? 0;
          const mine = queue.pending[queue.pending.length - 1]?.input ?? null;
          this.options.onConflict?.(edit.sentenceId, current, mine);
          return 'conflict';
        }
        if (error instanceof ApiError && error.status === 0) {
          // No answer at all: the edit waits, stored, for as long as the network is gone.
          this.setOffline(true);
          await this.pause(Math.min(backoff.max, backoff.first * 2 ** unreachable));
          unreachable += 1;
          continue;
        }
        this.setOffline(false);
        const isTransient = !(error instanceof ApiError) || error.isTransient;
        const delay = delays[attempt];
        attempt += 1;
        if (!isTransient || delay === undefined) {
          queue.failure = error instanceof Error ? error.message : String(error);
          return 'failed';
        }
        // The server knows how long its trouble lasts (a database restart): wait at least that.
        const retryAfter = error instanceof ApiError ? (error.retryAfterMs ?? 0) : 0;
        await this.pause(Math.max(delay, Math.min(retryAfter, backoff.max)));
      }
    }
  }

  private setOffline(isOffline: boolean): void {
    if (this.isOffline === isOffline) return;
    this.isOffline = isOffline;
    this.host.requestUpdate();
  }

  /** Waits `milliseconds`, or less when the browser comes back online. */
  private pause(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, milliseconds);
      this.wakers.add(wake);
    });
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
    // The edits are stored and will be sent on the next visit, but not if this browser never
    // comes back: warn while anything is unsaved.
    if (this.pendingCount > 0) event.preventDefault();
  };

  private readonly handleOnline = (): void => {
    this.setOffline(false);
    for (const wake of [...this.wakers]) wake();
    this.retry();
  };

  private readonly handleOffline = (): void => {
    this.setOffline(true);
  };
}

/** Listens for the page going away; not tied to the host, whose queued edits outlive it. */
function watchPageHide(listener: () => void, isWatching: boolean): void {
  if (typeof window === 'undefined') return;
  if (isWatching) window.addEventListener('pagehide', listener);
  else window.removeEventListener('pagehide', listener);
}

function emptyQueue(storageScope: string | undefined, version: number): SentenceQueue {
  return { storageScope, version, pending: [], isSending: false, failure: undefined };
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

/**
 * Runs `work` once the browser has painted the coming frame; at once where nothing paints (a
 * hidden tab, or no DOM at all), and after 100 ms at the latest should the tab be hidden first.
 */
function afterNextPaint(work: () => void): void {
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
    work();
    return;
  }
  let hasRun = false;
  const runOnce = () => {
    if (hasRun) return;
    hasRun = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(runOnce, 0));
  setTimeout(runOnce, 100);
}
