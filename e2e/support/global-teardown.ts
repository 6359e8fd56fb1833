// Drops the Postgres database the run created (nothing to do on PGlite: the next run wipes it).
import postgres from 'postgres';

export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env['DATABASE_URL'];
  const database = process.env['ATTEST_E2E_DATABASE'];
  if (!serverUrl || !database || !/^[a-z0-9_]+$/.test(database)) return;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    // FORCE: the server may still hold connections while Playwright stops it.
    await admin.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
