// The save benchmark's load generator, run as a child process (see `loadSaves`): autocannon keeps
// one keep-alive connection per analyst in flight and sends saves with the If-Match version the
// server last acknowledged for that sentence and a fresh Idempotency-Key, as the web editor's
// save queue does. In its own process it neither takes the server's event loop nor is charged
// to the server's CPU time.
import { randomUUID } from 'node:crypto';
import type { Annotation } from '@attest/core';
import autocannon from 'autocannon';
import {
  type Analyst,
  analystFromWire,
  analystToWire,
  cpuMillisecondsSince,
  type LoadReply,
  type LoadRequest,
  nextSave,
} from './save-load.ts';

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
async function runLoad({
  baseUrl,
  analysts: wireAnalysts,
  seconds,
  operationPrefix,
}: LoadRequest): Promise<LoadReply> {
  const analysts = wireAnalysts.map(analystFromWire);
  const idle = [...analysts];
  const cpuAtStart = process.cpuUsage();
  const result = await autocannon({
    url: baseUrl,
    connections: analysts.length,
    duration: seconds,
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
              'idempotency-key': `${operationPrefix}${randomUUID()}`,
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
  return {
    saves: result.requests.total - result.non2xx,
    seconds: result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    loadGeneratorCpuMs: cpuMillisecondsSince(cpuAtStart),
    analysts: analysts.map(analystToWire),
  };
}

process.once('message', (request: LoadRequest) => {
  runLoad(request).then(
    (reply) => process.send?.(reply, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
