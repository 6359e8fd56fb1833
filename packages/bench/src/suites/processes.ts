// Issue #20's scaling benchmark: the same saves as the save suite, served by `attest serve
// --workers N` for 1, 2 and 4 processes over one PostgreSQL database, at 50 and 200 analysts.
// Beside throughput and p99 it records the CPU the server processes, PostgreSQL and the whole
// machine used and what PostgreSQL's busy backends waited on, and says which of those bounded
// each run. Needs DATABASE_URL.
import postgres from 'postgres';
import { startLiveServer } from '../harness/live-server.ts';
import { cpuUseBetween, limitOf, readCpu, sampleWaits } from '../harness/resource-use.ts';
import { startWorkerServer } from '../harness/worker-server.ts';
import type { BenchCheck, BenchRow, BenchSuite, SuiteOptions } from '../suite.ts';
import { prepareAnalysts, settle } from './save.ts';
import { loadSaves } from './save-load.ts';

async function runProcesses({ isSmoke, progress }: SuiteOptions) {
  const rows: BenchRow[] = [];
  const checks: BenchCheck[] = [];
  const databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    progress('DATABASE_URL is not set: several server processes need PostgreSQL; the suite did not run');
    return { rows, checks };
  }
  const workerCounts = isSmoke ? [1, 2] : [1, 2, 4];
  const analystCounts = isSmoke ? [4] : [50, 200];
  const secondsPerRun = isSmoke ? 2 : 10;
  const operationPrefix = `bench-processes-${Date.now().toString(36)}-`;
  // The analysts and their documents are made once, through a server in this process; each
  // worker count then serves the same database with the same secret, so the sessions hold.
  const setup = await startLiveServer('bench_processes');
  try {
    const client = postgres(setup.databaseUrl ?? databaseUrl, { max: 2, onnotice: () => {} });
    try {
      const analysts = await prepareAnalysts(setup, client, Math.max(...analystCounts), progress);
      let acknowledged = 0;
      let failed = 0;
      const savesPerSecondOfOne = new Map<number, number>();
      for (const workers of workerCounts) {
        progress(`starting attest serve --workers ${workers}`);
        const server = await startWorkerServer(setup.databaseUrl!, setup.secret, workers);
        try {
          for (const analystCount of analystCounts) {
            const active = analysts.slice(0, analystCount);
            await loadSaves(server.url, active, {
              seconds: 1,
              operationPrefix: `${operationPrefix}warm-`,
              serverPid: server.pid,
            });
            await settle(client, active);
            progress(`${workers} process(es), ${analystCount} analysts: ${secondsPerRun} s of saves`);
            const waits = sampleWaits(client);
            const before = readCpu(server.pid);
            const run = await loadSaves(server.url, active, {
              seconds: secondsPerRun,
              operationPrefix,
              serverPid: server.pid,
            });
            const cpu = cpuUseBetween(before, readCpu(server.pid));
            const limit = limitOf(cpu, await waits.stop());
            acknowledged += run.saves;
            failed += run.errors;
            await settle(client, active);
            const savesPerSecond = run.saves / run.seconds;
            if (workers === 1) savesPerSecondOfOne.set(analystCount, savesPerSecond);
            const ofOne = savesPerSecondOfOne.get(analystCount);
            const scaling = ofOne ? `${(savesPerSecond / ofOne).toFixed(2)}× one process` : '';
            progress(
              `  ${savesPerSecond.toFixed(0)} saves/s, p99 ${run.p99Ms.toFixed(1)} ms; limit: ${limit}`,
            );
            rows.push({
              suite: 'processes',
              input: `${analystCount} analysts, ${workers} process${workers === 1 ? '' : 'es'}`,
              tool: `attest serve --workers ${workers}: PUT /api/sentences/:id/annotation`,
              inputBytes: 0,
              units: run.saves,
              unitName: 'saves',
              seconds: run.seconds,
              unitsPerSecond: savesPerSecond,
              megabytesPerSecond: 0,
              notes: [
                `p50 ${run.p50Ms.toFixed(1)} ms · p99 ${run.p99Ms.toFixed(1)} ms · ${run.errors} errors`,
                scaling,
                `limit: ${limit}`,
              ]
                .filter(Boolean)
                .join(' · '),
            });
            checks.push({
              name: `no failed saves on ${workers} process(es) with ${analystCount} analysts`,
              isPassed: run.errors === 0,
              detail: `${run.errors} failed of ${run.saves + run.errors}`,
            });
          }
        } finally {
          await server.close();
        }
      }
      const [stored] = await client<{ total: number }[]>`
        select count(*)::int as total from annotation_events
        where client_op_id like ${`${operationPrefix}%`} and client_op_id not like ${`${operationPrefix}warm-%`}`;
      const storedSaves = stored?.total ?? 0;
      // As in the save suite: a failed save may still have been stored.
      checks.push({
        name: 'every acknowledged save stored, once, across processes',
        isPassed: storedSaves >= acknowledged && storedSaves <= acknowledged + failed,
        detail: `${acknowledged} acknowledged, ${storedSaves} history rows with their keys, ${failed} failed`,
      });
    } finally {
      await client.end({ timeout: 5 });
    }
  } finally {
    await setup.stop();
  }
  return { rows, checks };
}

export const processesSuite: BenchSuite = {
  name: 'processes',
  description:
    'saves through attest serve --workers 1/2/4 over one PostgreSQL at 50 and 200 analysts, with where the limit is',
  run: runProcesses,
};
