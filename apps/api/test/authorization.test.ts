// Every route × every role × (own project, foreign project, no session): what each may do,
// and that a foreign object answers 404 and changes nothing.
import type { DocumentDetail, ImportResult } from '@attest/core';
import {
  annotationEvents,
  annotations,
  apiKeys,
  auditEvents,
  claimLinkRejections,
  claimLinks,
  claims,
  documents,
  type Engine,
  invites,
  labels,
  projectMembers,
  projects,
  sentences,
} from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTestApp, type TestApp, TestUser } from './helpers.ts';

type Role = 'owner' | 'reviewer' | 'analyst';

/** A script with an API token: no cookie, an Authorization header on every request. */
class TokenClient extends TestUser {
  constructor(
    app: TestApp['app'],
    readonly token: string,
  ) {
    super(app, '', '');
  }

  override request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    return Promise.resolve(this.app.request(path, { ...init, headers }));
  }
}
type Target = 'own' | 'foreign';

interface Fixture {
  slug: string;
  documentId: string;
  sentenceId: string;
  nextSentenceId: string;
  memberUserId: string;
  tokenId: string;
  /** A suggested claim link between two imported articles. */
  claimLinkId: string;
}

let testApp: TestApp;
let users: Record<Role, TestUser>;
let outsider: TestUser;
/** The owner's API token for the demo project. */
let ownerToken: TestUser;
let fixtures: Record<Target, Fixture>;
let importCounter = 0;

async function importArticle(user: TestUser, slug: string): Promise<DocumentDetail> {
  importCounter++;
  const body = `Fixture headline ${importCounter}\n\nThe ministry said the plant opened on day ${importCounter}. Officials were present.\n`;
  const imported = (await (
    await user.json('POST', `/api/projects/${slug}/documents`, { body })
  ).json()) as ImportResult;
  return (await (await user.request(`/api/documents/${imported.document.id}`)).json()) as DocumentDetail;
}

async function makeFixture(user: TestUser, slug: string): Promise<Fixture> {
  const detail = await importArticle(user, slug);
  // A second article repeats "Officials were present.": the two sentences are linked as one claim.
  const repeated = await importArticle(user, slug);
  // Linking runs after the import answers: wait for this process's linker to finish it.
  await testApp.claimLinker.drain();
  const { claims } = (await (await user.request(`/api/documents/${repeated.document.id}/claims`)).json()) as {
    claims: { occurrences: { linkId: string }[] }[];
  };
  const [first, second] = detail.sentences.filter((sentence) => sentence.kind === 'sentence');
  const token = (await (
    await user.json('POST', '/api/tokens', { name: 'fixture', projects: [slug] })
  ).json()) as {
    id: string;
  };
  const members = (await (await user.request(`/api/projects/${slug}/members`)).json()) as {
    items: { userId: string; role: Role }[];
  };
  return {
    slug,
    documentId: detail.document.id,
    sentenceId: first!.id,
    nextSentenceId: second!.id,
    memberUserId:
      members.items.find((member) => member.role === 'analyst')?.userId ?? members.items[0]!.userId,
    tokenId: token.id,
    claimLinkId: claims[0]!.occurrences[0]!.linkId,
  };
}

/** Two projects with members in every role; the second is foreign to the first's members. */
async function setUp(engine: Engine): Promise<void> {
  testApp = await createTestApp({}, engine);
  users = {
    owner: testApp.owner,
    reviewer: await addMember(testApp, 'demo', 'reviewer', 'Rita Reviewer'),
    analyst: await addMember(testApp, 'demo', 'analyst', 'Andy Analyst'),
  };
  // The foreign project belongs to someone the demo members have nothing to do with.
  await testApp.owner.json('POST', '/api/projects', { slug: 'foreign', name: 'Foreign project' });
  outsider = await addMember(testApp, 'foreign', 'owner', 'Fiona Foreign');
  await addMember(testApp, 'foreign', 'analyst', 'Fred Foreign');
  const owners = (await (await outsider.request('/api/projects/foreign/members')).json()) as {
    items: { userId: string; email: string }[];
  };
  const originalOwner = owners.items.find((member) => member.email === 'owner@example.org')!;
  await outsider.request(`/api/projects/foreign/members/${originalOwner.userId}`, { method: 'DELETE' });
  fixtures = {
    own: await makeFixture(testApp.owner, 'demo'),
    foreign: await makeFixture(outsider, 'foreign'),
  };
  const created = await testApp.owner.json('POST', '/api/tokens', { name: 'script', projects: ['demo'] });
  ownerToken = new TokenClient(testApp.app, ((await created.json()) as { token: string }).token);
}

