// `attest serve --workers N` as a child process over a prepared PostgreSQL database: the
// production way to run several server processes on one port, for the soak and the processes
// benchmark. Its access log is read and dropped; its errors pass through.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const startTimeoutMs = 120_000;

export interface WorkerServer {
  url: string;
  /** The cluster's primary process; the workers are its children. */
  pid: number;
  close(): Promise<void>;
}

export async function startWorkerServer(
  databaseUrl: string,
  secret: string,
  workers: number,
): Promise<WorkerServer> {
  const port = await freePort();
  const child = spawn(
    `${repoRoot}node_modules/.bin/tsx`,
    [`${repoRoot}apps/cli/src/main.ts`, 'serve', '--workers', String(workers)],
    {
      cwd: repoRoot,
      // Its own process group: stopping it stops tsx, the primary and every worker.
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        ATTEST_SECRET: secret,
        HOST: '127.0.0.1',
        PORT: String(port),
        // Production without the web app: the benchmarks use the API only.
        NODE_ENV: 'test',
        // Every benchmark analyst signs in from loopback.
        ATTEST_SIGN_IN_LIMIT: '10000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await untilListening(child, workers);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    async close() {
      signalGroup(child, 'SIGTERM');
      const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Resolves once every worker has said it is running; rejects if the server exits first. */
function untilListening(child: ChildProcess, workers: number): Promise<void> {
  let output = '';
  let running = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signalGroup(child, 'SIGKILL');
      reject(new Error(`attest serve did not start ${workers} workers in time:\n${output}`));
    }, startTimeoutMs);
    const onLine = (chunk: Buffer) => {
      const text = chunk.toString();
      if (running < workers) output += text;
      running += text.match(/Attest is running at/g)?.length ?? 0;
      if (running >= workers) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`attest serve exited with ${code}:\n${output}`));
    });
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // It has exited already.
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}
