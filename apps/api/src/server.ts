// Starts the Attest server: database (migrated), first-start seed, HTTP on HOST:PORT.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@attest/db';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { readEnvironment } from './env.ts';
import { seedFirstStart } from './services/seed.ts';

const builtWebRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function startServer(): Promise<void> {
  const environment = readEnvironment();
  const database = await openDatabase({
    databaseUrl: environment.DATABASE_URL,
    dataDir: path.resolve(environment.ATTEST_DATA_DIR),
  });
  const analyst = await seedFirstStart(database.db);

  const webRoot =
    environment.ATTEST_WEB_ROOT ?? (environment.NODE_ENV === 'production' ? builtWebRoot : undefined);
  if (webRoot && !existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`The web app is not built at ${webRoot}; run \`pnpm --filter @attest/web build\` first.`);
  }
  const app = createApp({ db: database.db, userId: analyst.id, webRoot });
  const server = serve(
    { fetch: app.fetch, hostname: environment.HOST, port: environment.PORT },
    (address) => {
      const engine =
        database.engine === 'pglite' ? `embedded PGlite in ${database.location}` : database.location;
      console.log(`Attest is running at http://${environment.HOST}:${address.port} (database: ${engine})`);
    },
  );

  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`${signal} received: finishing open requests, then closing the database.`);
    server.close(() => {
      void database.close().then(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  startServer().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