/** Counts and checksums of everything a request could change. */
async function databaseFingerprint(): Promise<string> {
  // The background linker's work on earlier imports settles first: only a request's own writes
  // may tell the two fingerprints apart.
  await testApp.claimLinker.drain();
  const { db } = testApp.database;
  const tables = [
    documents,
    sentences,
    annotations,
    annotationEvents,
    projectMembers,
    invites,
    apiKeys,
    labels,
    projects,
    auditEvents,
    claims,
    claimLinks,
    claimLinkRejections,
  ];
  const counts = await Promise.all(
    tables.map(async (table) => (await db.select({ total: count() }).from(table))[0]?.total),
  );
  const result: unknown = await db.execute(sql`select md5(
    coalesce((select string_agg(name || guidelines || annotators_per_document || coalesce(archived_at::text, '-'), ',' order by id) from projects), '') ||
    coalesce((select string_agg(coalesce(archived_at::text, '-'), ',' order by id) from documents), '') ||
    coalesce((select string_agg(role::text, ',' order by project_id, user_id) from project_members), '') ||
    coalesce((select string_agg(version::text || label_id::text, ',' order by id) from annotations), '') ||
    coalesce((select string_agg(start || '-' || "end", ',' order by id) from sentences), '') ||
    coalesce((select string_agg(tier, ',' order by id) from claim_links), '')) as value`);
  // postgres.js returns the rows, PGlite an object holding them.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { value: string }[];
  const checksum = rows[0];
  return `${counts.join(',')}:${checksum?.value}`;
}

interface RouteCase {
  name: string;
  request: (user: TestUser, fixture: Fixture) => Promise<Response>;
  /** Expected status in one's own project, per role. */
  own: Record<Role, number>;
  /** Expected status for a foreign project's object (usually 404). */
  foreign?: number;
  /** Routes that are about the caller, not a project, have no foreign case. */
  hasForeign?: boolean;
  /**
   * Expected for the owner's API token for the own project (default: as for the owner), and
   * for another project's object (default: as for the foreign case). Account routes are 403.
   */
  token?: number;
  tokenForeign?: number;
}

const everyone = (status: number): Record<Role, number> => ({
  owner: status,
  reviewer: status,
  analyst: status,
});

/** Splits a sentence of a fresh document, then merges it back; answers the first refusal. */
async function splitThenMerge(user: TestUser, f: Fixture): Promise<Response> {
  if (f.slug !== 'demo' || user === testApp.anonymous) {
    return user.json('POST', `/api/sentences/${f.sentenceId}/split`, { at: 1 });
  }
  // Documents are spread over the analysts: an analyst splits in one that is theirs.
  let detail = await importArticle(testApp.owner, 'demo');
  for (
    let tries = 0;
    tries < 10 && (await user.request(`/api/documents/${detail.document.id}`)).status === 404;
    tries++
  )
    detail = await importArticle(testApp.owner, 'demo');
  const sentence = detail.sentences.find((candidate) => candidate.kind === 'sentence')!;
  const split = await user.json('POST', `/api/sentences/${sentence.id}/split`, {
    at: sentence.start + 4,
  });
  if (split.status !== 200) return split;
  return user.request(`/api/sentences/${sentence.id}/merge-next`, { method: 'POST' });
}

