// The save benchmark's load generator, run as a child process (see `loadSaves`): one keep-alive
// connection per analyst, each with one save in flight at a time, sent with the If-Match version
// the server last acknowledged for that sentence and a fresh Idempotency-Key, as the web
// editor's save queue does. In its own process it neither takes the server's event loop nor is
// charged to the server's CPU time.
//
// It drives undici's Client through `dispatch`, its lowest public layer: with one save in flight
// the server waits on this process between saves, so whatever CPU the load generator spends per
// save lengthens every save it measures. Against a trivial server `dispatch` spends a third to a
// half of what undici's `request` or Node's `http` do; at 1 analyst most of that difference is
// lost to waking an idle process for each answer (docs/benchmarks.md, Save). What it brings
// beyond autocannon, which it replaced, is timing to the microsecond.
import { randomUUID } from 'node:crypto';
import type { Annotation } from '@attest/core';
import { Client, type Dispatcher } from 'undici';
import {
  type Analyst,
  analystFromWire,
  analystToWire,
  type LoadReply,
  type LoadRequest,
  nextSave,
  saveInTurns,
  summarize,
} from './save-load.ts';

/** A save slower than this is a failure worth seeing, not a latency to average in. */
const timeoutMilliseconds = 30_000;

interface Answer {
  status: number;
  body: string;
}

/**
 * Runs every analyst's saves on their own connection until `seconds` have passed. Every
 * connection is opened (one `GET /healthz`) before the clock starts, as the floor's pools are
 * before theirs: otherwise the first save of each analyst would time the opening of 200
 * connections at once, which at 200 analysts made most of the slowest hundredth of the saves.
 */
async function runLoad({
  baseUrl,
  analysts: wireAnalysts,
  seconds,
  operationPrefix,
}: LoadRequest): Promise<LoadReply> {
  const analysts = wireAnalysts.map(analystFromWire);
  const connections = analysts.map(
    () =>
      new Client(baseUrl, {
        pipelining: 1,
        headersTimeout: timeoutMilliseconds,
        bodyTimeout: timeoutMilliseconds,
      }),
  );
  try {
    await Promise.all(
      connections.map(async (connection) => {
        const answer = await send(connection, { method: 'GET', path: '/healthz' });
        if (answer.status !== 200) throw new Error(`GET /healthz answered ${answer.status}: ${answer.body}`);
      }),
    );
    const run = await saveInTurns(analysts, seconds, (analyst, index) =>
      saveOnce(connections[index]!, baseUrl, analyst, operationPrefix),
    );
    const { cpuMsPerSave: _, ...measured } = summarize(run.latenciesMs, run.errors, run.seconds, run.cpuMs);
    return { ...measured, loadGeneratorCpuMs: run.cpuMs, analysts: analysts.map(analystToWire) };
  } finally {
    await Promise.all(connections.map((connection) => connection.close()));
  }
}

/** Sends the analyst's next save; true when the server answered 200 (its version is then kept). */
async function saveOnce(
  connection: Client,
  baseUrl: string,
  analyst: Analyst,
  operationPrefix: string,
): Promise<boolean> {
  const save = nextSave(analyst);
  const answer = await send(connection, {
    method: 'PUT',
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
  });
  if (answer.status !== 200) return false;
  const saved = JSON.parse(answer.body) as Annotation;
  analyst.versionBySentence.set(save.sentenceId, saved.version);
  return true;
}

/** One request on `connection`, its answer read whole. */
function send(connection: Client, request: Dispatcher.DispatchOptions): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let status = 0;
    connection.dispatch(request, {
      onRequestStart() {},
      onResponseStart(_controller, statusCode) {
        status = statusCode;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        resolve({ status, body: Buffer.concat(chunks).toString('utf8') });
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    });
  });
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
