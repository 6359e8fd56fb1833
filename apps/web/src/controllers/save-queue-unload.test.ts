// @vitest-environment happy-dom
// A page that goes away while IndexedDB writes are under way: the edits the status counted as
// unsaved must all be there for the next visit.
import type { ReactiveControllerHost } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/client.ts';
import { SaveQueueController } from './save-queue-controller.ts';
import {
  indexedDbQueueStorage,
  memoryQueueStorage,
  type StoredSentenceQueue,
  storedQueueKeyPrefix,
  storedScopes,
} from './save-queue-store.ts';
import { UnsavedEdits } from './unsaved-edits.ts';

const host: ReactiveControllerHost = {
  addController: () => {},
  removeController: () => {},
  requestUpdate: () => {},
  updateComplete: Promise.resolve(true),
};

/** A server that never answers, so every edit stays queued. */
const silentClient = {
  saveAnnotation: () => new Promise(() => {}),
  clearAnnotation: () => new Promise(() => {}),
} as unknown as ApiClient;

/** Memory storage whose asynchronous writes wait until released, as a slow IndexedDB would. */
function slowStorage() {
  const storage = memoryQueueStorage();
  const releases: (() => void)[] = [];
  let writes = 0;
  return {
    ...storage,
    get writes() {
      return writes;
    },
    release: () => {
      for (const release of releases.splice(0)) release();
    },
    async write(documentId: string, queues: readonly StoredSentenceQueue[]) {
      writes += 1;
      await new Promise<void>((resolve) => releases.push(resolve));
      await storage.write(documentId, queues);
    },
  };
}

/** A queue on document d1 of three sentences, whose edits the server never confirms. */
function queueOver(storage: ReturnType<typeof slowStorage>): SaveQueueController {
  const queue = new SaveQueueController(host, { storage });
  queue.client = silentClient;
  queue.open([], ['s1', 's2', 's3'], 'd1');
  return queue;
}

const pendingCounts = (queues: readonly StoredSentenceQueue[] | undefined) =>
  queues?.map((queue) => [queue.sentenceId, queue.pending.length]);

afterEach(() => localStorage.clear());

describe('SaveQueueController when the page goes away', () => {
  it('keeps at once the edits whose IndexedDB write has not finished', async () => {
    const storage = slowStorage();
    const queue = queueOver(storage);
    queue.enqueue('s1', { label: 'kcna_claim' });
    queue.enqueue('s2', { label: 'observer_inference' });
    queue.enqueue('s3', { label: 'reported_fact' });
    expect(queue.pendingCount).toBe(3);
    expect(storage.entries.has('d1')).toBe(false);

    window.dispatchEvent(new Event('pagehide'));
    expect(pendingCounts(storage.entries.get('d1'))).toEqual([
      ['s1', 1],
      ['s2', 1],
      ['s3', 1],
    ]);
  });

  it('writes the newest snapshot behind the one under way, not every one in between', async () => {
    const storage = slowStorage();
    const queue = queueOver(storage);
    queue.enqueue('s1', { label: 'kcna_claim' });
    await Promise.resolve();
    queue.enqueue('s2', { label: 'observer_inference' });
    queue.enqueue('s3', { label: 'reported_fact' });
    for (let round = 0; round < 5; round += 1) {
      storage.release();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await queue.whenStored();
    expect(storage.writes).toBe(2);
    expect(pendingCounts(storage.entries.get('d1'))).toHaveLength(3);

    // Everything is written: leaving now has nothing left to keep.
    storage.entries.clear();
    window.dispatchEvent(new Event('pagehide'));
    expect(storage.entries.has('d1')).toBe(false);
  });
});

describe('indexedDbQueueStorage', () => {
  const kept: StoredSentenceQueue[] = [
    { sentenceId: 's1', version: 2, pending: [{ sentenceId: 's1', input: null, idempotencyKey: 'k1' }] },
  ];

  it('reads what a page kept as it went away, and its next write replaces that', async () => {
    indexedDbQueueStorage.writeNow('u1/d1', kept);
    expect(localStorage.getItem(`${storedQueueKeyPrefix}u1/d1`)).not.toBeNull();
    expect(await indexedDbQueueStorage.read('u1/d1')).toEqual(kept);

    await indexedDbQueueStorage.write('u1/d1', []);
    expect(localStorage.getItem(`${storedQueueKeyPrefix}u1/d1`)).toBeNull();
  });

  it('counts what a page kept as it went away among the user’s unsent edits', async () => {
    indexedDbQueueStorage.writeNow('u1/d1', kept);
    indexedDbQueueStorage.writeNow('u2/d9', kept);
    expect(await storedScopes('u1/')).toEqual(['u1/d1']);
    const unsaved = new UnsavedEdits();
    await unsaved.loadStored('u1');
    expect(unsaved.count).toBe(1);
    expect(unsaved.documentIdsOf('u1')).toEqual(['d1']);
  });
});
