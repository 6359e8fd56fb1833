// Builds an app on a fresh test database, seeded as a first start would seed it, with the
// first account (the owner) signed in.
import { randomBytes } from 'node:crypto';
import type { DocumentDetail, ImportResult, Problem, ProjectRole } from '@attest/core';
import type { Engine } from '@attest/db';
import { openTestDatabase, preferredTestEngine, type TestDatabase } from '@attest/db/testing';
import { sql } from 'drizzle-orm';
import { type AppDependencies, createApp } from '../src/app.ts';
import { clientAddressHeader } from '../src/auth/create-auth.ts';
import { startBackgroundWork } from '../src/services/background-work.ts';
import type { ClaimLinker } from '../src/services/claim-linker.ts';
import { seedFirstStart } from '../src/services/seed.ts';
import type { SuggestionFiller } from '../src/services/suggestion-filler.ts';
import { checkingContract } from './response-contract.ts';

export const testOrigin = 'http://localhost';

/** A browser-like client: sends its session cookie and the Origin of Attest's own pages. */
export class TestUser {
  constructor(
    readonly app: ReturnType<typeof createApp>,
    readonly email: string,
    readonly cookie: string,
  ) {}

  request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    if (!headers.has('origin')) headers.set('origin', testOrigin);
    return Promise.resolve(this.app.request(path, { ...init, headers }));
  }

  json(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    return this.request(path, jsonRequest(method, body, headers));
  }
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  /** Its `destroy()` stops the app's background work before closing the database. */
  database: TestDatabase;
  /** The app's background claim linker, as a server runs one. */
  claimLinker: ClaimLinker;
  /** The app's background filler of suggestions, as a server runs one. */
  suggestionFiller: SuggestionFiller;
  owner: TestUser;
  /** A client without a session. */
  anonymous: TestUser;
}

export const testPassword = 'correct horse battery staple';

export async function createTestApp(
  overrides: Partial<AppDependencies> = {},
  engine: Engine = preferredTestEngine(),
): Promise<TestApp> {
  const database = await openTestDatabase(engine);
  await seedFirstStart(database.db);
  const { claimLinker, suggestionFiller, stop } = startBackgroundWork(database.db, { warn: () => {} });
  const destroyDatabase = database.destroy.bind(database);
  database.destroy = async () => {
    await stop();
    await destroyDatabase();
  };
  const app = checkingContract(
    createApp({
      db: database.db,
      claimLinker,
      suggestionFiller,
      exportDb: database.exportDb,
      saveDb: database.saveDb,
      secret: randomBytes(32).toString('base64url'),
      logError: () => {},
      ...overrides,
    }),
  );
  const anonymous = new TestUser(app, '', '');
  const setup = await anonymous.json('POST', '/api/setup', {
    name: 'Olivia Owner',
    email: 'owner@example.org',
    password: testPassword,
  });
  if (setup.status !== 201) throw new Error(`Setup failed: ${setup.status} ${await setup.text()}`);
  return {
    app,
    database,
    claimLinker,
    suggestionFiller,
    owner: new TestUser(app, 'owner@example.org', cookieOf(setup)),
    anonymous,
  };
}

/**
 * Waits until the background claim linker has linked every document of the project, as a
 * client would: by asking how many wait. Fails after `timeoutMs`.
 */
