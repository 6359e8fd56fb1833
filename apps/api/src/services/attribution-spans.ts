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
  type DocumentTakenForSpans,
  type Executor,
  findDocumentsWaitingForAttributionSpans,
  listSentencesOfDocuments,
  type SentenceRow,
  takeDocumentsWaitingForAttributionSpans,
  updateSentenceSuggestions,
} from '@attest/db';
import { BackgroundDrain, type DrainOptions, defaultSweepMilliseconds } from '../lib/background-drain.ts';
import { defaultLongestImportYieldMilliseconds, ImportActivity } from '../lib/import-activity.ts';

/** What an import needs of the filler: a nudge once its documents are committed. */
export interface AttributionSpanWaker {
  wake(): void;
}

/**
 * Adds the spans to the suggestions of documents taken off the queue, in the transaction that
 * took them (and holds them): one read of their sentences and one write of the changed ones.
 */
async function addSpansTo(transaction: Executor, taken: readonly DocumentTakenForSpans[]): Promise<void> {
  if (taken.length === 0) return;
  const bodyOf = new Map(taken.map((document) => [document.id, document.body]));
  const byDocument = new Map<string, SentenceRow[]>();
  for (const sentence of await listSentencesOfDocuments(transaction, { documentIds: [...bodyOf.keys()] })) {
    const documentSentences = byDocument.get(sentence.documentId);
    if (documentSentences) documentSentences.push(sentence);
    else byDocument.set(sentence.documentId, [sentence]);
  }
  const updates: { id: string; suggestion: Suggestion }[] = [];
  for (const [documentId, stored] of byDocument) {
    const suggested = stored.filter(
      (sentence): sentence is typeof sentence & { suggestion: Suggestion } => sentence.suggestion !== null,
    );
    const segments: Segment[] = suggested;
    const withSpans = withAttributionCues(
      bodyOf.get(documentId) ?? '',
      segments,
      suggested.map((sentence) => sentence.suggestion),
    );
    for (const [index, sentence] of suggested.entries()) {
      const suggestion = withSpans[index];
      if (suggestion && suggestion !== sentence.suggestion) updates.push({ id: sentence.id, suggestion });
    }
  }
  await updateSentenceSuggestions(transaction, { updates });
}

/**
 * Adds the spans to the document's suggestions if it waits for them, in `transaction`, which then
 * holds the document until it ends (waiting for another transaction that holds it).
 */
export async function addAttributionSpans(transaction: Executor, documentId: string): Promise<void> {
  await addSpansTo(transaction, await takeDocumentsWaitingForAttributionSpans(transaction, { documentId }));
}

/**
 * Adds the spans to those of these documents that still wait, each in a transaction of its own,
 * before a request reads their suggestions. One indexed read when none waits. Should adding them
 * fail (a fault in stored suggestions, not anything a user sent), the document is served with
 * the rules' suggestions, stays waiting, and the fault is logged.
 */
export async function ensureAttributionSpans(db: Executor, documentIds: readonly string[]): Promise<void> {
  for (const documentId of await findDocumentsWaitingForAttributionSpans(db, { documentIds })) {
    try {
      await db.transaction((transaction) => addAttributionSpans(transaction, documentId));
    } catch (error) {
      console.warn(`Adding the attribution spans of document ${documentId} failed: ${messageOf(error)}`);
    }
  }
}

export interface AttributionSpanFillerOptions {
  /** How often to look for waiting documents besides the wakes (default one minute). */
  sweepMilliseconds?: number;
  /** Where failures go; one line each (default console.warn). */
  warn?: (message: string) => void;
  /** This process's imports, shared with its other background work (one of its own by default). */
  imports?: ImportActivity;
}

/**
 * Documents the filler takes per transaction: one read and one write for all of them, and about
 * 15 ms of CPU for articles of a few dozen sentences, which an embedded database's single
 * connection waits for.
 */
const documentsPerTransaction = 50;

/** Adds the spans of every waiting document in the background, oldest first, a batch per transaction. */
export class AttributionSpanFiller implements AttributionSpanWaker {
  readonly #db: Database;
  readonly #warn: (message: string) => void;
  readonly #imports: ImportActivity;
  readonly #drains: BackgroundDrain;
  /**
   * Documents whose spans failed here, one at a time: set aside (they stay waiting, and a request
   * that opens one tries again), so one bad document does not stop the others.
   */
  readonly #failed = new Set<string>();

  constructor(db: Database, options: AttributionSpanFillerOptions = {}) {
    this.#db = db;
    this.#warn = options.warn ?? ((message) => console.warn(message));
    this.#imports = options.imports ?? new ImportActivity();
    this.#drains = new BackgroundDrain(
      (drainOptions) => this.#drain(drainOptions),
      options.sweepMilliseconds ?? defaultSweepMilliseconds,
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
        if (yieldToImports) await this.#imports.paused(defaultLongestImportYieldMilliseconds, isStopped);
        if (isStopped()) return;
        let takenIds: string[] = [];
        try {
          await this.#db.transaction(async (transaction) => {
            const taken = await takeDocumentsWaitingForAttributionSpans(transaction, {
              oldest: documentsPerTransaction,
              excluding: [...this.#failed],
            });
            takenIds = taken.map((document) => document.id);
            await addSpansTo(transaction, taken);
          });
        } catch (error) {
          if (takenIds.length === 0) throw error;
          await this.#addOneByOne(takenIds);
        }
        // None left, or every one waiting is held by another transaction, which adds its spans.
        if (takenIds.length === 0) return;
      }
    } catch (error) {
      // The database went away, or closed under a stopping process: the next sweep tries again.
      this.#warn(`Adding attribution spans stopped for now: ${messageOf(error)}`);
    }
  }

  /** After a batch failed (it rolled back): each of its documents on its own, to set the faulty one aside. */
  async #addOneByOne(documentIds: readonly string[]): Promise<void> {
    for (const documentId of documentIds) {
      try {
        await this.#db.transaction((transaction) => addAttributionSpans(transaction, documentId));
      } catch (error) {
        this.#failed.add(documentId);
        this.#warn(
          `Adding the attribution spans of document ${documentId} failed: ${messageOf(error)}; it stays waiting, set aside by this process.`,
        );
      }
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
