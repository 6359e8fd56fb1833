// The attribution layer's cues (every attribution's source, cue and content spans) are added to
// an imported document's suggestions after the import has answered: finding them costs about as
// much again as the rules, and an import that computed them made bulk uploads a third slower.
// An import stores the rules' suggestions and queues the document (`attribution_span_queue`, in
// the transaction that writes it). Each API process runs one filler that adds the spans in the
// background, holding back while the process imports; and whatever reads the suggestions of a
// waiting document (the editor, a split or merge) adds them first, in its own request. Either
// way the document is locked as a split locks it and leaves the queue in the transaction that
// writes the spans, so they are added once, to suggestions a split has not rewritten meanwhile.
import { type Segment, type Suggestion, withAttributionCues } from '@attest/core';
import {
  type Database,
  type Executor,
  findDocumentsWaitingForAttributionSpans,
  listDocumentsWaitingForAttributionSpans,
  listSentencesBetween,
  takeDocumentWaitingForAttributionSpans,
  updateSentenceSuggestions,
} from '@attest/db';
import { BackgroundDrain, type DrainOptions } from '../lib/background-drain.ts';
import { defaultLongestImportYieldMilliseconds, ImportActivity } from '../lib/import-activity.ts';

/** What an import needs of the filler: a nudge once its documents are committed. */
export interface AttributionSpanWaker {
  wake(): void;
}

/** The last position a document's sentences can have. */
const lastPosition = 2 ** 31 - 1;

/**
 * Adds the spans to the document's suggestions if it waits for them, in `transaction`, which then
 * holds the document until it ends. False when it did not wait (any more).
 */
export async function addAttributionSpans(transaction: Executor, documentId: string): Promise<boolean> {
  const body = await takeDocumentWaitingForAttributionSpans(transaction, { documentId });
  if (body === undefined) return false;
  const suggested = (
    await listSentencesBetween(transaction, { documentId, fromPosition: 0, toPosition: lastPosition })
  ).filter(
    (sentence): sentence is typeof sentence & { suggestion: Suggestion } => sentence.suggestion !== null,
  );
  const segments: Segment[] = suggested;
  const withSpans = withAttributionCues(
    body,
    segments,
    suggested.map((sentence) => sentence.suggestion),
  );
  await updateSentenceSuggestions(transaction, {
    updates: suggested.flatMap((sentence, index) => {
      const suggestion = withSpans[index];
      return suggestion && suggestion !== sentence.suggestion ? [{ id: sentence.id, suggestion }] : [];
    }),
  });
  return true;
}

/**
 * Adds the spans to those of these documents that still wait, each in a transaction of its own,
 * before a request reads their suggestions. One indexed read when none waits.
 */
export async function ensureAttributionSpans(db: Executor, documentIds: readonly string[]): Promise<void> {
  for (const documentId of await findDocumentsWaitingForAttributionSpans(db, { documentIds }))
    await db.transaction((transaction) => addAttributionSpans(transaction, documentId));
}

export interface AttributionSpanFillerOptions {
  /** How often to look for waiting documents besides the wakes (default one minute). */
  sweepMilliseconds?: number;
  /** Where failures go; one line each (default console.warn). */
  warn?: (message: string) => void;
  /** This process's imports, shared with its other background work (one of its own by default). */
  imports?: ImportActivity;
}

/** Documents taken from the queue per read of it. */
const batchSize = 50;

/** Adds the spans of every waiting document in the background, oldest first, one document at a time. */
export class AttributionSpanFiller implements AttributionSpanWaker {
  readonly #db: Database;
  readonly #warn: (message: string) => void;
  readonly #imports: ImportActivity;
  readonly #drains: BackgroundDrain;
  /** Documents that failed here: left to the request that reads them, not retried in a loop. */
  readonly #failed = new Set<string>();

  constructor(db: Database, options: AttributionSpanFillerOptions = {}) {
    this.#db = db;
    this.#warn = options.warn ?? ((message) => console.warn(message));
    this.#imports = options.imports ?? new ImportActivity();
    this.#drains = new BackgroundDrain(
      (drainOptions) => this.#drain(drainOptions),
      options.sweepMilliseconds ?? 60_000,
    );
  }

  /** Adds what waits now (what a stopped process left), then after every wake and sweep. */
  start(): this {
    this.#drains.start();
    return this;
  }

  wake(): void {
    this.#drains.wake();
  }

  /** Adds the spans of every waiting document now, without holding back for imports. */
  drain(): Promise<void> {
    return this.#drains.drain();
  }

  /** Stops sweeping and waits for the document under way; what still waits stays queued. */
  stop(): Promise<void> {
    return this.#drains.stop();
  }

  async #drain({ yieldToImports }: DrainOptions): Promise<void> {
    const isStopped = () => this.#drains.isStopped;
    try {
      for (;;) {
        const waiting = (
          await listDocumentsWaitingForAttributionSpans(this.#db, { limit: batchSize + this.#failed.size })
        ).filter((documentId) => !this.#failed.has(documentId));
        if (waiting.length === 0) return;
        for (const documentId of waiting) {
          if (yieldToImports) await this.#imports.paused(defaultLongestImportYieldMilliseconds, isStopped);
          if (isStopped()) return;
          try {
            await this.#db.transaction((transaction) => addAttributionSpans(transaction, documentId));
          } catch (error) {
            this.#failed.add(documentId);
            this.#warn(`Adding the attribution spans of document ${documentId} failed: ${messageOf(error)}`);
          }
        }
      }
    } catch (error) {
      // The database went away, or closed under a stopping process: the next sweep tries again.
      this.#warn(`Adding attribution spans stopped for now: ${messageOf(error)}`);
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