export async function waitForClaimLinking(user: TestUser, slug: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await user.request(`/api/projects/${encodeURIComponent(slug)}/claim-linking`);
    if (response.status !== 200)
      throw new Error(`claim-linking: ${response.status} ${await response.text()}`);
    const { waitingDocuments } = (await response.json()) as { waitingDocuments: number };
    if (waitingDocuments === 0) return;
    if (Date.now() > deadline)
      throw new Error(
        `${waitingDocuments} document(s) of ${slug} still wait for claim linking after ${timeoutMs} ms.`,
      );
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Imports `body` into the project as `user` and returns the ids of its sentences, in order. */
export async function importSentenceIds(user: TestUser, slug: string, body: string): Promise<string[]> {
  const imported = (await (
    await user.json('POST', `/api/projects/${encodeURIComponent(slug)}/documents`, { body })
  ).json()) as ImportResult;
  const detail = (await (
    await user.request(`/api/documents/${imported.document.id}`)
  ).json()) as DocumentDetail;
  return detail.sentences.map((sentence) => sentence.id);
}

/** Adds a member with a password through the API and signs them in. */
export async function addMember(
  testApp: TestApp,
  projectSlug: string,
  role: ProjectRole,
  name: string,
): Promise<TestUser> {
  const email = `${name.toLowerCase().replaceAll(' ', '.')}@example.org`;
  const added = await testApp.owner.json('POST', `/api/projects/${projectSlug}/members`, {
    name,
    email,
    password: testPassword,
    role,
  });
  if (added.status !== 201) throw new Error(`Adding ${name} failed: ${added.status} ${await added.text()}`);
  return signIn(testApp, email);
}

/** An existing account joins another project the only way it can: through an owner's invitation. */
export async function joinByInvite(
  owner: TestUser,
  projectSlug: string,
  role: ProjectRole,
  member: TestUser,
): Promise<void> {
  const invite = await owner.json('POST', `/api/projects/${projectSlug}/invites`, { role });
  if (invite.status !== 201) throw new Error(`Inviting failed: ${invite.status} ${await invite.text()}`);
  const { token } = (await invite.json()) as { token: string };
  const accepted = await member.json('POST', `/api/invites/${token}/accept`, {});
  if (accepted.status !== 200)
    throw new Error(`${member.email} could not join: ${accepted.status} ${await accepted.text()}`);
}

let signInCount = 0;

export async function signIn(testApp: TestApp, email: string, password = testPassword): Promise<TestUser> {
  // Each sign-in from its own address, as on a real network: the login rate limit counts per address.
  const response = await testApp.anonymous.json(
    'POST',
    '/api/auth/sign-in/email',
    { email, password },
    { [clientAddressHeader]: `198.51.100.${(signInCount++ % 250) + 1}` },
  );
  if (response.status !== 200)
    throw new Error(`Sign-in of ${email} failed: ${response.status} ${await response.text()}`);
  return new TestUser(testApp.app, email, cookieOf(response));
}

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

export function jsonRequest(
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): RequestInit {
  return {
    method,
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    headers: { 'content-type': 'application/json', ...headers },
  };
}

/** Asserts a problem+json response and returns its body. */
export async function expectProblem(response: Response, status: number): Promise<Problem> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`Expected ${status}, got ${response.status}: ${text}`);
  if (response.headers.get('content-type') !== 'application/problem+json') {
    throw new Error(`Expected application/problem+json, got ${response.headers.get('content-type')}`);
  }
  const problem = JSON.parse(text) as Problem;
  if (problem.status !== status || !problem.detail) throw new Error(`Incomplete problem: ${text}`);
  return problem;
}

/**
 * A project of `documents` × `sentencesPerDocument` copies of one sentence, written straight to
 * the database (thousands of rows in a moment); answers the sentences' ids.
 */
export async function createBulkProject(
  testApp: TestApp,
  slug: string,
  shape: { documents: number; sentencesPerDocument: number; sentenceText: string },
): Promise<string[]> {
  await testApp.owner.json('POST', '/api/projects', { slug, name: slug });
  const { documents, sentencesPerDocument, sentenceText } = shape;
  await testApp.database.db.execute(sql`
    insert into documents (project_id, title, body, body_sha256)
    select p.id, ${slug} || ' ' || n, ${sentenceText}, md5(${slug} || n)
    from projects p, generate_series(1, ${documents}::int) n where p.slug = ${slug}`);
  const inserted = (await testApp.database.db.execute(sql`
    insert into sentences (document_id, position, start, "end", kind, text)
    select d.id, k, 0, ${sentenceText.length}, 'sentence', ${sentenceText}
    from documents d join projects p on p.id = d.project_id, generate_series(0, ${sentencesPerDocument - 1}::int) k
    where p.slug = ${slug}
    returning id`)) as unknown as { id: string }[] | { rows: { id: string }[] };
  return (Array.isArray(inserted) ? inserted : inserted.rows).map((row) => row.id);
}
