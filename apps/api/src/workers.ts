// Runs the server as several processes on one port with Node's cluster: the primary only forks
// and watches; each worker is a whole server (its own pool, caches and event loop) over the one
// PostgreSQL database, which holds everything that must be shared.
import cluster from 'node:cluster';
import { startServer } from './server.ts';

/** The most workers a start accepts: more than the cores rarely helps, and each opens a pool. */
export const maxWorkers = 64;

/** Why `workers` cannot run here, or null when it can. */
export function workersProblem(workers: number, databaseUrl: string | undefined): string | null {
  if (!Number.isInteger(workers) || workers < 1 || workers > maxWorkers)
    return `The number of workers must be a whole number from 1 to ${maxWorkers}; got ${workers}.`;
  if (workers > 1 && !databaseUrl)
    return (
      `${workers} workers need PostgreSQL: the embedded database (no DATABASE_URL) can be opened by ` +
      'one process only. Set DATABASE_URL, or start with one worker.'
    );
  return null;
}

/**
 * Starts `workers` server processes sharing HOST:PORT (one: this process serves alone). A worker
 * that dies after it listened is replaced; one that fails to start stops them all, since the
 * next would fail the same way (a bad DATABASE_URL, a port in use).
 */
export async function startServers(workers: number, databaseUrl: string | undefined): Promise<void> {
  const problem = workersProblem(workers, databaseUrl);
  if (problem) throw new Error(problem);
  if (workers === 1) return startServer();
  if (cluster.isWorker) {
    // A worker's IPC channel keeps it alive after a failed start: exit, so the primary sees it.
    return startServer().catch((error: unknown) => {
      console.error(`attest: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    });
  }

  const listening = new Set<number>();
  let isStopping = false;
  let stopExitCode = 0;
  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => listening.add(worker.id));
  };
  cluster.on('exit', (worker, code, signal) => {
    const hadListened = listening.delete(worker.id);
    if (isStopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stopExitCode);
      return;
    }
    if (!hadListened) {
      console.error(`A worker failed to start (exit code ${code}); stopping the others.`);
      stop('worker failure', 1);
      return;
    }
    console.error(
      `Worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another.`,
    );
    fork();
  });
  const stop = (reason: string, exitCode = 0) => {
    if (isStopping) return;
    isStopping = true;
    stopExitCode = exitCode;
    console.log(`${reason}: stopping ${workers} workers.`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    setTimeout(() => process.exit(exitCode || 1), 15_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT received'));
  process.on('SIGTERM', () => stop('SIGTERM received'));
  console.log(`Starting ${workers} Attest workers on one port (primary process ${process.pid}).`);
  for (let index = 0; index < workers; index++) fork();
}
