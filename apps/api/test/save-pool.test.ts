// Saves go through a pool of their own on PostgreSQL: whatever holds every connection of the
// request pool (long reports, a re-link, slow queries) cannot keep a save waiting behind it.
import { rowsOf } from '@attest/db';
import { preferredTestEngine } from '@attest/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, importSentenceIds, type TestApp } from './helpers.ts';

/** The request pool's size on PostgreSQL (openDatabase's default `maxConnections`). */
const requestPoolSize = 10;

let testApp: TestApp;
let sentenceIds: string[];

beforeAll(async () => {
  testApp = await createTestApp();
  await testApp.owner.json('POST', '/api/projects', { slug: 'pool', name: 'pool' });
  sentenceIds = await importSentenceIds(
    testApp.owner,
    'pool',
    'The ministry said the dam was finished. Farmers cheered the news. Water rose in spring.',
  );
}, 60_000);

afterAll(async () => {
  await testApp?.database.destroy();
});

function save(sentenceId: string, label: string): Promise<Response> {
  return testApp.owner.json('PUT', `/api/sentences/${sentenceId}/annotation`, { label });
}

async function sleepingQueries(): Promise<number> {
  const [row] = await rowsOf<{ total: number }>(
    testApp.database.saveDb,
    sql`select count(*)::int as total from pg_stat_activity
        where state = 'active' and query like 'select pg_sleep(%' and datname = current_database()`,
  );
  return row?.total ?? 0;
}

describe(`saves on ${preferredTestEngine()}`, () => {
  it('are answered while long queries hold every connection of the request pool', async () => {
    if (preferredTestEngine() === 'pglite') {
      // PGlite has one connection, which requests take in turn; there is no pool to keep apart.
      expect(testApp.database.saveDb).toBe(testApp.database.db);
      return;
    }
    // A first save signs the session into the cache, so the next one needs no lookup.
    expect((await save(sentenceIds[0]!, 'reported_fact')).status).toBe(200);
    // A save sent behind a sleeper would be answered only after that sleeper ended.
    let aSleeperEnded = false;
    const sleepers = Promise.all(
      Array.from({ length: requestPoolSize }, async () => {
        await testApp.database.db.execute(sql`select pg_sleep(4)`);
        aSleeperEnded = true;
      }),
    );
    while ((await sleepingQueries()) < requestPoolSize)
      await new Promise((resolve) => setTimeout(resolve, 50));

    const response = await save(sentenceIds[1]!, 'kcna_claim');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { label: string }).label).toBe('kcna_claim');
    expect(aSleeperEnded).toBe(false);
    await sleepers;
  });
});
