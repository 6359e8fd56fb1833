// /readyz answers within its deadline and says what is wrong, even when the database never does.
import type { Database } from '@attest/db';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { within } from '../src/lib/deadline.ts';
import { readinessDeadlineMs } from '../src/routes/health.ts';

describe('/readyz', () => {
  it('answers 503 with the failing check within its deadline when the database does not answer', async () => {
    // A pool whose every connection is taken: the query waits for ever.
    const wedged = { execute: () => new Promise(() => {}) } as unknown as Database;
    const app = createApp({
      db: wedged,
      secret: 'a-test-secret-that-is-long-enough-1234567890',
      logError: () => {},
    });
    const started = performance.now();
    const response = await within(
      Promise.resolve(app.request('/readyz')),
      readinessDeadlineMs + 1_000,
      undefined,
    );
    expect(response, 'an answer within the deadline').toBeDefined();
    expect(performance.now() - started).toBeLessThan(readinessDeadlineMs + 1_000);
    expect(response!.status).toBe(503);
    expect(await response!.json()).toEqual({
      status: 'unavailable',
      database: 'timeout',
      detail: expect.stringContaining('did not answer within 2 s'),
      exports: { active: 0, limit: 4 },
    });
  });
});
