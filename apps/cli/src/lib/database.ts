// The CLI talks to the same database the server uses, chosen by the same variables.
import path from 'node:path';
import { readEnvironment } from '@attest/api';
import { type DatabaseHandle, openDatabase } from '@attest/db';

export async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const environment = readEnvironment();
  return openDatabase({
    databaseUrl: environment.DATABASE_URL,
    dataDir: path.resolve(environment.ATTEST_DATA_DIR),
  });
}

export async function withDatabase<Result>(
  work: (handle: DatabaseHandle) => Promise<Result>,
): Promise<Result> {
  const handle = await openConfiguredDatabase();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}
