// Issue #9's save benchmark on real PostgreSQL: 1, 10, 50 and 200 signed-in analysts saving
// labels through `PUT /api/sentences/:id/annotation` (save-load-process.ts: one loopback keep-alive
// connection each), beside the floor: the statement the API writes a save with (the annotation's
// versioned update, or its insert, and the history row) sent through postgres.js directly at
// the same concurrency and pool size. Beside both, the least HTTP save server
// (least-save-server-process.ts: node:http and the floor's statement, nothing else) under the
// same load, which shows what HTTP alone leaves of the floor. Needs DATABASE_URL.
import { randomUUID } from 'node:crypto';
import { labelKeys } from '@attest/core';
import { defaultSaveConnections } from '@attest/db';
import postgres from 'postgres';
import { untilLinked, untilSuggestionsAdded } from '../harness/bench-project.ts';
import type { ChildServer } from '../harness/child-server.ts';
import { Client, type LiveServer, startLiveServer } from '../harness/live-server.ts';
import type { BenchCheck, BenchRow, BenchSuite, SuiteOptions } from '../suite.ts';
import { startLeastSaveServer } from './least-save-server.ts';
import { writeFloorSave } from './save-floor-statement.ts';
import { type Analyst, loadSaves, nextSave, type SaveRun, saveInTurns, summarize } from './save-load.ts';

const password = 'bench save password';
/** How long the history must stay unchanged for the server to count as idle. */
const settleMilliseconds = 1_000;
/**
 * The floor's pool sizes: the server's saves' pool, which the one-statement save is sent
 * through, and the harness's main pool (live-server.ts), which every save used before the saves
 * had a pool of their own. Neither is always the faster: few connections pipeline, many run in
 * parallel.
 */
const floorPoolSizes = [defaultSaveConnections, 20];

async function runSave({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    progress('DATABASE_URL is not set: the save benchmark needs PostgreSQL and did not run');
    return { rows, checks };
  }
  const concurrencies = isSmoke ? [1, 10] : [1, 10, 50, 200];
  const secondsPerRun = isSmoke ? 2 : 10;
  const operationPrefix = `bench-save-${Date.now().toString(36)}-`;
  // The server runs in a process of its own, as `attest serve` does: in this one it would share
  // its heap and event loop with the suites run before it and with the floor's client.
  const server = await startLiveServer('bench_save', { inChildProcess: true });
  try {
    const floors = floorPoolSizes.map((connections) => ({
      connections,
      client: postgres(server.databaseUrl ?? databaseUrl, { max: connections, onnotice: () => {} }),
    }));
    const floorClient = floors[0]!.client;
    let acknowledged = 0;
    let failed = 0;
    let leastServer: ChildServer | undefined;
    try {
      const analysts = await prepareAnalysts(server, floorClient, Math.max(...concurrencies), progress);
      const labelIds = await projectLabelIds(floorClient);
      leastServer = await startLeastSaveServer(
        server.databaseUrl ?? databaseUrl,
        defaultSaveConnections,
        analysts,
        labelIds,
      );
      for (const concurrency of concurrencies) {
        const active = analysts.slice(0, concurrency);
        // A short unmeasured run lets both sides open their connections and warm their caches.
        await loadSaves(server.url, active, {
          seconds: 1,
          operationPrefix: `${operationPrefix}warm-`,
          serverPid: server.serverPid,
        });
        await settle(floorClient, active);
        progress(`${concurrency} concurrent analysts: ${secondsPerRun} s of saves over HTTP`);
        const api = await loadSaves(server.url, active, {
          seconds: secondsPerRun,
          operationPrefix,
          serverPid: server.serverPid,
        });
        acknowledged += api.saves;
        failed += api.errors;
        await settle(floorClient, active);
        rows.push(row(concurrency, 'attest PUT /api/sentences/:id/annotation (HTTP)', api));
        const floorRuns: SaveRun[] = [];
        for (const { connections, client } of floors) {
          progress(
            `${concurrency} concurrent analysts: ${secondsPerRun} s of the same SQL through postgres.js, ${connections} connections`,
          );
          const floor = await floorSaves(client, active, labelIds, secondsPerRun);
          await settle(floorClient, active);
          floorRuns.push(floor);
          rows.push(
            row(
              concurrency,
              `postgres.js annotation + history write, ${connections} connections (floor)`,
              floor,
            ),
          );
        }
        const least = await leastSaves(leastServer, active, secondsPerRun, operationPrefix);
        await settle(floorClient, active);
        rows.push(
          row(
            concurrency,
            'node:http + the floor statement, no framework (the least HTTP save server)',
            least,
          ),
        );
        checks.push(...targetChecks(concurrency, api, floorRuns, least));
      }
      const [stored] = await floorClient<{ total: number }[]>`
        select count(*)::int as total from annotation_events
        where client_op_id like ${`${operationPrefix}%`} and client_op_id not like ${`${operationPrefix}warm-%`}`;
      const storedSaves = stored?.total ?? 0;
      // Every run waits for its last answers, so each save is either acknowledged or failed; a
      // failed one (a timeout, say) may still have been stored.
      checks.push({
        name: 'every acknowledged save stored, once',
        isPassed: storedSaves >= acknowledged && storedSaves <= acknowledged + failed,
        detail: `${acknowledged} acknowledged, ${storedSaves} history rows with their keys, ${failed} failed`,
      });
    } finally {
      await leastServer?.close();
      await Promise.all(floors.map(({ client }) => client.end({ timeout: 5 })));
    }
  } finally {
    await server.stop();
  }
  return { rows, checks };
}

