// PostgreSQL restarts while analysts save: the API answers 503 with Retry-After (never a crash
// or a hang), /readyz says so, the pool reconnects, every acknowledged save is stored, and
// saves retried with their idempotency key land exactly once.
//
// It restarts the whole local cluster, so it runs alone (`pnpm test:faults`, after the other
// suites) and only against a local server it may restart.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { promisify } from 'node:util';
import { annotationEvents, annotations } from '@attest/db';
import { count, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, importSentenceIds, type TestApp } from '../helpers.ts';

const run = promisify(execFile);
const databaseUrl = process.env['DATABASE_URL'];
const isLocalServer = databaseUrl
  ? ['127.0.0.1', 'localhost'].includes(new URL(databaseUrl).hostname)
  : false;
const clusterVersion = (() => {
  try {
    return readdirSync('/etc/postgresql').sort().at(-1);
  } catch {
    return undefined;
  }
})();
const canRestart = isLocalServer && clusterVersion !== undefined && process.getuid?.() === 0;
if (!canRestart) {
  console.warn(
    'The database-restart test needs DATABASE_URL on a local PostgreSQL cluster and root; it does not run.',
  );
}

async function restartCluster(): Promise<void> {
  await run('pg_ctlcluster', [
    '--skip-systemctl-redirect',
    clusterVersion!,
    'main',
    'restart',
    '--mode',
    'fast',
  ]);
}

interface SaveOutcome {
  sentenceId: string;
  operationId: string;
  statuses: number[];
}

describe.runIf(canRestart)('a PostgreSQL restart under a burst of saves', () => {
  let testApp: TestApp;
  let sentenceIds: string[];

  beforeAll(async () => {
    testApp = await createTestApp();
    const body = Array.from(
      { length: 120 },
      (_, index) => `Officials reported item number ${index + 1} today.`,
    ).join(' ');
    sentenceIds = await importSentenceIds(testApp.owner, 'demo', body);
  }, 60_000);

  afterAll(async () => {
    await testApp?.database.destroy().catch(() => {});
  });

  /** Saves like the editor's queue: on 503 wait Retry-After, then resend the same operation. */
  async function saveWithRetry(sentenceId: string, index: number): Promise<SaveOutcome> {
    const operationId = `restart-op-${index}-${sentenceId}`;
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 40; attempt++) {
      const response = await testApp.owner.json(
        'PUT',
        `/api/sentences/${sentenceId}/annotation`,
        { label: 'reported_fact' },
        { 'idempotency-key': operationId },
      );
      statuses.push(response.status);
      await response.body?.cancel();
      if (response.status !== 503) break;
      const retryAfter = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryAfter, 2) * 250));
    }
    return { sentenceId, operationId, statuses };
  }

  it('answers 503 while it is down and stores every save exactly once afterwards', async () => {
    const readiness: number[] = [];
    let isRestarting = true;
    const pollReadiness = (async () => {
      while (isRestarting) {
        readiness.push((await testApp.anonymous.request('/readyz')).status);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const saves = Promise.all(
      sentenceIds.map(async (sentenceId, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * 15));
        return saveWithRetry(sentenceId, index);
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await restartCluster();
    const outcomes = await saves;
    isRestarting = false;
    await pollReadiness;

    const allStatuses = outcomes.flatMap((outcome) => outcome.statuses);
    expect(allStatuses.filter((status) => status >= 500 && status !== 503)).toEqual([]);
    expect(outcomes.every((outcome) => outcome.statuses.at(-1) === 200)).toBe(true);
    expect(readiness).toContain(503);
    expect((await testApp.anonymous.request('/readyz')).status).toBe(200);

    const { db } = testApp.database;
    const [stored] = await db
      .select({ total: count() })
      .from(annotations)
      .where(inArray(annotations.sentenceId, sentenceIds));
    expect(stored?.total).toBe(sentenceIds.length);
    const operationIds = outcomes.map((outcome) => outcome.operationId);
    const [events] = await db
      .select({ total: count() })
      .from(annotationEvents)
      .where(inArray(annotationEvents.clientOpId, operationIds));
    expect(events?.total).toBe(operationIds.length);
  }, 120_000);
});
