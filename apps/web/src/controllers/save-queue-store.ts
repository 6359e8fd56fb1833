// Where the save queue keeps edits the server has not confirmed: IndexedDB (idb-keyval), one
// entry per user and document, so a reload, a crash or a dropped network does not lose them.
import type { AnnotationInput } from '@attest/core';
import { del, get, set } from 'idb-keyval';

/** One queued edit as stored: what to send, and the key that makes a resend harmless. */
export interface StoredEdit {
  readonly sentenceId: string;
  readonly input: AnnotationInput | null;
  readonly idempotencyKey: string;
}

/** A sentence's unconfirmed edits, with the version the first of them was made against. */
export interface StoredSentenceQueue {
  readonly sentenceId: string;
  readonly version: number;
  readonly pending: readonly StoredEdit[];
}

/** The storage the queue writes through; tests pass one that keeps it in memory. */
export interface QueueStorage {
  read(documentId: string): Promise<readonly StoredSentenceQueue[]>;
  /** Replaces the document's stored queue; an empty list removes it. */
  write(documentId: string, queues: readonly StoredSentenceQueue[]): Promise<void>;
}

/** Stored queues are named this followed by their scope ("userId/documentId"). */
export const storedQueueKeyPrefix = 'attest-save-queue:';

const keyOf = (documentId: string) => `${storedQueueKeyPrefix}${documentId}`;

/** The browser's IndexedDB; when it is unavailable (some private modes) the queue lives in memory only. */
export const indexedDbQueueStorage: QueueStorage = {
  async read(documentId) {
    try {
      const stored: unknown = await get(keyOf(documentId));
      return Array.isArray(stored) ? (stored as StoredSentenceQueue[]) : [];
    } catch {
      return [];
    }
  },
  async write(documentId, queues) {
    try {
      if (queues.length === 0) await del(keyOf(documentId));
      else await set(keyOf(documentId), queues);
    } catch {
      // Nothing to fall back on: the edits are still in memory and still being sent.
    }
  },
};

/** Keeps the queue in a map: for tests, and where there is no IndexedDB. */
export function memoryQueueStorage(): QueueStorage & {
  readonly entries: Map<string, readonly StoredSentenceQueue[]>;
} {
  const entries = new Map<string, readonly StoredSentenceQueue[]>();
  return {
    entries,
    async read(documentId) {
      return structuredClone(entries.get(documentId) ?? []);
    },
    async write(documentId, queues) {
      if (queues.length === 0) entries.delete(documentId);
      else entries.set(documentId, structuredClone(queues));
    },
  };
}
