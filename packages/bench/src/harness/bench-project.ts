// A live server with a signed-in owner and a project, and analysts for suites that need a
// staffed project (written straight into the database: signing them up through the API would
// only add time the benchmarks do not measure).
import { countDocumentsWaitingForSuggestions, type Database, type Executor } from '@attest/db';
import { sql } from 'drizzle-orm';
import { Client, type LiveServer, type LiveServerOptions, startLiveServer } from './live-server.ts';

export interface BenchProject {
  server: LiveServer;
  owner: Client;
}

/** A fresh server whose first account owns the projects with these slugs. */
export async function startBenchProject(
  label: string,
  projectSlugs: readonly string[],
  serverOptions: LiveServerOptions = {},
): Promise<BenchProject> {
  const server = await startLiveServer(label, serverOptions);
  try {
    const owner = new Client(server.url);
    await owner.json('POST', '/api/setup', {
      name: 'Bench',
      email: 'bench@attest.test',
      password: 'bench password 1',
    });
    for (const slug of projectSlugs) await owner.json('POST', '/api/projects', { slug, name: slug });
    return { server, owner };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** Adds `count` analysts to the project with this slug. */
export async function addAnalysts(db: Database, projectSlug: string, count = 2): Promise<void> {
  await db.execute(sql`
    with analysts as (
      insert into users (name, email) select 'Analyst ' || n, 'analyst' || n || '@attest.test'
      from generate_series(1, ${count}) n returning id)
    insert into project_members (project_id, user_id, role)
    select p.id, a.id, 'analyst' from projects p, analysts a where p.slug = ${projectSlug}`);
}

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Runs set-based generation in one transaction without foreign-key triggers: the rows are made
 * by joins on rows that exist, and checking millions of them one by one would take most of a
 * suite's time budget.
 */
export async function generateWithoutForeignKeyChecks(
  db: Database,
  work: (transaction: Transaction) => Promise<void>,
): Promise<void> {
  await db.transaction(async (transaction) => {
    await transaction.execute(sql`set local session_replication_role = replica`);
    await work(transaction);
  });
}

/**
 * Polls until no document of the project waits for claim linking, or the deadline
 * (`performance.now()` milliseconds); answers how many still wait. Suites that import their
 * documents wait for it before measuring, so the background linker's work is not counted in
 * what they measure.
 */
export async function untilLinked(
  owner: Client,
  projectSlug: string,
  deadline = Number.POSITIVE_INFINITY,
): Promise<number> {
  for (;;) {
    const { waitingDocuments } = await owner.json<{ waitingDocuments: number }>(
      'GET',
      `/api/projects/${projectSlug}/claim-linking`,
    );
    if (waitingDocuments === 0 || performance.now() > deadline) return waitingDocuments;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Polls until no document waits for its suggestions (added after an import answers,
 * apps/api/src/services/suggestion-filler.ts), or the deadline
 * (`performance.now()` milliseconds); answers how many still wait.
 */
export async function untilSuggestionsAdded(
  db: Executor,
  deadline = Number.POSITIVE_INFINITY,
): Promise<number> {
  for (;;) {
    const waiting = await countDocumentsWaitingForSuggestions(db);
    if (waiting === 0 || performance.now() > deadline) return waiting;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