const routes: RouteCase[] = [
  { name: 'GET /api/me', request: (user) => user.request('/api/me'), own: everyone(200), hasForeign: false },
  {
    name: 'GET /api/projects',
    request: (user) => user.request('/api/projects'),
    own: everyone(200),
    hasForeign: false,
  },
  {
    name: 'POST /api/projects',
    request: (user) =>
      user.json('POST', '/api/projects', {
        slug: `made-${Math.random().toString(36).slice(2, 10)}`,
        name: 'Made by a role check',
      }),
    own: everyone(201),
    hasForeign: false,
    token: 403,
  },
  {
    name: 'GET /api/projects/:slug',
    request: (user, f) => user.request(`/api/projects/${f.slug}`),
    own: everyone(200),
  },
  {
    name: 'PATCH /api/projects/:slug',
    request: (user, f) => user.json('PATCH', `/api/projects/${f.slug}`, { annotatorsPerDocument: 2 }),
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'PUT /api/projects/:slug/labels',
    request: async (user, f) => {
      const project = (await (await testApp.owner.request('/api/projects/demo')).json()) as {
        labels: unknown[];
      };
      return user.json('PUT', `/api/projects/${f.slug}/labels`, {
        labels: project.labels.map((label) => {
          const { position: _position, ...rest } = label as { position: number };
          return rest;
        }),
      });
    },
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'GET /api/projects/:slug/members',
    request: (user, f) => user.request(`/api/projects/${f.slug}/members`),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'POST /api/projects/:slug/members',
    request: (user, f) =>
      user.json('POST', `/api/projects/${f.slug}/members`, {
        name: 'New Member',
        email: `new.member.${Math.random().toString(36).slice(2)}@example.org`,
        password: 'a long enough password',
        role: 'analyst',
      }),
    own: { owner: 201, reviewer: 403, analyst: 403 },
  },
  {
    name: 'POST /api/projects/:slug/members with an existing account',
    request: (user, f) =>
      user.json('POST', `/api/projects/${f.slug}/members`, {
        name: 'Somebody Else',
        email: 'fred.foreign@example.org',
        password: 'a password that must not stick',
        role: 'owner',
      }),
    own: { owner: 409, reviewer: 403, analyst: 403 },
  },
  {
    name: 'PATCH /api/projects/:slug/members/:userId',
    request: (user, f) =>
      user.json('PATCH', `/api/projects/${f.slug}/members/${f.memberUserId}`, { role: 'analyst' }),
    own: { owner: 204, reviewer: 403, analyst: 403 },
  },
  {
    name: 'DELETE /api/projects/:slug/members/:userId',
    request: async (user, f) => {
      // Foreign and anonymous requests aim at an existing member; only a permitted delete gets a throwaway one.
      if (f.slug !== 'demo' || user === testApp.anonymous) {
        return user.request(`/api/projects/${f.slug}/members/${f.memberUserId}`, { method: 'DELETE' });
      }
      const extra = await testApp.owner.json('POST', '/api/projects/demo/members', {
        name: 'Short Stay',
        email: `short.stay.${Math.random().toString(36).slice(2)}@example.org`,
        password: 'a long enough password',
        role: 'reviewer',
      });
      const members = ((await extra.json()) as { items: { userId: string; name: string }[] }).items;
      const target = members.findLast((member) => member.name === 'Short Stay')!;
      return user.request(`/api/projects/demo/members/${target.userId}`, { method: 'DELETE' });
    },
    own: { owner: 204, reviewer: 403, analyst: 403 },
  },
  {
    name: 'POST /api/projects/:slug/invites',
    request: (user, f) => user.json('POST', `/api/projects/${f.slug}/invites`, { role: 'analyst' }),
    own: { owner: 201, reviewer: 403, analyst: 403 },
  },
  {
    name: 'GET /api/projects/:slug/documents',
    request: (user, f) => user.request(`/api/projects/${f.slug}/documents`),
    own: everyone(200),
  },
  {
    name: 'POST /api/projects/:slug/documents',
    request: (user, f) =>
      user.json('POST', `/api/projects/${f.slug}/documents`, {
        body: `Imported by a role check ${Math.random()}.`,
      }),
    own: { owner: 201, reviewer: 201, analyst: 403 },
  },
  {
    name: 'GET /api/projects/:slug/next-document',
    request: (user, f) => user.request(`/api/projects/${f.slug}/next-document`),
    own: everyone(200),
  },
  {
    name: 'GET /api/projects/:slug/queue',
    request: (user, f) => user.request(`/api/projects/${f.slug}/queue`),
    own: everyone(200),
  },
  {
    name: 'GET /api/projects/:slug/export',
    request: (user, f) => user.request(`/api/projects/${f.slug}/export`),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'GET /api/documents/:id',
    request: (user, f) => user.request(`/api/documents/${f.documentId}`),
    own: everyone(200),
  },
  {
    name: 'GET /api/documents/:id/review',
    request: (user, f) => user.request(`/api/documents/${f.documentId}/review`),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'PUT /api/sentences/:id/annotation',
    request: (user, f) =>
      user.json('PUT', `/api/sentences/${f.sentenceId}/annotation`, { label: 'reported_fact' }),
    own: everyone(200),
  },
  {
    name: 'DELETE /api/sentences/:id/annotation',
    request: (user, f) => user.request(`/api/sentences/${f.sentenceId}/annotation`, { method: 'DELETE' }),
    own: everyone(204),
  },
  {
    name: 'POST /api/sentences/:id/split and merge-next',
    // The analyst is refused before anything changes, so the fixture's sentence, assigned to
    // them, serves; a fresh document may go to other analysts and answer 404.
    request: (user, f) =>
      user === users.analyst
        ? user.json('POST', `/api/sentences/${f.sentenceId}/split`, { at: 1 })
        : splitThenMerge(user, f),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'POST /api/sentences/:id/merge-next',
    request: async (user, f) => {
      // The analyst is refused before anything changes, so the fixture's sentence, which is
      // assigned to them, serves; a fresh document may go to another analyst and answer 404.
      if (f.slug !== 'demo' || user === testApp.anonymous || user === users.analyst) {
        return user.request(`/api/sentences/${f.sentenceId}/merge-next`, { method: 'POST' });
      }
      const detail = await importArticle(testApp.owner, 'demo');
      const sentence = detail.sentences.find((candidate) => candidate.kind === 'sentence')!;
      return user.request(`/api/sentences/${sentence.id}/merge-next`, { method: 'POST' });
    },
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'GET /api/sentences/:id/segmentation-impact',
    request: (user, f) => user.request(`/api/sentences/${f.sentenceId}/segmentation-impact?action=merge`),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'POST /api/sentences/:id/split and merge-next, analysts allowed',
    request: async (user, f) => {
      await testApp.owner.json('PATCH', '/api/projects/demo', { analystsMaySegment: true });
      try {
        return await splitThenMerge(user, f);
      } finally {
        await testApp.owner.json('PATCH', '/api/projects/demo', { analystsMaySegment: false });
      }
    },
    own: everyone(200),
  },
  {
    name: 'PATCH /api/projects/:slug (who may change segmentation)',
    request: (user, f) => user.json('PATCH', `/api/projects/${f.slug}`, { analystsMaySegment: false }),
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'PUT /api/sentences/:id/adjudication',
    request: (user, f) =>
      user.json('PUT', `/api/sentences/${f.sentenceId}/adjudication`, { label: 'kcna_claim' }),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'DELETE /api/sentences/:id/adjudication',
    request: (user, f) => user.request(`/api/sentences/${f.sentenceId}/adjudication`, { method: 'DELETE' }),
    own: { owner: 204, reviewer: 204, analyst: 403 },
  },
  {
    name: 'GET /api/documents/:id/report',
    request: (user, f) => user.request(`/api/documents/${f.documentId}/report`),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'GET /api/projects/:slug/report',
    request: (user, f) => user.request(`/api/projects/${f.slug}/report`),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'GET /api/projects/:slug/claims',
    request: (user, f) => user.request(`/api/projects/${f.slug}/claims`),
    own: everyone(200),
  },
  {
    name: 'GET /api/documents/:id/claims',
    request: (user, f) => user.request(`/api/documents/${f.documentId}/claims`),
    own: everyone(200),
  },
  {
    name: 'POST /api/claim-links/:id/decision',
    request: (user, f) =>
      user.json('POST', `/api/claim-links/${f.claimLinkId}/decision`, { decision: 'confirm' }),
    own: { owner: 204, reviewer: 204, analyst: 403 },
  },
  {
    name: 'POST /api/projects/:slug/claims/relink',
    request: (user, f) => user.request(`/api/projects/${f.slug}/claims/relink`, { method: 'POST' }),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'GET /api/sentences/:id/history',
    request: (user, f) => user.request(`/api/sentences/${f.sentenceId}/history`),
    own: everyone(200),
  },
  {
    name: 'GET /api/projects?archived=true',
    request: (user) => user.request('/api/projects?archived=true'),
    own: everyone(200),
    hasForeign: false,
  },
  {
    name: 'GET /api/projects/:slug/documents?archived=true',
    request: (user, f) => user.request(`/api/projects/${f.slug}/documents?archived=true`),
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'POST /api/documents/:id/archive and restore',
    request: async (user, f) => {
      const archived = await user.request(`/api/documents/${f.documentId}/archive`, { method: 'POST' });
      if (archived.status !== 200) return archived;
      return user.request(`/api/documents/${f.documentId}/restore`, { method: 'POST' });
    },
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'GET /api/documents/:id/deletion',
    request: (user, f) => user.request(`/api/documents/${f.documentId}/deletion`),
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'DELETE /api/documents/:id',
    request: async (user, f) => {
      // Only a permitted delete gets a throwaway document; the others aim at the fixture.
      if (f.slug !== 'demo' || user !== testApp.owner) {
        return user.request(`/api/documents/${f.documentId}`, { method: 'DELETE' });
      }
      const doomed = await importArticle(testApp.owner, 'demo');
      return user.request(`/api/documents/${doomed.document.id}`, { method: 'DELETE' });
    },
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'POST /api/projects/:slug/archive and restore',
    request: async (user, f) => {
      const archived = await user.request(`/api/projects/${f.slug}/archive`, { method: 'POST' });
      if (archived.status !== 200) return archived;
      return user.request(`/api/projects/${f.slug}/restore`, { method: 'POST' });
    },
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'GET /api/projects/:slug/deletion',
    request: (user, f) => user.request(`/api/projects/${f.slug}/deletion`),
    own: { owner: 200, reviewer: 403, analyst: 403 },
  },
  {
    name: 'DELETE /api/projects/:slug',
    request: async (user, f) => {
      if (f.slug !== 'demo' || user !== testApp.owner) {
        return user.request(`/api/projects/${f.slug}`, { method: 'DELETE' });
      }
      const slug = `doomed-${Math.random().toString(36).slice(2, 8)}`;
      await testApp.owner.json('POST', '/api/projects', { slug, name: 'Doomed' });
      return user.request(`/api/projects/${slug}`, { method: 'DELETE' });
    },
    own: { owner: 200, reviewer: 403, analyst: 403 },
    token: 403,
    tokenForeign: 403,
  },
  {
    name: 'GET /api/projects/:slug/audit',
    request: (user, f) => user.request(`/api/projects/${f.slug}/audit`),
    own: { owner: 200, reviewer: 200, analyst: 403 },
  },
  {
    name: 'GET /api/tokens',
    request: (user) => user.request('/api/tokens'),
    own: everyone(200),
    hasForeign: false,
    token: 403,
  },
  {
    name: 'POST /api/tokens',
    request: (user, f) => user.json('POST', '/api/tokens', { name: 'check', projects: [f.slug] }),
    own: everyone(201),
    token: 403,
    tokenForeign: 403,
  },
  {
    name: 'DELETE /api/tokens/:id',
    request: async (user, f) => {
      if (f.slug !== 'demo') return user.request(`/api/tokens/${f.tokenId}`, { method: 'DELETE' });
      const created = (await (
        await user.json('POST', '/api/tokens', { name: 'doomed', projects: ['demo'] })
      ).json()) as {
        id: string;
      };
      return user.request(`/api/tokens/${created.id}`, { method: 'DELETE' });
    },
    own: everyone(204),
    token: 403,
    tokenForeign: 403,
  },
  {
    name: 'POST /api/auth/change-password',
    request: (user) =>
      user.json('POST', '/api/auth/change-password', {
        currentPassword: 'not the password at all',
        newPassword: 'a new password nobody sets',
      }),
    // A wrong current password: refused by the library, but reached.
    own: everyone(400),
    hasForeign: false,
    token: 403,
  },
];

