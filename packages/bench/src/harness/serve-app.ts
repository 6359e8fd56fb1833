// Attest served on a free loopback port over an open database, with its background work, wired
// as `attest serve` wires it (request, export and save pools, the access log): the live server
// uses it in its own process and in a child process alike.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { devNull } from 'node:os';
import { createApp, startBackgroundWork } from '@attest/api';
import type { DatabaseHandle } from '@attest/db';
import { serve } from '@hono/node-server';

export interface ServedApp {
  url: string;
  /** Stops listening, then the background work; the database stays open. */
  close(): Promise<void>;
}

export async function serveApp(
  database: DatabaseHandle,
  secret: string,
  webRoot: string | undefined,
): Promise<ServedApp> {
  // Clients of a load test pass their own x-attest-client-address, as distinct machines would.
  // The access log is written as `attest serve` writes it to a file or pipe (a synchronous write
  // per line), to the null device: its cost is the server's, whoever would read it.
  const accessLog = openSync(devNull, 'w');
  const background = startBackgroundWork(database.db);
  const app = createApp({
    db: database.db,
    exportDb: database.exportDb,
    saveDb: database.saveDb,
    claimLinker: background.claimLinker,
    suggestionFiller: background.suggestionFiller,
    secret,
    logError: console.error,
    logRequest: (line) => writeSync(accessLog, `${line}\n`),
    webRoot,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await background.stop();
      closeSync(accessLog);
    },
  };
}
