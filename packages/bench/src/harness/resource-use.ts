// Where a load test's time goes on this machine (Linux /proc): CPU of a process tree, of the
// PostgreSQL server's processes and of the whole machine, and what PostgreSQL's busy backends
// wait on (pg_stat_activity), so a benchmark can say whether CPU, PostgreSQL or locks bound it.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import type postgres from 'postgres';

/** Kernel clock ticks per second for /proc/<pid>/stat times (100 on every usual Linux build). */
const ticksPerSecond = 100;

interface ProcessTimes {
  pid: number;
  parentPid: number;
  command: string;
  cpuMs: number;
}

function processTimes(): ProcessTimes[] {
  const found: ProcessTimes[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command sits in parentheses and may itself hold spaces: split after the last ")".
      const close = stat.lastIndexOf(')');
      const command = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      found.push({
        pid: Number(entry),
        parentPid: Number(fields[1]),
        command,
        // Its own time and that of its children that ended (backends, workers): live children
        // are counted as processes of their own, ended ones only here.
        cpuMs:
          ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) /
          ticksPerSecond,
      });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export interface CpuReading {
  atMs: number;
  treeCpuMs: number;
  postgresCpuMs: number;
  machineBusyMs: number;
  machineTotalMs: number;
}

/** CPU used so far by `rootPid` and its descendants, by PostgreSQL, and by the machine. */
export function readCpu(rootPid: number): CpuReading {
  const all = processTimes();
  const childrenOf = new Map<number, ProcessTimes[]>();
  for (const times of all)
    childrenOf.set(times.parentPid, [...(childrenOf.get(times.parentPid) ?? []), times]);
  let treeCpuMs = 0;
  const pending = all.filter((times) => times.pid === rootPid);
  while (pending.length > 0) {
    const times = pending.pop()!;
    treeCpuMs += times.cpuMs;
    pending.push(...(childrenOf.get(times.pid) ?? []));
  }
  const postgresCpuMs = all
    .filter((times) => times.command === 'postgres' || times.command.startsWith('postgres:'))
    .reduce((total, times) => total + times.cpuMs, 0);
  let machineBusyMs = 0;
  let machineTotalMs = 0;
  for (const cpu of os.cpus()) {
    const { idle, ...busy } = cpu.times;
    const busyMs = Object.values(busy).reduce((total, value) => total + value, 0);
    machineBusyMs += busyMs;
    machineTotalMs += busyMs + idle;
  }
  return { atMs: performance.now(), treeCpuMs, postgresCpuMs, machineBusyMs, machineTotalMs };
}

export interface CpuUse {
  /** Cores' worth of CPU the server's processes used over the interval. */
  serverCores: number;
  /** Every PostgreSQL process of the machine: the whole cluster, with other clients' work. */
  postgresCores: number;
  /** Share of the machine's CPU time that was busy (everything: server, PostgreSQL, load, others). */
  machineBusyShare: number;
  cores: number;
}

export function cpuUseBetween(start: CpuReading, end: CpuReading): CpuUse {
  const wallMs = Math.max(1, end.atMs - start.atMs);
  return {
    serverCores: (end.treeCpuMs - start.treeCpuMs) / wallMs,
    postgresCores: (end.postgresCpuMs - start.postgresCpuMs) / wallMs,
    machineBusyShare:
      (end.machineBusyMs - start.machineBusyMs) / Math.max(1, end.machineTotalMs - start.machineTotalMs),
    cores: os.cpus().length,
  };
}

export interface WaitSamples {
  /** Busy backends seen over all samples, and how many of them waited on a heavyweight lock. */
  active: number;
  lockWaits: number;
  /** Waits on PostgreSQL's internal locks, I/O and WAL (LWLock, IO, IPC). */
  internalWaits: number;
}

/** Samples this database's busy backends every `everyMs` until `stop` is called. */
export function sampleWaits(client: postgres.Sql, everyMs = 250): { stop(): Promise<WaitSamples> } {
  const samples: WaitSamples = { active: 0, lockWaits: 0, internalWaits: 0 };
  let isRunning = true;
  const loop = (async () => {
    while (isRunning) {
      const rows = await client<{ waitType: string | null; total: number }[]>`
        select wait_event_type as "waitType", count(*)::int as total from pg_stat_activity
        where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
        group by 1`.catch(() => []);
      for (const { waitType, total } of rows) {
        samples.active += total;
        if (waitType === 'Lock') samples.lockWaits += total;
        else if (waitType === 'LWLock' || waitType === 'IO' || waitType === 'IPC')
          samples.internalWaits += total;
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      isRunning = false;
      await loop;
      return samples;
    },
  };
}

/** One sentence on what bounded a run, from its CPU use and PostgreSQL's waits. */
export function limitOf(cpu: CpuUse, waits: WaitSamples): string {
  const lockShare = waits.active === 0 ? 0 : waits.lockWaits / waits.active;
  const internalShare = waits.active === 0 ? 0 : waits.internalWaits / waits.active;
  const use = `server ${cpu.serverCores.toFixed(2)} cores, PostgreSQL ${cpu.postgresCores.toFixed(2)}, machine ${(cpu.machineBusyShare * 100).toFixed(0)}% busy of ${cpu.cores}`;
  if (cpu.machineBusyShare >= 0.9) {
    const otherCores = cpu.machineBusyShare * cpu.cores - cpu.serverCores - cpu.postgresCores;
    const [heaviest] = [
      { name: 'the server processes', cores: cpu.serverCores },
      { name: 'PostgreSQL', cores: cpu.postgresCores },
      { name: 'other processes (the load generator among them)', cores: otherCores },
    ].sort((a, b) => b.cores - a.cores);
    return `CPU: the machine is saturated, most by ${heaviest?.name} (${use})`;
  }
  if (lockShare >= 0.2)
    return `locks: ${(lockShare * 100).toFixed(0)}% of busy backends wait on row locks (${use})`;
  if (internalShare >= 0.3)
    return `PostgreSQL: ${(internalShare * 100).toFixed(0)}% of busy backends wait on WAL, I/O or internal locks (${use})`;
  return `neither CPU nor PostgreSQL saturated: round-trip latency (${use})`;
}
