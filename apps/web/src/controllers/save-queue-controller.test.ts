import type { Annotation, AnnotationInput } from '@attest/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { type ApiClient, ApiError, type WriteOptions } from '../api/client.ts';
import { SaveQueueController } from './save-queue-controller.ts';
import { memoryQueueStorage } from './save-queue-store.ts';

interface Call {
  sentenceId: string;
  label: string | null;
  input: AnnotationInput | null;
  expectedVersion: number;
  idempotencyKey: string;
}

/** Answers writes like the API, or with the failures a test queues up. */
class FakeApi {
  readonly calls: Call[] = [];
  readonly failures: ApiError[] = [];
  private readonly versions = new Map<string, number>();

  async saveAnnotation(
    sentenceId: string,
    input: AnnotationInput,
    options: WriteOptions,
  ): Promise<Annotation> {
    this.record(sentenceId, input, options);
    const version = (this.versions.get(sentenceId) ?? 0) + 1;
    this.versions.set(sentenceId, version);
    return annotation(sentenceId, input.label, version);
  }

  async clearAnnotation(sentenceId: string, options: WriteOptions): Promise<void> {
    this.record(sentenceId, null, options);
    this.versions.delete(sentenceId);
  }

  private record(sentenceId: string, input: AnnotationInput | null, options: WriteOptions): void {
    this.calls.push({ sentenceId, label: input?.label ?? null, input, ...options });
    const failure = this.failures.shift();
    if (failure) throw failure;
  }
}

function annotation(sentenceId: string, label: string, version: number): Annotation {
  return {
    sentenceId,
    label,
    source: null,
    chain: [],
    cues: [],
    note: null,
    suggestion: null,
    version,
    updatedAt: '',
  };
}

