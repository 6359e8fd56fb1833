import { openConfiguredDatabase } from '../lib/database.ts';

export async function migrateCommand(): Promise<void> {
  const handle = await openConfiguredDatabase();
  process.stderr.write(`Migrations applied to ${handle.location}.\n`);
  await handle.close();
}
