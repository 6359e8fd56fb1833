// How many of the analyst's edits have not reached the server yet, across the whole app: the
// save queues report here, so every page can show them and leaving can ask first.
import { indexedDbQueueStorage, storedScopes } from './save-queue-store.ts';

/** Unsent edits by where they are kept: one user's view of one document ("userId/documentId"). */
export class UnsavedEdits extends EventTarget {
  static readonly changeEvent = 'change';
  private readonly countByScope = new Map<string, number>();

  /** Records how many edits a document still has to send (0: all sent). */
  set(storageScope: string, count: number): void {
    if ((this.countByScope.get(storageScope) ?? 0) === count) return;
    if (count === 0) this.countByScope.delete(storageScope);
    else this.countByScope.set(storageScope, count);
    this.dispatchEvent(new Event(UnsavedEdits.changeEvent));
  }

  get count(): number {
    let total = 0;
    for (const count of this.countByScope.values()) total += count;
    return total;
  }

  /** The documents with unsent edits of this user, to link back to them. */
  documentIdsOf(userId: string): string[] {
    const prefix = `${userId}/`;
    return [...this.countByScope.keys()]
      .filter((scope) => scope.startsWith(prefix))
      .map((scope) => scope.slice(prefix.length));
  }

  /** Resolves once nothing is left to send, or after `milliseconds`, with whether all was sent. */
  whenAllSent(milliseconds: number): Promise<boolean> {
    if (this.count === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (isSent: boolean) => {
        clearTimeout(timer);
        this.removeEventListener(UnsavedEdits.changeEvent, check);
        resolve(isSent);
      };
      const check = () => {
        if (this.count === 0) finish(true);
      };
      const timer = setTimeout(() => finish(false), milliseconds);
      this.addEventListener(UnsavedEdits.changeEvent, check);
    });
  }

  /**
   * Counts the edits an earlier visit left in this browser for the user, which wait to be sent
   * the next time their document is opened; queues of this visit already reported keep theirs.
   */
  async loadStored(userId: string): Promise<void> {
    for (const scope of await storedScopes(`${userId}/`)) {
      if (this.countByScope.has(scope)) continue;
      const queues = await indexedDbQueueStorage.read(scope);
      this.set(
        scope,
        queues.reduce((total, queue) => total + queue.pending.length, 0),
      );
    }
  }
}

/** The one registry of the page. */
export const unsavedEdits = new UnsavedEdits();