function setUp(
  options: {
    onConflict?: (sentenceId: string, current: Annotation | null, mine: AnnotationInput | null) => void;
    onSaved?: (sentenceId: string) => void;
    storage?: ReturnType<typeof memoryQueueStorage>;
  } = {},
) {
  const host: ReactiveControllerHost = {
    addController: (_controller: ReactiveController) => {},
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
  const api = new FakeApi();
  const storage = options.storage ?? memoryQueueStorage();
  const queue = new SaveQueueController(host, {
    retryDelaysMs: [1, 1],
    offlineBackoffMs: { first: 1, max: 4 },
    ...options,
    storage,
  });
  queue.client = api as unknown as ApiClient;
  return { api, queue, storage };
}

async function settled(queue: SaveQueueController): Promise<void> {
  for (
    let attempt = 0;
    attempt < 200 && (queue.status === 'saving' || queue.status === 'offline');
    attempt += 1
  ) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const unavailable = () => new ApiError(503, 'The server is restarting.');
const unreachable = () => new ApiError(0, 'The server could not be reached.');

describe('SaveQueueController', () => {
  it('sends one sentence’s edits in order, each with the version the previous one produced', async () => {
    const { api, queue } = setUp();
    queue.load([annotation('s1', 'kcna_claim', 4)], ['s1', 's2']);
    queue.enqueue('s1', { label: 'reported_fact' });
    queue.enqueue('s1', null);
    queue.enqueue('s1', { label: 'observer_inference' });
    await settled(queue);
    expect(api.calls.map(({ label, expectedVersion }) => [label, expectedVersion])).toEqual([
      ['reported_fact', 4],
      [null, 1],
      ['observer_inference', 0],
    ]);
    expect(new Set(api.calls.map((call) => call.idempotencyKey)).size).toBe(3);
    expect(queue.status).toBe('saved');
  });

  it('says a sentence is saved once its latest edit is stored, not after each edit or a failure', async () => {
    const saved: string[] = [];
    const { api, queue } = setUp({ onSaved: (sentenceId) => saved.push(sentenceId) });
    queue.enqueue('s1', { label: 'reported_fact' });
    queue.enqueue('s1', { label: 'kcna_claim' });
    queue.enqueue('s2', { label: 'kcna_claim' });
    await settled(queue);
    expect(api.calls).toHaveLength(3);
    expect(saved.sort()).toEqual(['s1', 's2']);
    api.failures.push(new ApiError(422, 'Unknown label.'));
    queue.enqueue('s3', { label: 'no_such_label' });
    await settled(queue);
    expect(queue.hasFailed('s3')).toBe(true);
    expect(saved.sort()).toEqual(['s1', 's2']);
  });

  it('retries a transient failure with the same idempotency key', async () => {
    const { api, queue } = setUp();
    api.failures.push(unavailable());
    queue.enqueue('s1', { label: 'kcna_claim' });
    await settled(queue);
    expect(api.calls).toHaveLength(2);
    expect(api.calls[1]?.idempotencyKey).toBe(api.calls[0]?.idempotencyKey);
    expect(queue.status).toBe('saved');
  });

  it('reports a failure once the retries are spent, and retry() sends the edit again', async () => {
    const { api, queue } = setUp();
    api.failures.push(unavailable(), unavailable(), unavailable());
    queue.enqueue('s1', { label: 'kcna_claim' });
    await settled(queue);
    expect(queue.status).toBe('failed');
    expect(queue.failureMessage).toBe('The server is restarting.');
    expect(queue.hasFailed('s1')).toBe(true);

    queue.retry();
    await settled(queue);
    expect(queue.status).toBe('saved');
    expect(api.calls.at(-1)?.idempotencyKey).toBe(api.calls[0]?.idempotencyKey);
  });

  it('does not retry a refusal by itself', async () => {
    const { api, queue } = setUp();
    api.failures.push(new ApiError(422, 'Unknown label "nope".'));
    queue.enqueue('s1', { label: 'nope' });
    await settled(queue);
    expect(api.calls).toHaveLength(1);
    expect(queue.status).toBe('failed');
  });

  it('replaces a failed edit with a newer one for the same sentence', async () => {
    const { api, queue } = setUp();
    api.failures.push(new ApiError(422, 'Refused.'));
    queue.enqueue('s1', { label: 'kcna_claim' });
    await settled(queue);
    queue.enqueue('s1', { label: 'reported_fact' });
    await settled(queue);
    expect(api.calls.map((call) => call.label)).toEqual(['kcna_claim', 'reported_fact']);
    expect(queue.status).toBe('saved');
  });

  it('on a stale version, reports the server’s value and drops the edits built on the old one', async () => {
    const conflicts: [string, Annotation | null, AnnotationInput | null][] = [];
    const { api, queue } = setUp({
      onConflict: (sentenceId, current, mine) => conflicts.push([sentenceId, current, mine]),
    });
    const current = annotation('s1', 'reported_fact', 7);
    const stale = new ApiError(412, 'Changed elsewhere.', {
      type: '/problems/stale-version',
      title: 'Stale',
      status: 412,
      detail: 'Changed elsewhere.',
      current,
    });
    api.failures.push(stale);
    queue.enqueue('s1', { label: 'kcna_claim' });
    queue.enqueue('s1', { label: 'observer_inference' });
    await settled(queue);
    expect(conflicts).toEqual([['s1', current, { label: 'observer_inference' }]]);
    expect(api.calls).toHaveLength(1);

    queue.enqueue('s1', { label: 'kcna_claim' });
    await settled(queue);
    expect(api.calls.at(-1)?.expectedVersion).toBe(7);
  });

  it('sends the whole annotation: source, chain, cues and note with the label', async () => {
    const { api, queue } = setUp();
    const input = {
      label: 'kcna_claim',
      source: 'KCNA',
      chain: ['Yonhap', 'KCNA'],
      cues: [{ start: 4, end: 8, kind: 'source' as const }],
      note: 'Carried by the agency.',
    };
    queue.enqueue('s1', input);
    await settled(queue);
    expect(api.calls.map((call) => call.input)).toEqual([input]);
  });

  it('whenSettled() waits for every pending edit, and answers at once when idle', async () => {
    const { api, queue } = setUp();
    await queue.whenSettled();
    queue.enqueue('s1', { label: 'kcna_claim' });
    queue.enqueue('s2', { label: 'reported_fact' });
    await queue.whenSettled();
    expect(api.calls).toHaveLength(2);
    expect(queue.pendingCount).toBe(0);
  });

  it('sync() takes the server’s new versions without forgetting that something was saved', async () => {
    const { api, queue } = setUp();
    queue.enqueue('s1', { label: 'kcna_claim' });
    await queue.whenSettled();
    queue.sync([annotation('s1', 'kcna_claim', 5), annotation('s2', 'kcna_claim', 1)], ['s1', 's2']);
    expect(queue.status).toBe('saved');
    queue.enqueue('s2', { label: 'reported_fact' });
    await queue.whenSettled();
    expect(api.calls.at(-1)?.expectedVersion).toBe(1);
  });

  it('keeps an edit queued while the server cannot be reached, and sends it once it can', async () => {
    const { api, queue } = setUp();
    api.failures.push(unreachable(), unreachable(), unreachable(), unreachable(), unreachable());
    queue.enqueue('s1', { label: 'kcna_claim' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queue.status).toBe('offline');
    expect(queue.pendingCount).toBe(1);
    await queue.whenSettled();
    expect(api.calls).toHaveLength(6);
    expect(new Set(api.calls.map((call) => call.idempotencyKey)).size).toBe(1);
    expect(queue.status).toBe('saved');
  });

  it('stores unconfirmed edits, and a new page takes them back and sends them in order', async () => {
    const storage = memoryQueueStorage();
    const first = setUp({ storage });
    await first.queue.load([annotation('s1', 'kcna_claim', 3)], ['s1', 's2'], 'd1');
    first.api.failures.push(...Array.from({ length: 100 }, unreachable));
    first.queue.enqueue('s1', { label: 'reported_fact' });
    first.queue.enqueue('s1', { label: 'observer_inference' });
    first.queue.enqueue('s2', null);
    await first.queue.whenStored();
    expect(
      storage.entries.get('d1')?.map((stored) => [stored.sentenceId, stored.version, stored.pending.length]),
    ).toEqual([
      ['s1', 3, 2],
      ['s2', 0, 1],
    ]);
    const keys = storage.entries
      .get('d1')
      ?.flatMap((stored) => stored.pending.map((edit) => edit.idempotencyKey));

    const second = setUp({ storage });
    await second.queue.load([annotation('s1', 'kcna_claim', 3)], ['s1', 's2'], 'd1');
    expect(second.queue.pendingInput('s1')).toEqual({ label: 'observer_inference' });
    expect(second.queue.pendingInput('s2')).toBeNull();
    await second.queue.whenSettled();
    expect(
      // Sentences are sent side by side; within one, in order.
      second.api.calls.map(({ sentenceId, label, expectedVersion, idempotencyKey }) => [
        sentenceId,
        label,
        expectedVersion,
        idempotencyKey,
      ]),
    ).toEqual([
      ['s1', 'reported_fact', 3, keys?.[0]],
      ['s2', null, 0, keys?.[2]],
      ['s1', 'observer_inference', 1, keys?.[1]],
    ]);
    await second.queue.whenStored();
    expect(storage.entries.has('d1')).toBe(false);
  });

  it('drops stored edits of sentences the document no longer has', async () => {
    const storage = memoryQueueStorage();
    storage.entries.set('d1', [
      { sentenceId: 'gone', version: 0, pending: [{ sentenceId: 'gone', input: null, idempotencyKey: 'k' }] },
    ]);
    const { api, queue } = setUp({ storage });
    await queue.load([], ['s1'], 'd1');
    await queue.whenSettled();
    await queue.whenStored();
    expect(api.calls).toHaveLength(0);
    expect(storage.entries.has('d1')).toBe(false);
  });
});