/**
 * A project where every analyst is assigned one document of their own, so no two analysts
 * ever write the same annotation row; each analyst signs in from their own address, as
 * distinct machines would, so the sign-in rate limit does not throttle the setup.
 */
export async function prepareAnalysts(
  server: LiveServer,
  client: postgres.Sql,
  analystCount: number,
  progress: (message: string) => void,
): Promise<Analyst[]> {
  const owner = new Client(server.url);
  await owner.json('POST', '/api/setup', { name: 'Bench Owner', email: 'owner@save.test', password });
  await owner.json('POST', '/api/projects', { slug: 'save', name: 'Save', annotatorsPerDocument: 1 });
  progress(`creating and signing in ${analystCount} analysts`);
  const analysts = await inBatches(analystCount, 8, async (index) => {
    const email = `analyst${index}@save.test`;
    await owner.json('POST', '/api/projects/save/members', {
      name: `Analyst ${index}`,
      email,
      password,
      role: 'analyst',
    });
    const address = `10.98.${Math.floor(index / 250)}.${index % 250}`;
    const response = await new Client(server.url, '', address).request('POST', '/api/auth/sign-in/email', {
      email,
      password,
    });
    if (!response.ok) throw new Error(`Signing in ${email}: ${response.status} ${await response.text()}`);
    const signedIn = (await response.json()) as { user: { id: string } };
    const cookie = response.headers
      .getSetCookie()
      .map((setCookie) => setCookie.split(';')[0])
      .join('; ');
    return { index, userId: signedIn.user.id, cookie, address };
  });
  progress(`importing ${analystCount} documents, one per analyst`);
  for (let index = 0; index < analystCount; index++) {
    await owner.json('POST', '/api/projects/save/documents', { body: article(index) });
  }
  // Their claim linking and suggestions are added in the background; measured saves must not
  // share the CPU with them.
  progress('waiting for the documents to be linked into claims and given their suggestions');
  await untilLinked(owner, 'save');
  await untilSuggestionsAdded(server.database.db);
  const assigned = await client<{ userId: string; sentenceId: string; documentId: string }[]>`
    select a.user_id as "userId", s.id as "sentenceId", s.document_id as "documentId"
    from assignments a join sentences s on s.document_id = a.document_id
    where s.kind <> 'boilerplate' order by s.position`;
  return analysts.map((analyst) => {
    const own = assigned.filter((row) => row.userId === analyst.userId);
    const documentId = own[0]?.documentId;
    if (!documentId) throw new Error(`Analyst ${analyst.index} was assigned no sentences.`);
    const sentenceIds = own.map((row) => row.sentenceId);
    return { ...analyst, documentId, sentenceIds, versionBySentence: new Map(), saveCount: 0 };
  });
}

/**
 * Waits until the history stops growing (the server's background work after a run is done), then
 * reads back the versions it holds, so the next run's If-Match is current even for a save whose
 * answer never arrived.
 */
export async function settle(client: postgres.Sql, analysts: readonly Analyst[]): Promise<void> {
  let previousCount = -1;
  for (;;) {
    const [events] = await client<{ total: number }[]>`select count(*)::int as total from annotation_events`;
    if (events?.total === previousCount) break;
    previousCount = events?.total ?? 0;
    await new Promise((resolve) => setTimeout(resolve, settleMilliseconds));
  }
  const stored = await client<{ sentenceId: string; annotatorId: string; version: number }[]>`
    select sentence_id as "sentenceId", annotator_id as "annotatorId", version from annotations`;
  const analystByUser = new Map(analysts.map((analyst) => [analyst.userId, analyst]));
  for (const { sentenceId, annotatorId, version } of stored) {
    analystByUser.get(annotatorId)?.versionBySentence.set(sentenceId, version);
  }
}

/** The project's label ids in the order of `labelKeys`. */
async function projectLabelIds(client: postgres.Sql): Promise<string[]> {
  const labels = await client<{ id: string; key: string }[]>`
    select l.id, l.key from labels l join projects p on p.id = l.project_id where p.slug = 'save'`;
  return labelKeys.map((key) => {
    const label = labels.find((candidate) => candidate.key === key);
    if (!label) throw new Error(`The project has no label "${key}".`);
    return label.id;
  });
}

/**
 * The floor: what a save must do at the least, i.e. the statement the API sends once it has
 * authorized the request (the annotation's update, or insert for a first label, and its history
 * row, in one statement), without HTTP, sessions, the checks' read, validation or the ORM. It writes the same
 * rows as the API run (the analyst's annotations, versions carried on) through `client`'s
 * connections and `analysts.length` callers in flight.
 */
