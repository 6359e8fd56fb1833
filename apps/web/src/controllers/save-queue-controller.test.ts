import type { Annotation, AnnotationInput } from '@attest/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { type ApiClient, ApiError, type WriteOptions } from '../api/client.ts';
import { SaveQueueController } from './save-queue-controller.ts';

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
  return { sentenceId, label, source: null, chain: [], cues: [], note: null, version, updatedAt: '' };
}

function setUp(options: { onConflict?: (sentenceId: string, current: Annotation | null) => void } = {}) {
  const host: ReactiveControllerHost = {
    addController: (_controller: ReactiveController) => {},
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
  const api = new FakeApi();
  const queue = new SaveQueueController(host, { retryDelaysMs: [1, 1], ...options });
  queue.client = api as unknown as ApiClient;
  return { api, queue };
}

async function settled(queue: SaveQueueController): Promise<void> {
  for (let attempt = 0; attempt < 200 && queue.status === 'saving'; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

const unavailable = () => new ApiError(503, 'The server is restarting.');

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
    const conflicts: [string, Annotation | null][] = [];
    const { api, queue } = setUp({
      onConflict: (sentenceId, current) => conflicts.push([sentenceId, current]),
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
    expect(conflicts).toEqual([['s1', current]]);
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
});
