// Accounts for the end-to-end tests: the owner made on the first run, and teammates added to a
// project by that owner, each signed in through a browser context of their own.
import path from 'node:path';
import type { ProjectRole } from '@attest/core';
import { type APIRequestContext, type Browser, type BrowserContext, expect } from '@playwright/test';
import { e2ePort, e2eRoot } from './environment.ts';

/** The first account, created by the setup project; it owns the demo project. */
export const owner = {
  name: 'Olivia Owner',
  email: 'owner@attest.test',
  password: 'owner-password-1',
} as const;

/** The owner's signed-in browser state, written by the setup project and used by every spec. */
export const ownerStorageState = path.join(e2eRoot, '.data', `owner-${e2ePort}.json`);

export interface Teammate {
  userId: string;
  name: string;
  email: string;
  password: string;
  role: ProjectRole;
  /** A browser context signed in as this teammate; close it when the test ends. */
  context: BrowserContext;
}

let teammateCount = 0;

/** A unique project slug for a test that wants a project of its own. */
export function uniqueSlug(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${(teammateCount++).toString(36)}`;
}

/** Creates a project as the signed-in caller of `request` (who becomes its owner). */
export async function createProject(
  request: APIRequestContext,
  project: { slug: string; name: string; annotatorsPerDocument?: number },
): Promise<void> {
  const response = await request.post('/api/projects', { data: project });
  expect(response.status(), await response.text()).toBe(201);
}

/**
 * Adds a teammate to a project as its owner (`ownerRequest` must be signed in as an owner),
 * then signs them in in a new browser context. Signing in goes through an invitation link
 * accepted by the new account, not /api/auth/sign-in: the server allows only five sign-ins per
 * address a minute, and every test runs from 127.0.0.1.
 */
export async function addTeammate(
  browser: Browser,
  ownerRequest: APIRequestContext,
  slug: string,
  role: ProjectRole,
  name: string,
): Promise<Teammate> {
  const email = `${name.toLowerCase().replaceAll(/[^a-z0-9]+/g, '.')}.${Date.now().toString(36)}${teammateCount++}@attest.test`;
  const password = `${role}-password-${teammateCount}`;
  const invite = await ownerRequest.post(`/api/projects/${slug}/invites`, { data: { role } });
  expect(invite.status(), await invite.text()).toBe(201);
  const { token } = (await invite.json()) as { token: string };

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const accepted = await context.request.post(`/api/invites/${token}/accept`, {
    data: { name, email, password },
  });
  expect(accepted.status(), await accepted.text()).toBe(200);
  const me = (await (await context.request.get('/api/me')).json()) as { user: { id: string } };
  return { userId: me.user.id, name, email, password, role, context };
}
