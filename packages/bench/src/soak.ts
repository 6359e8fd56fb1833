// `pnpm soak`: many analysts save labels for a while against a real server on loopback.
// Passes when no request got a 5xx and every acknowledged save is stored exactly once.
// Options: --seconds N (default 120), --analysts N (default 200), --smoke (15 s, 20 analysts),
// --processes N (default 1: the server in this process; more runs `attest serve --workers N`
// over the same PostgreSQL database, so saves, versions and keys cross processes).
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { Annotation, DocumentDetail, DocumentPage, Problem } from '@attest/core';
import { annotationEvents } from '@attest/db';
import { count, like } from 'drizzle-orm';
import { Client, startLiveServer } from './harness/live-server.ts';
import { percentile } from './timing.ts';

const { values: options } = parseArgs({
  options: {
    seconds: { type: 'string', default: '120' },
    analysts: { type: 'string', default: '200' },
    smoke: { type: 'boolean', default: false },
    processes: { type: 'string', default: '1' },
  },
});
const durationSeconds = options.smoke ? 15 : Number(options.seconds);
const analystCount = options.smoke ? 20 : Number(options.analysts);
const processCount = Number(options.processes);
const documentCount = Math.max(10, Math.ceil(analystCount / 2));
const password = 'soak test password';
const operationPrefix = `soak-${Date.now().toString(36)}-`;

interface Tally {
  acknowledged: number;
  conflicts: number;
  unavailable: number;
  serverErrors: number;
  otherErrors: number;
  latenciesMs: number[];
}

function article(index: number): string {
  const sentences = Array.from(
    { length: 12 },
    (_, sentence) =>
      `Officials in district ${index} reported figure ${sentence + 1} on Tuesday, the ministry said.`,
  );
  return `Soak article ${index}\n\n${sentences.join(' ')}\n`;
}

async function main(): Promise<number> {
  if (!Number.isInteger(processCount) || processCount < 1) {
    console.error(`--processes must be a whole number of 1 or more; got ${options.processes}.`);
    return 2;
  }
  console.log(
    `Soak: ${analystCount} analysts for ${durationSeconds} s on ${processCount} server process${processCount === 1 ? '' : 'es'} (loopback only).`,
  );
  const server = await startLiveServer('soak', processCount > 1 ? { workers: processCount } : {});
  try {
    const owner = new Client(server.url);
    await owner.json('POST', '/api/setup', { name: 'Soak Owner', email: 'owner@soak.test', password });
    await owner.json('POST', '/api/projects', { slug: 'soak', name: 'Soak', annotatorsPerDocument: 4 });

    console.log(`  creating ${analystCount} analysts…`);
    const analysts: Client[] = [];
    for (let index = 0; index < analystCount; index++) {
      const email = `analyst${index}@soak.test`;
      await owner.json('POST', '/api/projects/soak/members', {
        name: `Analyst ${index}`,
        email,
        password,
        role: 'analyst',
      });
      const analyst = new Client(server.url, '', `10.99.${Math.floor(index / 250)}.${index % 250}`);
      await analyst.json('POST', '/api/auth/sign-in/email', { email, password });
      analysts.push(analyst);
      if ((index + 1) % 50 === 0) console.log(`  ${index + 1}/${analystCount} analysts ready`);
    }
    console.log(`  importing ${documentCount} documents…`);
    for (let index = 0; index < documentCount; index++) {
      await owner.json('POST', '/api/projects/soak/documents', { body: article(index) });
    }

    const tally: Tally = {
      acknowledged: 0,
      conflicts: 0,
      unavailable: 0,
      serverErrors: 0,
      otherErrors: 0,
      latenciesMs: [],
    };
    const deadline = Date.now() + durationSeconds * 1000;
    const ticker = setInterval(() => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      console.log(
        `  ${left} s left · ${tally.acknowledged} saves acknowledged · ${tally.serverErrors} server errors`,
      );
    }, 5000);
    await Promise.all(analysts.map((analyst) => analystLoop(analyst, deadline, tally)));
    clearInterval(ticker);

    const [stored] = await server.database.db
      .select({ total: count() })
      .from(annotationEvents)
      .where(like(annotationEvents.clientOpId, `${operationPrefix}%`));
    const storedSaves = stored?.total ?? 0;
    const sorted = [...tally.latenciesMs].sort((a, b) => a - b);
    console.log('\n| measure | value |\n|---|---|');
    console.log(`| analysts | ${analystCount} |`);
    console.log(`| server processes | ${processCount} |`);
    console.log(`| duration | ${durationSeconds} s |`);
    console.log(`| saves acknowledged | ${tally.acknowledged} |`);
    console.log(`| saves stored | ${storedSaves} |`);
    console.log(`| saves per second | ${(tally.acknowledged / durationSeconds).toFixed(1)} |`);
    console.log(
      `| p50 / p99 latency | ${percentile(sorted, 0.5).toFixed(1)} ms / ${percentile(sorted, 0.99).toFixed(1)} ms |`,
    );
    console.log(
      `| 412 conflicts (expected: analysts share sentences only with themselves) | ${tally.conflicts} |`,
    );
    console.log(`| 503 answers | ${tally.unavailable} |`);
    console.log(`| other 5xx | ${tally.serverErrors} |`);
    console.log(`| other errors | ${tally.otherErrors} |`);
    const isPassed =
      tally.serverErrors === 0 && tally.otherErrors === 0 && storedSaves === tally.acknowledged;
    console.log(isPassed ? '\nPASS: no 5xx, every acknowledged save stored once.' : '\nFAIL');
    return isPassed ? 0 : 1;
  } finally {
    await server.stop();
  }
}

async function analystLoop(analyst: Client, deadline: number, tally: Tally): Promise<void> {
  const queue = await analyst.json<DocumentPage>('GET', '/api/projects/soak/documents?limit=100');
  const sentenceIds: string[] = [];
  for (const item of queue.items) {
    const detail = await analyst.json<DocumentDetail>('GET', `/api/documents/${item.id}`);
    sentenceIds.push(
      ...detail.sentences
        .filter((sentence) => sentence.kind !== 'boilerplate')
        .map((sentence) => sentence.id),
    );
  }
  if (sentenceIds.length === 0) return;
  const versions = new Map<string, number>();
  const labels = ['kcna_claim', 'observer_inference', 'reported_fact'];
  while (Date.now() < deadline) {
    const sentenceId = sentenceIds[Math.floor(Math.random() * sentenceIds.length)]!;
    const started = performance.now();
    const response = await analyst.request(
      'PUT',
      `/api/sentences/${sentenceId}/annotation`,
      { label: labels[Math.floor(Math.random() * labels.length)] },
      {
        'if-match': `"${versions.get(sentenceId) ?? 0}"`,
        'idempotency-key': `${operationPrefix}${randomUUID()}`,
      },
    );
    tally.latenciesMs.push(performance.now() - started);
    if (response.status === 200) {
      tally.acknowledged++;
      versions.set(sentenceId, ((await response.json()) as Annotation).version);
    } else if (response.status === 412) {
      tally.conflicts++;
      versions.set(sentenceId, ((await response.json()) as Problem).current?.version ?? 0);
    } else if (response.status === 503) {
      tally.unavailable++;
      await response.body?.cancel();
      await new Promise((resolve) => setTimeout(resolve, 1000));
    } else {
      tally[response.status >= 500 ? 'serverErrors' : 'otherErrors']++;
      console.error(`  ${response.status}: ${await response.text()}`);
    }
  }
}

process.exitCode = await main();