async function floorSaves(
  client: postgres.Sql,
  analysts: readonly Analyst[],
  labelIds: readonly string[],
  seconds: number,
): Promise<SaveRun> {
  const run = await saveInTurns(analysts, seconds, async (analyst) => {
    const { sentenceId, labelKey, expectedVersion } = nextSave(analyst);
    const version = await writeFloorSave(client, {
      userId: analyst.userId,
      documentId: analyst.documentId,
      sentenceId,
      labelId: labelIds[labelKeys.indexOf(labelKey)]!,
      labelKey,
      expectedVersion,
      clientOpId: randomUUID(),
    });
    if (version === undefined) return false;
    analyst.versionBySentence.set(sentenceId, version);
    return true;
  });
  return summarize(run.latenciesMs, run.errors, run.seconds, run.cpuMs);
}

/**
 * The same load against the least HTTP save server, after a short run to warm it. Its saves carry
 * keys of their own prefix, apart from the API's, whose count the suite checks.
 */
async function leastSaves(
  leastServer: ChildServer,
  analysts: Analyst[],
  seconds: number,
  operationPrefix: string,
): Promise<SaveRun> {
  const options = { serverPid: leastServer.pid, operationPrefix: `least-${operationPrefix}` };
  await loadSaves(leastServer.url, analysts, { ...options, seconds: 1 });
  return loadSaves(leastServer.url, analysts, { ...options, seconds });
}

/**
 * The API against the best of the floors: the higher throughput, the lower p99. The details also
 * give the least HTTP save server's, what HTTP alone leaves of the floor.
 */
function targetChecks(
  concurrency: number,
  api: SaveRun,
  floors: readonly SaveRun[],
  least: SaveRun,
): BenchCheck[] {
  const floorSavesPerSecond = Math.max(...floors.map((floor) => floor.saves / floor.seconds));
  const floorP99Ms = Math.min(...floors.map((floor) => floor.p99Ms));
  const throughputRatio = api.saves / api.seconds / floorSavesPerSecond;
  const p99Ratio = api.p99Ms / floorP99Ms;
  return [
    {
      name: `save throughput at least half the floor's with ${concurrency} analysts`,
      isPassed: throughputRatio >= 0.5,
      detail: `${(throughputRatio * 100).toFixed(0)}% of the faster floor's saves per second; the least HTTP save server ${((least.saves / least.seconds / floorSavesPerSecond) * 100).toFixed(0)}%`,
    },
    {
      name: `save p99 at most 3× the floor's with ${concurrency} analysts`,
      isPassed: p99Ratio <= 3,
      detail: `${api.p99Ms.toFixed(1)} ms vs the lower floor p99 ${floorP99Ms.toFixed(1)} ms (${p99Ratio.toFixed(1)}×); the least HTTP save server ${least.p99Ms.toFixed(1)} ms (${(least.p99Ms / floorP99Ms).toFixed(1)}×)`,
    },
    {
      name: `no failed saves with ${concurrency} analysts`,
      isPassed: api.errors === 0 && [...floors, least].every((run) => run.errors === 0),
      detail: `${api.errors} over HTTP, ${floors.map((floor) => floor.errors).join(' and ')} on the floors, ${least.errors} on the least HTTP save server`,
    },
  ];
}

function row(concurrency: number, tool: string, run: SaveRun): BenchRow {
  return {
    suite: 'save',
    input: `${concurrency} concurrent analyst${concurrency === 1 ? '' : 's'}`,
    tool,
    inputBytes: 0,
    units: run.saves,
    unitName: 'saves',
    seconds: run.seconds,
    unitsPerSecond: run.saves / run.seconds,
    megabytesPerSecond: 0,
    notes: [
      `p50 ${run.p50Ms.toFixed(1)} ms · p99 ${run.p99Ms.toFixed(1)} ms · ${run.errors} errors`,
      `${run.cpuMsPerSave.toFixed(2)} ms CPU/save`,
      ...(run.loadGeneratorCpuMsPerSave === undefined
        ? []
        : [`load generator ${run.loadGeneratorCpuMsPerSave.toFixed(2)} ms CPU/save in its own process`]),
    ].join(' · '),
  };
}

function article(index: number): string {
  const sentences = Array.from(
    { length: 12 },
    (_, sentence) => `Officials in county ${index} gave estimate ${sentence + 1} on Monday, the agency said.`,
  );
  return `Save bench article ${index}\n\n${sentences.join(' ')}\n`;
}

/** Runs `work(0…count-1)` with at most `width` in flight, keeping the results in order. */
async function inBatches<Result>(
  count: number,
  width: number,
  work: (index: number) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = [];
  for (let first = 0; first < count; first += width) {
    const batch = Array.from({ length: Math.min(width, count - first) }, (_, offset) => work(first + offset));
    results.push(...(await Promise.all(batch)));
  }
  return results;
}

export const saveSuite: BenchSuite = {
  name: 'save',
  description:
    '1/10/50/200 analysts saving labels over HTTP against the same annotation and history write through postgres.js, and through the least HTTP save server',
  run: runSave,
};
