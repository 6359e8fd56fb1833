// The server of a live-server run in a process of its own (`inChildProcess`): what it holds in
// memory is then its own, apart from the benchmark that drives it and reads its answers.

import { openDatabase } from '@attest/db';
import type { ChildServerReply } from './child-server.ts';
import { serveApp } from './serve-app.ts';

/** What the parent sends first: a migrated, seeded PostgreSQL database to serve. */
export interface ServerProcessRequest {
  databaseUrl: string;
  secret: string;
  webRoot: string | undefined;
}

process.once('message', async (message) => {
  const request = message as ServerProcessRequest;
  const database = await openDatabase({
    databaseUrl: request.databaseUrl,
    maxConnections: 20,
    migrate: false,
  });
  const served = await serveApp(database, request.secret, request.webRoot);
  process.once('message', async () => {
    await served.close();
    await database.close();
    process.disconnect();
  });
  const reply: ChildServerReply = { url: served.url };
  process.send?.(reply);
});
