// Where the save queue keeps edits the server has not confirmed: IndexedDB (idb-keyval), one
// entry per user and document, so a reload, a crash or a dropped network does not lose them.
// IndexedDB writes are asynchronous and one begun as the page goes away may never finish, so a
// page leaving with a write still under way keeps its newest snapshot in localStorage, which
// is synchronous; the next read prefers that, and the next write replaces it.
import type { AnnotationInput } from '@attest/core';
import { del, get, keys, set } from 'idb-keyval';

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
  /** Replaces it before returning: for a page going away, whose asynchronous writes may be lost. */
  writeNow(documentId: string, queues: readonly StoredSentenceQueue[]): void;
}

/** Stored queues are named this followed by their scope ("userId/documentId"). */
export const storedQueueKeyPrefix = 'attest-save-queue:';

const keyOf = (documentId: string) => `${storedQueueKeyPrefix}${documentId}`;

/** The browser's IndexedDB; when it is unavailable (some private modes) the queue lives in memory only. */
export const indexedDbQueueStorage: QueueStorage = {
  async read(documentId) {
    const keptAtExit = readKeptAtExit(documentId);
    if (keptAtExit !== undefined) return keptAtExit;
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
    } finally {
      // This page holds the queue now: what an earlier one kept at its exit is older.
      forgetKeptAtExit(documentId);
    }
  },
  writeNow(documentId, queues) {
    // An empty list is kept too: it stands in front of an older IndexedDB entry whose removal
    // may not have landed, so edits already sent are not taken back next time.
    try {
      localStorage.setItem(keyOf(documentId), JSON.stringify(queues));
    } catch {
      // No localStorage, or it is full: the IndexedDB write under way may still land.
    }
  },
};

/** The scopes ("userId/documentId") with a stored queue that start with `scopePrefix`. */
export async function storedScopes(scopePrefix: string): Promise<string[]> {
  const prefix = `${storedQueueKeyPrefix}${scopePrefix}`;
  const found = new Set<string>();
  try {
    for (let index = 0; index < localStorage.length; index += 1) {
      const key = localStorage.key(index);
      if (key?.startsWith(prefix)) found.add(key.slice(storedQueueKeyPrefix.length));
    }
  } catch {
    // No localStorage: nothing was kept there.
  }
  try {
    for (const key of await keys()) {
      if (typeof key === 'string' && key.startsWith(prefix))
        found.add(key.slice(storedQueueKeyPrefix.length));
    }
  } catch {
    // No IndexedDB (some private modes): only this visit's edits exist.
  }
  return [...found];
}

/** The snapshot a page kept in localStorage as it went away; undefined when there is none. */
function readKeptAtExit(documentId: string): StoredSentenceQueue[] | undefined {
  try {
    const kept = localStorage.getItem(keyOf(documentId));
    if (kept === null) return undefined;
    const parsed: unknown = JSON.parse(kept);
    return Array.isArray(parsed) ? (parsed as StoredSentenceQueue[]) : undefined;
  } catch {
    return undefined;
  }
}

function forgetKeptAtExit(documentId: string): void {
  try {
    localStorage.removeItem(keyOf(documentId));
  } catch {
    // No localStorage: nothing was kept there.
  }
}

/** Keeps the queue in a map: for tests, and where there is no IndexedDB. */
export function memoryQueueStorage(): QueueStorage & {
  readonly entries: Map<string, readonly StoredSentenceQueue[]>;
} {
  const entries = new Map<string, readonly StoredSentenceQueue[]>();
  const writeNow = (documentId: string, queues: readonly StoredSentenceQueue[]) => {
    if (queues.length === 0) entries.delete(documentId);
    else entries.set(documentId, structuredClone(queues));
  };
  return {
    entries,
    async read(documentId) {
      return structuredClone(entries.get(documentId) ?? []);
    },
    async write(documentId, queues) {
      writeNow(documentId, queues);
    },
    writeNow,
  };
}
