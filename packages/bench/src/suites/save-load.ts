// What the save benchmark's two sides share (analysts, runs and their summary) and the HTTP
// side's entry point, which drives the load generator in its own process.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type DefaultLabelKey, labelKeys } from '@attest/core';
import { readCpu } from '../harness/resource-use.ts';
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
   * CPU time per save of the server's processes, or of the floor's client: on a busy machine
   * latency measures the neighbours, this measures the code.
   */
  cpuMsPerSave: number;
  /** The HTTP load generator's CPU time per save, in its own process; absent for the floor. */
  loadGeneratorCpuMsPerSave?: number;
}

/** CPU milliseconds this process has used since `since` (a process.cpuUsage() reading). */
function cpuMillisecondsSince(since: NodeJS.CpuUsage): number {
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

/** What `saveInTurns` measured. */
export interface TimedSaves {
  /** Every save's time from its start to its answer, failed ones too. */
  latenciesMs: number[];
  errors: number;
  seconds: number;
  /** This process's CPU time over the run. */
  cpuMs: number;
}

/**
 * Every analyst saves, one save at a time each and all analysts at once, until `seconds` have
 * passed; a save under way then is waited for, so each one sent is either answered or failed.
 * `saveOnce` answers whether the save was written: false, or a throw, counts it as failed.
 */
export async function saveInTurns(
  analysts: readonly Analyst[],
  seconds: number,
  saveOnce: (analyst: Analyst, index: number) => Promise<boolean>,
): Promise<TimedSaves> {
  const latenciesMs: number[] = [];
  let errors = 0;
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    analysts.map(async (analyst, index) => {
      while (performance.now() < deadline) {
        const saveStarted = performance.now();
        try {
          if (!(await saveOnce(analyst, index))) errors++;
        } catch {
          errors++;
        } finally {
          latenciesMs.push(performance.now() - saveStarted);
        }
      }
    }),
  );
  return {
    latenciesMs,
    errors,
    seconds: (performance.now() - started) / 1000,
    cpuMs: cpuMillisecondsSince(cpuAtStart),
  };
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

/** An analyst as sent to and from the load generator's process: maps become entry lists. */
export type AnalystOnWire = Omit<Analyst, 'versionBySentence'> & { versionBySentence: [string, number][] };

export function analystToWire(analyst: Analyst): AnalystOnWire {
  return { ...analyst, versionBySentence: [...analyst.versionBySentence] };
}

export function analystFromWire(analyst: AnalystOnWire): Analyst {
  return { ...analyst, versionBySentence: new Map(analyst.versionBySentence) };
}

export interface LoadRequest {
  baseUrl: string;
  analysts: AnalystOnWire[];
  seconds: number;
  operationPrefix: string;
}

export interface LoadReply extends Omit<SaveRun, 'cpuMsPerSave'> {
  /** The load generator's own CPU time, reported beside the server's. */
  loadGeneratorCpuMs: number;
  /** The analysts with the versions the server acknowledged and their save counts moved on. */
  analysts: AnalystOnWire[];
}

/**
 * Runs `analysts.length` concurrent analysts saving over HTTP for `seconds` from a child
 * process (save-load-process.ts), then carries the versions the server acknowledged back into
 * `analysts`. `cpuMsPerSave` is the CPU time per save of the server's process `serverPid` and its
 * descendants (its workers), or of this process when it serves itself: the server's alone either
 * way, since the load generator runs elsewhere.
 */
export async function loadSaves(
  baseUrl: string,
  analysts: Analyst[],
  options: { seconds: number; operationPrefix: string; serverPid: number },
): Promise<SaveRun> {
  const { serverPid, ...load } = options;
  const serverCpuMs = () =>
    serverPid === process.pid ? cpuMillisecondsSince({ user: 0, system: 0 }) : readCpu(serverPid).treeCpuMs;
  const serverCpuAtStart = serverCpuMs();
  const child = fork(fileURLToPath(new URL('./save-load-process.ts', import.meta.url)), {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const reply = await new Promise<LoadReply>((resolve, reject) => {
    child.once('message', (message) => resolve(message as LoadReply));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The save load generator exited with code ${code}.`)));
    const request: LoadRequest = { baseUrl, analysts: analysts.map(analystToWire), ...load };
    child.send(request);
  });
  const serverCpuMsUsed = serverCpuMs() - serverCpuAtStart;
  for (const returned of reply.analysts) {
    const analyst = analysts.find((candidate) => candidate.index === returned.index);
    if (!analyst) continue;
    analyst.saveCount = returned.saveCount;
    analyst.versionBySentence = new Map(returned.versionBySentence);
  }
  return {
    saves: reply.saves,
    seconds: reply.seconds,
    p50Ms: reply.p50Ms,
    p99Ms: reply.p99Ms,
    errors: reply.errors,
    cpuMsPerSave: serverCpuMsUsed / Math.max(1, reply.saves),
    loadGeneratorCpuMsPerSave: reply.loadGeneratorCpuMs / Math.max(1, reply.saves),
  };
}
