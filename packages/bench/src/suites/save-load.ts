// The HTTP side of the save benchmark: autocannon keeps one keep-alive connection per analyst
// in flight and sends saves with the If-Match version the server last acknowledged for that
// sentence and a fresh Idempotency-Key, as the web editor's save queue does.
import { randomUUID } from 'node:crypto';
import { type Annotation, type DefaultLabelKey, labelKeys } from '@attest/core';
import autocannon from 'autocannon';
import { percentile } from '../timing.ts';

/** One signed-in analyst and the sentences assigned to them, with the version of each label. */
export interface Analyst {
  index: number;
  userId: string;
  cookie: string;
  address: string;
  /** The one document assigned to the analyst, which holds all of `sentenceIds`. */
  documentId: string;
  sentenceIds: string[];
  versionBySentence: Map<string, number>;
  /** How many saves this analyst has sent: picks the next sentence (round robin) and label. */
  saveCount: number;
}

export interface SaveRun {
  saves: number;
  seconds: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /**
   * This process's CPU time per save (server and load generator, or the floor's client): on a
   * busy machine latency measures the neighbours, this measures the code.
   */
  cpuMsPerSave: number;
}

/** CPU milliseconds this process has used since `since` (a process.cpuUsage() reading). */
export function cpuMillisecondsSince(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** The analyst's next sentence and label, round robin, so consecutive saves touch different rows. */
export function nextSave(analyst: Analyst): {
  sentenceId: string;
  labelKey: DefaultLabelKey;
  expectedVersion: number;
} {
  const sentenceId = analyst.sentenceIds[analyst.saveCount % analyst.sentenceIds.length]!;
  const labelKey = labelKeys[analyst.saveCount % labelKeys.length]!;
  analyst.saveCount++;
  return { sentenceId, labelKey, expectedVersion: analyst.versionBySentence.get(sentenceId) ?? 0 };
}

export function summarize(
  latenciesMs: number[],
  errors: number,
  seconds: number,
  cpuMilliseconds: number,
): SaveRun {
  const sorted = latenciesMs.sort((a, b) => a - b);
  const saves = sorted.length - errors;
  return {
    saves,
    seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    errors,
    cpuMsPerSave: cpuMilliseconds / Math.max(1, saves),
  };
}

interface InFlight {
  analyst: Analyst;
  sentenceId: string;
}

/**
 * Runs `analysts.length` connections for `seconds`. autocannon resets a connection's context
 * between requests, so the analyst a connection speaks for travels in the context of one
 * request only: taken from the idle list when the request is built, returned on its answer.
 * With as many analysts as connections an idle one is always there.
 */
export async function loadSaves(
  baseUrl: string,
  analysts: readonly Analyst[],
  options: { seconds: number; operationPrefix: string },
): Promise<SaveRun> {
  const idle = [...analysts];
  const cpuAtStart = process.cpuUsage();
  const result = await autocannon({
    url: baseUrl,
    connections: analysts.length,
    duration: options.seconds,
    // A save slower than this is a failure worth seeing, not a latency to average in.
    timeout: 30,
    requests: [
      {
        method: 'PUT',
        setupRequest: (request, context) => {
          const analyst = idle.pop();
          if (!analyst) throw new Error('More connections in flight than analysts.');
          const save = nextSave(analyst);
          (context as { inFlight?: InFlight }).inFlight = { analyst, sentenceId: save.sentenceId };
          return {
            ...request,
            path: `/api/sentences/${save.sentenceId}/annotation`,
            headers: {
              'content-type': 'application/json',
              origin: baseUrl,
              cookie: analyst.cookie,
              'x-attest-client-address': analyst.address,
              'if-match': `"${save.expectedVersion}"`,
              'idempotency-key': `${options.operationPrefix}${randomUUID()}`,
            },
            body: JSON.stringify({ label: save.labelKey }),
          };
        },
        onResponse: (status, body, context) => {
          const { inFlight } = context as { inFlight?: InFlight };
          if (!inFlight) return;
          if (status === 200) {
            const saved = JSON.parse(body) as Annotation;
            inFlight.analyst.versionBySentence.set(inFlight.sentenceId, saved.version);
          }
          idle.push(inFlight.analyst);
        },
      },
    ],
  });
  const saves = result.requests.total - result.non2xx;
  return {
    saves,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    cpuMsPerSave: cpuMillisecondsSince(cpuAtStart) / Math.max(1, saves),
  };
}
