// The account rules of docs/accounts.md: passwords only for new accounts, tokens only inside
// their projects, a project never without an owner, one account per invitation.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { apiKeys, invites, projectMembers, users } from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { and, count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { clientAddressHeader } from '../src/auth/create-auth.ts';
import { publicUrlOf, readEnvironment } from '../src/env.ts';
import {
  addMember,
  createTestApp,
  expectProblem,
  signIn,
  type TestApp,
  TestUser,
  testPassword,
} from './helpers.ts';

let testApp: TestApp;

async function createProject(user: TestUser, slug: string): Promise<string> {
  const created = await user.json('POST', '/api/projects', { slug, name: `Project ${slug}` });
  expect(created.status, await created.clone().text()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function roleIn(projectId: string, userId: string): Promise<string | undefined> {
  const [row] = await testApp.database.db
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  return row?.role;
}

async function userIdOf(user: TestUser): Promise<string> {
  return ((await (await user.request('/api/me')).json()) as { user: { id: string } }).user.id;
}

async function createInvite(owner: TestUser, slug: string, role: string): Promise<string> {
  const response = await owner.json('POST', `/api/projects/${slug}/invites`, { role });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

async function accountCount(): Promise<number> {
  const [row] = await testApp.database.db.select({ total: count() }).from(users);
  return row?.total ?? 0;
}

for (const engine of testEngines())
  describe(`account rules on ${engine}`, () => {
    beforeAll(async () => {
      testApp = await createTestApp({}, engine);
    }, 60_000);
    afterAll(async () => {
      await testApp?.database.destroy();
    });

    describe('adding a member with a password', () => {
      it("creates new accounts only: another owner's password never opens a project, and the refusal names nobody", async () => {
        // Owner B has a project of their own and adds the victim there with B's password.
        const ownerB = await addMember(testApp, 'demo', 'reviewer', 'Bea Other');
        const projectB = await createProject(ownerB, 'b-project');
        const added = await ownerB.json('POST', '/api/projects/b-project/members', {
          name: 'Victor Victim',
          email: 'victim@example.org',
          password: 'password chosen by owner B',
          role: 'analyst',
        });
        expect(added.status).toBe(201);

        // Owner A, who knows nothing of B, adds the same e-mail with A's own password.
        const projectA = await createProject(testApp.owner, 'a-project');
        const membersBefore = await (await testApp.owner.request('/api/projects/a-project/members')).text();
        const refused = await testApp.owner.json('POST', '/api/projects/a-project/members', {
          name: 'Victim as A knows them',
          email: 'Victim@Example.org',
          password: 'password chosen by owner A',
          role: 'owner',
        });
        const problem = await expectProblem(refused, 409);
        expect(problem.type).toBe('/problems/use-invite');
        expect(problem.detail).toContain('invitation link');
        expect(JSON.stringify(problem)).not.toMatch(/Victor|b-project|Bea/);
        expect(await (await testApp.owner.request('/api/projects/a-project/members')).text()).toBe(
          membersBefore,
        );

        // B's password reads nothing of project A; A's password opens nothing.
        const victim = await signIn(testApp, 'victim@example.org', 'password chosen by owner B');
        await expectProblem(await victim.request('/api/projects/a-project'), 404);
        await expect(signIn(testApp, 'victim@example.org', 'password chosen by owner A')).rejects.toThrow();
        expect(await roleIn(projectA, await userIdOf(victim))).toBeUndefined();
        expect(await roleIn(projectB, await userIdOf(victim))).toBe('analyst');

        // An e-mail already in this very project gets the same answer: the refusal tells nothing.
        const again = await expectProblem(
          await testApp.owner.json('POST', '/api/projects/a-project/members', {
            name: 'Olivia again',
            email: 'owner@example.org',
            password: 'another password of A',
            role: 'analyst',
          }),
          409,
        );
        expect(again).toEqual(problem);
        expect(await roleIn(projectA, await userIdOf(testApp.owner))).toBe('owner');
      });
    });

    describe('API tokens', () => {
      let token: string;
      let tokenId: string;
      let otherTokenId: string;
      const bearer = () => ({ authorization: `Bearer ${token}` });

      beforeAll(async () => {
        await createProject(testApp.owner, 'scoped');
        await createProject(testApp.owner, 'elsewhere');
        const created = (await (
          await testApp.owner.json('POST', '/api/tokens', { name: 'scoped', projects: ['scoped'] })
        ).json()) as { id: string; token: string };
        token = created.token;
        tokenId = created.id;
        otherTokenId = (
          (await (
            await testApp.owner.json('POST', '/api/tokens', { name: 'other', projects: ['elsewhere'] })
          ).json()) as { id: string }
        ).id;
      });

      it('act inside their projects', async () => {
        expect((await testApp.app.request('/api/projects/scoped', { headers: bearer() })).status).toBe(200);
      });

      it('neither list, create nor revoke tokens', async () => {
        const asToken = (path: string, init: RequestInit = {}) =>
          testApp.app.request(path, {
            ...init,
            headers: { ...bearer(), 'content-type': 'application/json' },
          });
        expect((await expectProblem(await asToken('/api/tokens'), 403)).type).toBe(
          '/problems/token-out-of-scope',
        );
        await expectProblem(
          await asToken('/api/tokens', {
            method: 'POST',
            body: JSON.stringify({ name: 'wider', projects: ['elsewhere'] }),
          }),
          403,
        );
        await expectProblem(await asToken(`/api/tokens/${otherTokenId}`, { method: 'DELETE' }), 403);
        await expectProblem(await asToken(`/api/tokens/${tokenId}`, { method: 'DELETE' }), 403);
        const left = await testApp.database.db.select({ id: apiKeys.id }).from(apiKeys);
        expect(left.map((row) => row.id)).toEqual(expect.arrayContaining([tokenId, otherTokenId]));
      });

      it('neither accept invitations nor create projects', async () => {
        const inviteToken = await createInvite(testApp.owner, 'elsewhere', 'owner');
        const accepted = await testApp.app.request(`/api/invites/${inviteToken}/accept`, {
          method: 'POST',
          headers: { ...bearer(), 'content-type': 'application/json' },
          body: '{}',
        });
        await expectProblem(accepted, 403);
        expect((await testApp.anonymous.request(`/api/invites/${inviteToken}`)).status).toBe(200);
        const [open] = await testApp.database.db
          .select({ usedAt: invites.usedAt })
          .from(invites)
          .where(eq(invites.role, 'owner'));
        expect(open?.usedAt).toBeNull();

        const project = await testApp.app.request('/api/projects', {
          method: 'POST',
          headers: { ...bearer(), 'content-type': 'application/json' },
          body: JSON.stringify({ slug: 'from-token', name: 'From a token' }),
        });
        await expectProblem(project, 403);
        const slugs = (
          (await (await testApp.owner.request('/api/projects')).json()) as {
            items: { slug: string }[];
          }
        ).items.map((item) => item.slug);
        expect(slugs).not.toContain('from-token');
      });

      it('reach none of the account routes under /api/auth', async () => {
        for (const [method, path, body] of [
          [
            'POST',
            '/api/auth/change-password',
            { currentPassword: 'x'.repeat(12), newPassword: 'y'.repeat(12) },
          ],
          ['GET', '/api/auth/get-session', undefined],
          ['POST', '/api/auth/sign-out', {}],
          ['GET', '/api/auth/api-key/list', undefined],
        ] as const) {
          const response = await testApp.app.request(path, {
            method,
            headers: { ...bearer(), 'content-type': 'application/json' },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
          await expectProblem(response, 403);
        }
      });

      it("cannot be widened through the library's own routes, even by their owner", async () => {
        const [before] = await testApp.database.db.select().from(apiKeys).where(eq(apiKeys.id, tokenId));
        const elsewhere = (await (await testApp.owner.request('/api/projects/elsewhere')).json()) as {
          id: string;
        };
        const update = await testApp.owner.json('POST', '/api/auth/api-key/update', {
          keyId: tokenId,
          metadata: { projectIds: [elsewhere.id] },
        });
        await expectProblem(update, 403);
        for (const [path, body] of [
          ['/api/auth/api-key/create', { name: 'unscoped' }],
          ['/api/auth/api-key/delete', { keyId: otherTokenId }],
        ] as const)
          await expectProblem(await testApp.owner.json('POST', path, body), 403);
        await expectProblem(await testApp.owner.request('/api/auth/api-key/list'), 403);
        await expectProblem(await testApp.owner.request(`/api/auth/api-key/get?id=${tokenId}`), 403);

        const [after] = await testApp.database.db.select().from(apiKeys).where(eq(apiKeys.id, tokenId));
        expect(after?.metadata).toBe(before?.metadata);
        await expectProblem(await testApp.app.request('/api/projects/elsewhere', { headers: bearer() }), 404);
        expect(await testApp.database.db.select({ total: count() }).from(apiKeys)).toEqual([{ total: 2 }]);
      });
    });

    describe('the last owner', () => {
      it('cannot be demoted by accepting an invitation to their own project; the invitation stays open', async () => {
        const soleOwner = await addMember(testApp, 'demo', 'analyst', 'Sole Owner');
        const projectId = await createProject(soleOwner, 'sole');
        const inviteToken = await createInvite(soleOwner, 'sole', 'analyst');
        const problem = await expectProblem(
          await soleOwner.json('POST', `/api/invites/${inviteToken}/accept`, {}),
          409,
        );
        expect(problem.type).toBe('/problems/last-owner');
        expect(problem.detail).toContain('without an owner');
        expect(await roleIn(projectId, await userIdOf(soleOwner))).toBe('owner');
        expect((await testApp.anonymous.request(`/api/invites/${inviteToken}`)).status).toBe(200);
      });

      it('cannot change their own role or leave', async () => {
        const soleOwner = await addMember(testApp, 'demo', 'analyst', 'Lone Owner');
        const projectId = await createProject(soleOwner, 'lone');
        const userId = await userIdOf(soleOwner);
        const demoted = await soleOwner.json('PATCH', `/api/projects/lone/members/${userId}`, {
          role: 'reviewer',
        });
        expect((await expectProblem(demoted, 409)).type).toBe('/problems/last-owner');
        await expectProblem(
          await soleOwner.request(`/api/projects/lone/members/${userId}`, { method: 'DELETE' }),
          409,
        );
        expect(await roleIn(projectId, userId)).toBe('owner');
      });

      it('may hand over once another owner exists', async () => {
        const first = await addMember(testApp, 'demo', 'analyst', 'Hand Over');
        const projectId = await createProject(first, 'handover');
        const second = await addMember(testApp, 'demo', 'analyst', 'Take Over');
        const inviteToken = await createInvite(first, 'handover', 'owner');
        expect((await second.json('POST', `/api/invites/${inviteToken}/accept`, {})).status).toBe(200);
        const userId = await userIdOf(first);
        expect(
          (await first.json('PATCH', `/api/projects/handover/members/${userId}`, { role: 'analyst' })).status,
        ).toBe(204);
        expect(await roleIn(projectId, userId)).toBe('analyst');
      });
    });

    describe('accepting an invitation', () => {
      it('creates one account when eight people accept the same link at once', async () => {
        const inviteToken = await createInvite(testApp.owner, 'demo', 'analyst');
        const before = await accountCount();
        const responses = await Promise.all(
          Array.from({ length: 8 }, (_, index) =>
            testApp.anonymous.json('POST', `/api/invites/${inviteToken}/accept`, {
              name: `Racer ${index}`,
              email: `racer.${index}@example.org`,
              password: 'a racing password',
            }),
          ),
        );
        const statuses = responses.map((response) => response.status).sort();
        expect(statuses).toEqual([200, 410, 410, 410, 410, 410, 410, 410]);
        for (const response of responses.filter((candidate) => candidate.status === 410))
          await expectProblem(response, 410);
        expect(await accountCount()).toBe(before + 1);
        const racers = await testApp.database.db
          .select({ email: users.email, usedAt: invites.usedAt })
          .from(users)
          .leftJoin(invites, eq(invites.usedBy, users.id))
          .where(like(users.email, 'racer.%'));
        expect(racers).toHaveLength(1);
        expect(racers[0]?.usedAt).toBeInstanceOf(Date);
      });

      it('gives the link back when the account cannot be created', async () => {
        const inviteToken = await createInvite(testApp.owner, 'demo', 'analyst');
        const taken = await testApp.anonymous.json('POST', `/api/invites/${inviteToken}/accept`, {
          name: 'Taken',
          email: 'owner@example.org',
          password: 'a long enough password',
        });
        await expectProblem(taken, 409);
        const accepted = await testApp.anonymous.json('POST', `/api/invites/${inviteToken}/accept`, {
          name: 'Second Try',
          email: 'second.try@example.org',
          password: 'a long enough password',
        });
        expect(accepted.status).toBe(200);
      });
    });

    describe('docs/accounts.md', () => {
      it('states the number of analysts per document a new project gets', async () => {
        const docs = await readFile(new URL('../../../docs/accounts.md', import.meta.url), 'utf8');
        const stated = /Analysts per document\*\* \(N, (\d+) by default/.exec(docs)?.[1];
        const created = await testApp.owner.json('POST', '/api/projects', {
          slug: 'defaults',
          name: 'Defaults',
        });
        const project = (await created.json()) as { annotatorsPerDocument: number };
        expect(Number(stated)).toBe(project.annotatorsPerDocument);
      });
    });

    describe('the public URL', () => {
      async function signInAt(publicUrl: string, requestOrigin: string) {
        const app = createApp({
          db: testApp.database.db,
          secret: randomBytes(32).toString('base64url'),
          logError: () => {},
          publicUrl,
        });
        const response = await app.request(`${requestOrigin}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            origin: requestOrigin,
            [clientAddressHeader]: `192.0.2.${Math.floor(Math.random() * 200) + 1}`,
          },
          body: JSON.stringify({ email: 'owner@example.org', password: testPassword }),
        });
        expect(response.status, await response.clone().text()).toBe(200);
        const cookie = response.headers.getSetCookie().find((value) => value.includes('session_token'));
        return { app, cookie: cookie ?? '' };
      }

      it('makes the session cookie Secure and __Secure- only for an https public URL', async () => {
        const secure = await signInAt('https://attest.example.org', 'https://attest.example.org');
        expect(secure.cookie).toMatch(/^__Secure-attest\.session_token=/);
        expect(secure.cookie).toMatch(/;\s*Secure/i);

        const plain = await signInAt('http://192.0.2.10:3000', 'http://192.0.2.10:3000');
        expect(plain.cookie).toMatch(/^attest\.session_token=/);
        expect(plain.cookie).not.toMatch(/Secure/i);
        expect(plain.cookie).toMatch(/HttpOnly/i);
        expect(plain.cookie).toMatch(/SameSite=Lax/i);
      });

      it('keeps a plain-http sign-in on another host signed in, for reads and cookie writes', async () => {
        const origin = 'http://attest.lan:3000';
        const { app, cookie } = await signInAt('http://192.0.2.10:3000', origin);
        const user = new TestUser(app, 'owner@example.org', cookie.split(';')[0] ?? '');
        const headers = { origin };
        expect((await user.request(`${origin}/api/me`, { headers })).status).toBe(200);
        const signOut = await user.request(`${origin}/api/auth/sign-out`, { method: 'POST', headers });
        expect(signOut.status, await signOut.clone().text()).toBe(200);
      });

      it('is read from ATTEST_PUBLIC_URL, else from the address the server listens on', () => {
        expect(publicUrlOf(readEnvironment({ ATTEST_PUBLIC_URL: 'https://attest.example.org/' }))).toBe(
          'https://attest.example.org',
        );
        expect(publicUrlOf(readEnvironment({}))).toBe('http://127.0.0.1:3000');
        expect(publicUrlOf(readEnvironment({ HOST: '0.0.0.0', PORT: '8080' }))).toBe('http://127.0.0.1:8080');
        expect(publicUrlOf(readEnvironment({ HOST: 'attest.lan' }))).toBe('http://attest.lan:3000');
        expect(() => readEnvironment({ ATTEST_PUBLIC_URL: 'ftp://attest.example.org' })).toThrow(
          /ATTEST_PUBLIC_URL/,
        );
      });
    });
  });
