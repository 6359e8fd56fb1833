// `within`: a wait that ends at a deadline or when a signal aborts, and leaves nothing attached
// to the signal, so a loop can wait on one signal per step for as long as it runs.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { within } from '../src/lib/deadline.ts';

const never = new Promise<string>(() => {});

describe('within', () => {
  it("answers the promise's value when it settles first", async () => {
    expect(await within(Promise.resolve('done'), 1_000, 'late')).toBe('done');
  });

  it('answers the fallback at the deadline', async () => {
    expect(await within(never, 10, 'late')).toBe('late');
  });

  it('answers the fallback as soon as the signal aborts, long before the deadline', async () => {
    const controller = new AbortController();
    const waiting = within(never, 60_000, 'left', controller.signal);
    controller.abort();
    expect(await waiting).toBe('left');
  });

  it('answers the fallback at once for a signal that had already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await within(never, 60_000, 'left', controller.signal)).toBe('left');
  });

  it('leaves no listener on the signal after any number of waits, however each ended', async () => {
    const controller = new AbortController();
    for (let step = 0; step < 1_000; step++) {
      await within(Promise.resolve(step), 60_000, -1, controller.signal);
    }
    await within(never, 1, -1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const aborted = within(never, 60_000, -1, controller.signal);
    controller.abort();
    await aborted;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
