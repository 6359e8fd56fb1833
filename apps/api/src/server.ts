// Starts the Attest server: database (migrated), first-start seed, HTTP on HOST:PORT.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@attest/db';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { clientAddressHeader } from './auth/create-auth.ts';
import { resolveSecret } from './auth/secret.ts';
import { publicUrlOf, readEnvironment } from './env.ts';
import { answerClientError } from './lib/client-error.ts';
import { startBackgroundWork } from './services/background-work.ts';
import { seedFirstStart } from './services/seed.ts';

const builtWebRoot = fileURLToPath(new URL('../../web/dist', import.meta.url));

export async function startServer(): Promise<void> {
  const environment = readEnvironment();
  const dataDir = path.resolve(environment.ATTEST_DATA_DIR);
  const secret = await resolveSecret({
    configuredSecret: environment.ATTEST_SECRET,
    isEmbedded: !environment.DATABASE_URL,
    dataDir,
  });
  const database = await openDatabase({
    databaseUrl: environment.DATABASE_URL,
    dataDir,
    exportConnections: environment.ATTEST_EXPORT_LIMIT,
  });
  await seedFirstStart(database.db);
  // Sweeps at once: documents a stopped process imported and did not link are linked now, and
  // those it left without suggestions get them.
  const background = startBackgroundWork(database.db);

  const webRoot =
    environment.ATTEST_WEB_ROOT ?? (environment.NODE_ENV === 'production' ? builtWebRoot : undefined);
  if (webRoot && !existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`The web app is not built at ${webRoot}; run \`pnpm --filter @attest/web build\` first.`);
  }
  const trustedOrigins =
    environment.NODE_ENV === 'development'
      ? [...environment.ATTEST_TRUSTED_ORIGINS, 'http://127.0.0.1:5173', 'http://localhost:5173']
      : environment.ATTEST_TRUSTED_ORIGINS;
  const app = createApp({
    db: database.db,
    claimLinker: background.claimLinker,
    suggestionFiller: background.suggestionFiller,
    exportDb: database.exportDb,
    saveDb: database.saveDb,
    exportLimits: {
      concurrent: environment.ATTEST_EXPORT_LIMIT,
      perUser: environment.ATTEST_EXPORT_USER_LIMIT,
      writeTimeoutMs: environment.ATTEST_EXPORT_WRITE_TIMEOUT * 1000,
    },
    secret,
    trustedOrigins,
    webRoot,
    signInAttemptsPerMinute: environment.ATTEST_SIGN_IN_LIMIT,
    sessionCacheMilliseconds: environment.ATTEST_SESSION_CACHE_SECONDS * 1000,
    publicUrl: publicUrlOf(environment),
    logRequest: (line) => process.stdout.write(`${line}\n`),
  });
  const server = serve(
    {
      // The login rate limit counts per client address, taken from the socket: a header the
      // client sent cannot spoof it.
      fetch: (request, env: { incoming?: { socket?: { remoteAddress?: string } } }) => {
        request.headers.set(clientAddressHeader, env.incoming?.socket?.remoteAddress ?? 'unknown');
        return app.fetch(request, env);
      },
      hostname: environment.HOST,
      port: environment.PORT,
    },
    (address) => {
      const engine =
        database.engine === 'pglite' ? `embedded PGlite in ${database.location}` : database.location;
      console.log(`Attest is running at http://${environment.HOST}:${address.port} (database: ${engine})`);
    },
  );

  server.on('clientError', answerClientError);

  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`${signal} received: finishing open requests, then closing the database.`);
    server.close(() => {
      // The document being linked finishes (or rolls back and waits for the next start).
      void background
        .stop()
        .then(() => database.close())
        .then(() => process.exit(0));
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  // Loaded here, not at the top: workers.ts imports this module.
  import('./workers.ts')
    .then(({ startServers }) => {
      const environment = readEnvironment();
      return startServers(environment.ATTEST_WORKERS, environment.DATABASE_URL);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