// The same table on both engines: PGlite, and PostgreSQL when DATABASE_URL is set.
for (const engine of testEngines())
  describe(`authorization on ${engine}`, () => {
    beforeAll(() => setUp(engine), 120_000);
    afterAll(async () => {
      await testApp?.database.destroy();
    });
    for (const route of routes) {
      describe(route.name, () => {
        for (const role of ['owner', 'reviewer', 'analyst'] as const) {
          it(`answers ${route.own[role]} to the project's ${role}`, async () => {
            const response = await route.request(users[role], fixtures.own);
            expect(response.status, await response.clone().text()).toBe(route.own[role]);
          });
          if (route.hasForeign === false) continue;
          it(`answers 404 to a ${role} for another project's object, changing nothing`, async () => {
            const before = await databaseFingerprint();
            const response = await route.request(users[role], fixtures.foreign);
            expect(response.status, await response.clone().text()).toBe(route.foreign ?? 404);
            expect(response.headers.get('content-type')).toBe('application/problem+json');
            expect(await databaseFingerprint()).toBe(before);
          });
        }
        const tokenExpectation = route.token ?? route.own.owner;
        it(`answers ${tokenExpectation} to the owner's API token for the project`, async () => {
          const before = await databaseFingerprint();
          const response = await route.request(ownerToken, fixtures.own);
          expect(response.status, await response.clone().text()).toBe(tokenExpectation);
          if (tokenExpectation === 403) expect(await databaseFingerprint()).toBe(before);
        });
        if (route.hasForeign !== false) {
          const expected = route.tokenForeign ?? route.foreign ?? 404;
          it(`answers ${expected} to that token for another project's object, changing nothing`, async () => {
            const before = await databaseFingerprint();
            const response = await route.request(ownerToken, fixtures.foreign);
            expect(response.status, await response.clone().text()).toBe(expected);
            expect(response.headers.get('content-type')).toBe('application/problem+json');
            expect(await databaseFingerprint()).toBe(before);
          });
        }
        it('answers 401 without a session, changing nothing', async () => {
          const before = await databaseFingerprint();
          const response = await route.request(testApp.anonymous, fixtures.own);
          expect(response.status).toBe(401);
          expect(response.headers.get('content-type')).toBe('application/problem+json');
          expect(await databaseFingerprint()).toBe(before);
        });
      });
    }
  });
