// The server of a live-server run in a process of its own (`inChildProcess`): what it holds in
// memory is then its own, apart from the benchmark that drives it and reads its answers.

import type { AddressInfo } from 'node:net';
import { createApp, startBackgroundWork } from '@attest/api';
import { openDatabase } from '@attest/db';
import { serve } from '@hono/node-server';

/** What the parent sends first: a migrated, seeded PostgreSQL database to serve. */
export interface ServerProcessRequest {
  databaseUrl: string;
  secret: string;
  webRoot: string | undefined;
}

/** What the child answers once it listens. */
export interface ServerProcessReply {
  url: string;
}

process.once('message', async (message) => {
  const request = message as ServerProcessRequest;
  const database = await openDatabase({
    databaseUrl: request.databaseUrl,
    maxConnections: 20,
    migrate: false,
  });
  const background = startBackgroundWork(database.db);
  const app = createApp({
    db: database.db,
    exportDb: database.exportDb,
    saveDb: database.saveDb,
    claimLinker: background.claimLinker,
    suggestionFiller: background.suggestionFiller,
    secret: request.secret,
    logError: console.error,
    webRoot: request.webRoot,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  process.once('message', async () => {
    await new Promise((resolve) => server.close(resolve));
    await background.stop();
    await database.close();
    process.disconnect();
  });
  const reply: ServerProcessReply = { url: `http://127.0.0.1:${port}` };
  process.send?.(reply);
});
