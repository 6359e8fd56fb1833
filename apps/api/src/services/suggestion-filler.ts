// An imported document's suggestions (the rules' label and every attribution's source, cue and
// content spans) are added after the import has answered: computing them cost a bulk import more
// than segmenting and writing its articles did (docs/benchmarks.md). An import stores the
// sentences and queues the document (`attribution_span_queue`, in the transaction that writes
// it). Each API process runs one filler that adds the suggestions in the background, holding back
// while the process imports; and whatever reads the suggestions of a waiting document (the
// editor, a split or merge, the claim linker, the active queue, an export) adds them first, in
// its own transaction. Either way the document is locked as a split locks it and leaves the queue
// in the transaction that writes the suggestions, so they are added once, to sentences a split
// has not rewritten meanwhile.
import { isDeepStrictEqual } from 'node:util';
import type { Suggestion } from '@attest/core';
import {
  type Database,
  type DocumentTakenForSuggestions,
  type Executor,
  findDocumentsWaitingForSuggestions,
  listSentencesOfDocuments,
  type SentenceRow,
  takeDocumentsWaitingForSuggestions,
  updateSentenceSuggestions,
} from '@attest/db';
import { BackgroundDrain, type DrainOptions, defaultSweepMilliseconds } from '../lib/background-drain.ts';
import { defaultLongestImportYieldMilliseconds, ImportActivity } from '../lib/import-activity.ts';
import { suggestionsFor } from './suggestions.ts';

/** What an import needs of the filler: a nudge once its documents are committed. */
export interface SuggestionWaker {
  wake(): void;
}

/**
 * Computes the suggestions of documents taken off the queue (rules and spans, as a split or merge
 * computes them), in the transaction that took them (and holds them): one read of their
 * sentences and one write of those whose suggestion changed.
 */
async function addSuggestionsTo(
  transaction: Executor,
  taken: readonly DocumentTakenForSuggestions[],
): Promise<void> {
  if (taken.length === 0) return;
  const bodyOf = new Map(taken.map((document) => [document.id, document.body]));
  const byDocument = new Map<string, SentenceRow[]>();
  for (const sentence of await listSentencesOfDocuments(transaction, { documentIds: [...bodyOf.keys()] })) {
    const documentSentences = byDocument.get(sentence.documentId);
    if (documentSentences) documentSentences.push(sentence);
    else byDocument.set(sentence.documentId, [sentence]);
  }
  const updates: { id: string; suggestion: Suggestion | null }[] = [];
  for (const [documentId, stored] of byDocument) {
    const computed = suggestionsFor(bodyOf.get(documentId) ?? '', stored);
    for (const [index, sentence] of stored.entries()) {
      const suggestion = computed[index] ?? null;
      // Documents queued before suggestions moved here hold the rules' part already.
      if (!isDeepStrictEqual(suggestion, sentence.suggestion)) updates.push({ id: sentence.id, suggestion });
    }
  }
  await updateSentenceSuggestions(transaction, { updates });
}

/**
 * Adds the document's suggestions if it waits for them, in `transaction`, which then holds the
 * document until it ends (waiting for another transaction that holds it).
 */
export async function addSuggestions(transaction: Executor, documentId: string): Promise<void> {
  await addSuggestionsTo(transaction, await takeDocumentsWaitingForSuggestions(transaction, { documentId }));
}

/**
 * Adds the suggestions of those of these documents (or of the project's documents) that still
 * wait, each in a transaction of its own, before something reads them. One indexed read when none
 * waits. Should adding them fail (a fault in stored text, not anything a user sent), the document
 * is served without suggestions, stays waiting, and the fault is logged.
 */
export async function ensureSuggestions(
  db: Executor,
  which: readonly string[] | { projectId: string },
): Promise<void> {
  const waiting = await findDocumentsWaitingForSuggestions(
    db,
    'projectId' in which ? which : { documentIds: which },
  );
  for (const documentId of waiting) {
    try {
      await db.transaction((transaction) => addSuggestions(transaction, documentId));
    } catch (error) {
      console.warn(`Adding the suggestions of document ${documentId} failed: ${messageOf(error)}`);
    }
  }
}

export interface SuggestionFillerOptions {
  /** How often to look for waiting documents besides the wakes (default one minute). */
  sweepMilliseconds?: number;
  /** Where failures go; one line each (default console.warn). */
  warn?: (message: string) => void;
  /** This process's imports, shared with its other background work (one of its own by default). */
  imports?: ImportActivity;
}

/**
 * Documents the filler takes per transaction: one read and one write for all of them, and about
 * 20 ms of CPU for articles of a few dozen sentences, which an embedded database's single
 * connection waits for.
 */
const documentsPerTransaction = 25;

/** Adds the suggestions of every waiting document in the background, oldest first, a batch per transaction. */
export class SuggestionFiller implements SuggestionWaker {
  readonly #db: Database;
  readonly #warn: (message: string) => void;
  readonly #imports: ImportActivity;
  readonly #drains: BackgroundDrain;
  /**
   * Documents whose suggestions failed here, one at a time: set aside (they stay waiting, and a request
   * that opens one tries again), so one bad document does not stop the others.
   */
  readonly #failed = new Set<string>();

  constructor(db: Database, options: SuggestionFillerOptions = {}) {
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

  /** Adds the suggestions of every waiting document now, without holding back for imports. */
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
            const taken = await takeDocumentsWaitingForSuggestions(transaction, {
              oldest: documentsPerTransaction,
              excluding: [...this.#failed],
            });
            takenIds = taken.map((document) => document.id);
            await addSuggestionsTo(transaction, taken);
          });
        } catch (error) {
          if (takenIds.length === 0) throw error;
          await this.#addOneByOne(takenIds);
        }
        // None left, or every one waiting is held by another transaction, which adds their suggestions.
        if (takenIds.length === 0) return;
      }
    } catch (error) {
      // The database went away, or closed under a stopping process: the next sweep tries again.
      this.#warn(`Adding suggestions stopped for now: ${messageOf(error)}`);
    }
  }

  /** After a batch failed (it rolled back): each of its documents on its own, to set the faulty one aside. */
  async #addOneByOne(documentIds: readonly string[]): Promise<void> {
    for (const documentId of documentIds) {
      try {
        await this.#db.transaction((transaction) => addSuggestions(transaction, documentId));
      } catch (error) {
        this.#failed.add(documentId);
        this.#warn(
          `Adding the suggestions of document ${documentId} failed: ${messageOf(error)}; it stays waiting, set aside by this process.`,
        );
      }
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
