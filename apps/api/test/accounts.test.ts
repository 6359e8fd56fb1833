import type { DocumentDetail, DocumentPage, ImportResult, ProjectSummary } from '@attest/core';
import { apiKeys, assignments, documents } from '@attest/db';
import { testEngines } from '@attest/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAddressHeader } from '../src/auth/create-auth.ts';
import { assertStrongSecret, resolveSecret } from '../src/auth/secret.ts';
import {
  addMember,
  createTestApp,
  expectProblem,
  jsonRequest,
  signIn,
  type TestApp,
  TestUser,
  testPassword,
} from './helpers.ts';

let testApp: TestApp;

// The same assertions on both engines: PGlite, and PostgreSQL when DATABASE_URL is set.
for (const engine of testEngines())
  describe(`accounts on ${engine}`, () => {
    beforeAll(async () => {
      testApp = await createTestApp({}, engine);
    });
    afterAll(async () => {
      await testApp?.database.destroy();
    });

    describe('first run', () => {
      it('is closed once the first account exists, and nobody signs up over HTTP', async () => {
        expect(await (await testApp.anonymous.request('/api/setup')).json()).toEqual({ needsSetup: false });
        await expectProblem(
          await testApp.anonymous.json('POST', '/api/setup', {
            name: 'Late',
            email: 'late@example.org',
            password: testPassword,
          }),
          409,
        );
        const signUp = await testApp.anonymous.json('POST', '/api/auth/sign-up/email', {
          name: 'Mallory',
          email: 'mallory@example.org',
          password: testPassword,
        });
        await expectProblem(signUp, 403);
      });

      it('says who is signed in on /api/session, with 200 and null for nobody', async () => {
        const signedOut = await testApp.anonymous.request('/api/session');
        expect(signedOut.status).toBe(200);
        expect(await signedOut.json()).toEqual({ needsSetup: false, me: null });
        const signedIn = (await (await testApp.owner.request('/api/session')).json()) as {
          needsSetup: boolean;
          me: { user: { email: string }; memberships: { projectSlug: string; role: string }[] } | null;
        };
        expect(signedIn.needsSetup).toBe(false);
        expect(signedIn.me?.user.email).toBe('owner@example.org');
        expect(signedIn.me?.memberships).toContainEqual({ projectSlug: 'demo', role: 'owner' });
      });

      it('makes the first account owner of the demo project, with a HttpOnly SameSite=Lax session cookie', async () => {
        const projects = (await (await testApp.owner.request('/api/projects')).json()) as {
          items: ProjectSummary[];
        };
        expect(projects.items.map((project) => [project.slug, project.role])).toEqual([['demo', 'owner']]);
        const signedIn = await testApp.anonymous.json('POST', '/api/auth/sign-in/email', {
          email: 'owner@example.org',
          password: testPassword,
        });
        const cookie = signedIn.headers
          .getSetCookie()
          .find((value) => value.startsWith('attest.session_token'));
        expect(cookie).toMatch(/HttpOnly/i);
        expect(cookie).toMatch(/SameSite=Lax/i);
      });

      it('has no default account', async () => {
        for (const [email, password] of [
          ['admin@example.org', 'admin'],
          ['admin', 'password'],
          ['owner@example.org', 'password123456'],
        ]) {
          const response = await testApp.anonymous.json('POST', '/api/auth/sign-in/email', {
            email,
            password,
          });
          expect(response.status).toBeGreaterThanOrEqual(400);
        }
      });
    });

    describe('signing in', () => {
      it('rate-limits login attempts per client address', async () => {
        const attempt = () =>
          testApp.anonymous.json(
            'POST',
            '/api/auth/sign-in/email',
            { email: 'owner@example.org', password: 'wrong password 1' },
            { [clientAddressHeader]: '203.0.113.9' },
          );
        const statuses: number[] = [];
        for (let index = 0; index < 7; index++) statuses.push((await attempt()).status);
        expect(statuses.slice(0, 5).every((status) => status === 401)).toBe(true);
        const limited = await attempt();
        // The standard header, which clients and proxies read, in whole seconds.
        const retryAfter = limited.headers.get('retry-after');
        expect(retryAfter).toMatch(/^\d+$/);
        expect(Number(retryAfter)).toBeGreaterThan(0);
        expect(Number(retryAfter)).toBeLessThanOrEqual(60);
        const problem = await expectProblem(limited, 429);
        expect(problem.detail).toContain(`wait ${retryAfter} seconds`);
      });

      it('signs out and changes passwords', async () => {
        const rita = await addMember(testApp, 'demo', 'reviewer', 'Pat Password');
        const changed = await rita.json('POST', '/api/auth/change-password', {
          currentPassword: testPassword,
          newPassword: 'a brand new password',
        });
        expect(changed.status).toBe(200);
        await expect(signIn(testApp, rita.email)).rejects.toThrow();
        const again = await signIn(testApp, rita.email, 'a brand new password');
        expect((await again.request('/api/me')).status).toBe(200);
        expect((await again.request('/api/auth/sign-out', { method: 'POST' })).status).toBe(200);
        expect((await again.request('/api/me')).status).toBe(401);
      });

      it("ends the user's other sessions at once when the password changes with revokeOtherSessions", async () => {
        const sam = await addMember(testApp, 'demo', 'analyst', 'Sam Sessions');
        const laptop = await signIn(testApp, sam.email);
        const phone = await signIn(testApp, sam.email);
        // Both sessions have just been looked up, so a cache of sessions would hold them.
        expect((await laptop.request('/api/me')).status).toBe(200);
        expect((await phone.request('/api/me')).status).toBe(200);
        const changed = await laptop.json('POST', '/api/auth/change-password', {
          currentPassword: testPassword,
          newPassword: 'another new password',
          revokeOtherSessions: true,
        });
        expect(changed.status).toBe(200);
        expect((await phone.request('/api/me')).status).toBe(401);
        expect((await sam.request('/api/me')).status).toBe(401);
      });
    });

    describe('cross-site requests', () => {
      it('refuses cookie-authenticated writes from a foreign Origin, changing nothing', async () => {
        const before = (await (await testApp.owner.request('/api/projects/demo')).json()) as { name: string };
        const response = await testApp.owner.request('/api/projects/demo', {
          ...jsonRequest('PATCH', { name: 'Hijacked' }),
          headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        });
        const problem = await expectProblem(response, 403);
        expect(problem.detail).toContain('evil.example');
        const after = (await (await testApp.owner.request('/api/projects/demo')).json()) as { name: string };
        expect(after.name).toBe(before.name);
      });
    });

    describe('invitations', () => {
      it('lets a teammate join through a one-time link, and refuses the link afterwards', async () => {
        const invite = (await (
          await testApp.owner.json('POST', '/api/projects/demo/invites', { role: 'analyst' })
        ).json()) as {
          token: string;
          path: string;
        };
        expect(invite.path).toBe(`/invite/${invite.token}`);
        const description = await testApp.anonymous.request(`/api/invites/${invite.token}`);
        expect(await description.json()).toMatchObject({ projectSlug: 'demo', role: 'analyst' });

        const accepted = await testApp.anonymous.json('POST', `/api/invites/${invite.token}/accept`, {
          name: 'Ivy Invited',
          email: 'ivy@example.org',
          password: testPassword,
        });
        expect(accepted.status).toBe(200);
        const ivy = new TestUser(testApp.app, 'ivy@example.org', cookieOf(accepted));
        const me = (await (await ivy.request('/api/me')).json()) as {
          memberships: { projectSlug: string; role: string }[];
        };
        expect(me.memberships).toEqual([{ projectSlug: 'demo', role: 'analyst' }]);

        await expectProblem(await testApp.anonymous.request(`/api/invites/${invite.token}`), 410);
        await expectProblem(
          await testApp.anonymous.json('POST', `/api/invites/${invite.token}/accept`, {
            name: 'Second',
            email: 'second@example.org',
            password: testPassword,
          }),
          410,
        );
      });
    });

    describe('API tokens', () => {
      it('reach only the projects they were made for, are stored hashed, and stop working when revoked', async () => {
        await testApp.owner.json('POST', '/api/projects', { slug: 'side-project', name: 'Side project' });
        const created = (await (
          await testApp.owner.json('POST', '/api/tokens', { name: 'cli', projects: ['side-project'] })
        ).json()) as { id: string; token: string };
        expect(created.token).toMatch(/^attest_/);

        const [stored] = await testApp.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
        expect(stored?.key).not.toContain(created.token);
        const listed = await (await testApp.owner.request('/api/tokens')).text();
        expect(listed).not.toContain(created.token);
        expect(listed).not.toContain(stored!.key);

        const bearer = { authorization: `Bearer ${created.token}` };
        const projects = (await (await testApp.app.request('/api/projects', { headers: bearer })).json()) as {
          items: ProjectSummary[];
        };
        expect(projects.items.map((project) => project.slug)).toEqual(['side-project']);
        await expectProblem(await testApp.app.request('/api/projects/demo', { headers: bearer }), 404);
        const imported = await testApp.app.request('/api/projects/side-project/documents', {
          ...jsonRequest('POST', { body: 'Token imports work. They need no cookie.' }),
          headers: { ...bearer, 'content-type': 'application/json', origin: 'https://anywhere.example' },
        });
        expect(imported.status).toBe(201);

        expect((await testApp.owner.request(`/api/tokens/${created.id}`, { method: 'DELETE' })).status).toBe(
          204,
        );
        await expectProblem(await testApp.app.request('/api/projects', { headers: bearer }), 401);
        await expectProblem(
          await testApp.app.request('/api/projects', { headers: { authorization: 'Bearer nonsense' } }),
          401,
        );
      });
    });

    describe('assignments and blind annotation', () => {
      it('spreads each document to two analysts, shows analysts only their queue, and keeps their labels apart', async () => {
        await testApp.owner.json('POST', '/api/projects', { slug: 'blind', name: 'Blind study' });
        const analysts = [
          await addMember(testApp, 'blind', 'analyst', 'Ada One'),
          await addMember(testApp, 'blind', 'analyst', 'Ben Two'),
          await addMember(testApp, 'blind', 'analyst', 'Cy Three'),
        ];
        const reviewer = await addMember(testApp, 'blind', 'reviewer', 'Rae Review');
        const documentIds: string[] = [];
        for (let index = 0; index < 6; index++) {
          const response = await testApp.owner.json('POST', '/api/projects/blind/documents', {
            body: `Blind headline ${index}\n\nThe ministry reported figure ${index}. It gave no details.\n`,
          });
          documentIds.push(((await response.json()) as ImportResult).document.id);
        }
        const rows = await testApp.database.db
          .select({ documentId: assignments.documentId, userId: assignments.userId })
          .from(assignments)
          .innerJoin(documents, eq(documents.id, assignments.documentId));
        const perDocument = documentIds.map((id) => rows.filter((row) => row.documentId === id).length);
        expect(perDocument).toEqual([2, 2, 2, 2, 2, 2]);
        const perAnalyst = new Map<string, number>();
        for (const row of rows.filter((candidate) => documentIds.includes(candidate.documentId))) {
          perAnalyst.set(row.userId, (perAnalyst.get(row.userId) ?? 0) + 1);
        }
        expect([...perAnalyst.values()]).toEqual([4, 4, 4]);

        const [ada, ben] = analysts as [TestUser, TestUser, TestUser];
        const adaQueue = (await (await ada.request('/api/projects/blind/documents')).json()) as DocumentPage;
        expect(adaQueue.items).toHaveLength(4);
        const benQueue = (await (await ben.request('/api/projects/blind/documents')).json()) as DocumentPage;
        const shared = adaQueue.items.find((item) => benQueue.items.some((other) => other.id === item.id))!;
        const next = (await (await ada.request('/api/projects/blind/next-document')).json()) as {
          documentId: string;
        };
        expect(adaQueue.items.map((item) => item.id)).toContain(next.documentId);

        const notAssigned = documentIds.find((id) => !adaQueue.items.some((item) => item.id === id))!;
        await expectProblem(await ada.request(`/api/documents/${notAssigned}`), 404);

        const detail = (await (await ada.request(`/api/documents/${shared.id}`)).json()) as DocumentDetail;
        const sentence = detail.sentences.find((candidate) => candidate.kind === 'sentence')!;
        expect(
          (await ada.json('PUT', `/api/sentences/${sentence.id}/annotation`, { label: 'kcna_claim' })).status,
        ).toBe(200);
        expect(
          (await ben.json('PUT', `/api/sentences/${sentence.id}/annotation`, { label: 'reported_fact' }))
            .status,
        ).toBe(200);

        // Analysts may not change the shared segmentation unless an owner allows it; the answer
        // is the same whether or not Ben labelled there, so it reveals nothing of his work.
        const merge = await ada.request(`/api/sentences/${sentence.id}/merge-next`, { method: 'POST' });
        expect((await expectProblem(merge, 403)).detail).toContain('owners and reviewers');

        const benView = (await (await ben.request(`/api/documents/${shared.id}`)).json()) as DocumentDetail;
        expect(benView.annotations.map((annotation) => annotation.label)).toEqual(['reported_fact']);
        expect(JSON.stringify(benView.annotations)).not.toContain('kcna_claim');
        await expectProblem(await ben.request(`/api/documents/${shared.id}/review`), 403);
        const benHistory = (await (await ben.request(`/api/sentences/${sentence.id}/history`)).json()) as {
          items: { after: { label: string } | null }[];
        };
        expect(benHistory.items.map((event) => event.after?.label)).toEqual(['reported_fact']);

        const review = (await (await reviewer.request(`/api/documents/${shared.id}/review`)).json()) as {
          annotations: { annotatorName: string; label: string }[];
        };
        expect(review.annotations.map((annotation) => [annotation.annotatorName, annotation.label])).toEqual([
          ['Ada One', 'kcna_claim'],
          ['Ben Two', 'reported_fact'],
        ]);
        const adaDone = (await (await ada.request('/api/projects/blind/documents')).json()) as DocumentPage;
        expect(adaDone.items.find((item) => item.id === shared.id)?.status).toBe('in_progress');
      });
    });

    describe('the session secret', () => {
      it('refuses weak secrets and requires one for a database server', async () => {
        expect(() => assertStrongSecret('changeme')).toThrow(/32/);
        expect(() => assertStrongSecret('a'.repeat(40))).toThrow();
        expect(() => assertStrongSecret('Jx8q2LmN5vR1tY7wZ3bC9dF4gH6kP0sQ')).not.toThrow();
        await expect(
          resolveSecret({ configuredSecret: undefined, isEmbedded: false, dataDir: '/tmp' }),
        ).rejects.toThrow(/ATTEST_SECRET/);
      });
    });
  });

function cookieOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
