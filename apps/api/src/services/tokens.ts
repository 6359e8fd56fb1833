// API tokens for the CLI and scripts. better-auth generates and hashes them; the token is
// shown once, at creation, and only its first characters are kept for recognition.

import { deleteApiKey, listApiKeys, listMemberships } from '@attest/db';
import type { Auth } from '../auth/create-auth.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { ServiceContext } from './context.ts';

export interface TokenSummary {
  id: string;
  name: string;
  start: string | null;
  projects: string[];
  createdAt: string;
  expiresAt: string | null;
}

export async function listTokens(context: ServiceContext): Promise<TokenSummary[]> {
  const memberships = await listMemberships(context.db, { userId: context.userId });
  const slugById = new Map(memberships.map((membership) => [membership.projectId, membership.projectSlug]));
  const rows = await listApiKeys(context.db, { userId: context.userId });
  return rows.map((row) => ({
    id: row.id,
    name: row.name ?? '',
    start: row.start,
    projects: projectIdsOf(row.metadata).flatMap((id) => slugById.get(id) ?? []),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
  }));
}

export async function createToken(
  auth: Auth,
  context: ServiceContext,
  input: { name: string; projects: string[]; expiresInDays?: number | undefined },
): Promise<TokenSummary & { token: string }> {
  if (context.tokenProjectIds)
    throw new ForbiddenError('Create tokens while signed in, not with another token.');
  const memberships = await listMemberships(context.db, { userId: context.userId });
  const idBySlug = new Map(memberships.map((membership) => [membership.projectSlug, membership.projectId]));
  const unknown = input.projects.filter((slug) => !idBySlug.has(slug));
  if (unknown.length > 0) {
    throw new NotFoundError('Project', `There is no project "${unknown.join('", "')}" you are a member of.`);
  }
  const created = await auth.api.createApiKey({
    body: {
      name: input.name,
      userId: context.userId,
      metadata: { projectIds: input.projects.map((slug) => idBySlug.get(slug)) },
      expiresIn: input.expiresInDays ? input.expiresInDays * 24 * 60 * 60 : null,
    },
  });
  return {
    id: created.id,
    name: created.name ?? input.name,
    start: created.start ?? null,
    projects: input.projects,
    createdAt: new Date(created.createdAt).toISOString(),
    expiresAt: created.expiresAt ? new Date(created.expiresAt).toISOString() : null,
    token: created.key,
  };
}

export async function revokeToken(context: ServiceContext, tokenId: string): Promise<void> {
  if (!(await deleteApiKey(context.db, { userId: context.userId, tokenId })))
    throw new NotFoundError('Token');
}

function projectIdsOf(metadata: string | null): string[] {
  if (!metadata) return [];
  try {
    let parsed: unknown = JSON.parse(metadata);
    // Older library versions stored the metadata JSON twice stringified.
    if (typeof parsed === 'string') parsed = JSON.parse(parsed);
    const ids = (parsed as { projectIds?: unknown }).projectIds;
    return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
