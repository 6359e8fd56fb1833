// Claims as the API shows them, under the project's rules: an analyst sees the occurrences in
// documents assigned to them and only their own labels; reviewers and owners see everything
// and decide on links.
import {
  type Claim,
  type ClaimLinking,
  type ClaimOccurrence,
  type RelinkSummary,
  summarizeClaims,
} from '@attest/core';
import {
  type ClaimOccurrenceRow,
  confirmClaimLink,
  countDocumentsWaitingForLinking,
  type Database,
  findClaimLink,
  listClaimOccurrences,
  rejectClaimLink,
} from '@attest/db';
import { NotFoundError } from '../errors.ts';
import { managers, requireDocument, requireProject, seesEveryone } from './access.ts';
import { type RelinkOptions, relinkProject } from './claim-linking.ts';
import type { ServiceContext } from './context.ts';

const isoDate = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

function toOccurrence(row: ClaimOccurrenceRow): ClaimOccurrence {
  return {
    linkId: row.link_id,
    sentenceId: row.sentence_id,
    documentId: row.document_id,
    position: row.position,
    text: row.text,
    title: row.title,
    outlet: row.outlet,
    publishedAt: isoDate(row.published_at),
    tier: row.tier,
    score: row.score,
    attribution: row.attribution,
    label: row.label,
    matchedWords: row.evidence.matchedWords,
    numbers: row.evidence.numbers,
  };
}

function claimsFrom(rows: readonly ClaimOccurrenceRow[]): Claim[] {
  const byClaim = new Map<string, ClaimOccurrence[]>();
  for (const row of rows)
    byClaim.set(row.claim_id, [...(byClaim.get(row.claim_id) ?? []), toOccurrence(row)]);
  return summarizeClaims(byClaim);
}

export interface ClaimList {
  claims: Claim[];
  linking: ClaimLinking;
}

export async function listProjectClaims(context: ServiceContext, slug: string): Promise<ClaimList> {
  const { project, role } = await requireProject(context, slug);
  // Counted first: a document linked between the two reads is then in the claims and still
  // counted as waiting, never the other way round.
  const waitingDocuments = await countDocumentsWaitingForLinking(context.db, { projectId: project.id });
  const rows = await listClaimOccurrences(context.db, {
    projectId: project.id,
    viewer: viewer(context, role),
  });
  return {
    claims: claimsFrom(rows).sort((a, b) => b.documentCount - a.documentCount),
    linking: { waitingDocuments },
  };
}

/** How many of the project's documents wait for the background claim linker. */
export async function getClaimLinking(context: ServiceContext, slug: string): Promise<ClaimLinking> {
  const { project } = await requireProject(context, slug);
  return { waitingDocuments: await countDocumentsWaitingForLinking(context.db, { projectId: project.id }) };
}

export async function getProjectClaim(
  context: ServiceContext,
  slug: string,
  claimId: string,
): Promise<Claim> {
  const { project, role } = await requireProject(context, slug);
  const [claim] = claimsFrom(
    await listClaimOccurrences(context.db, {
      projectId: project.id,
      viewer: viewer(context, role),
      claimIds: [claimId],
    }),
  );
  if (!claim)
    throw new NotFoundError(
      'Claim',
      'There is no claim with this identifier in this project that you can see.',
    );
  return claim;
}

/** The claims the document's sentences belong to, for the editor. */
export async function listDocumentClaims(context: ServiceContext, documentId: string): Promise<ClaimList> {
  const { projectId, role } = await requireDocument(context, documentId);
  const waitingDocuments = await countDocumentsWaitingForLinking(context.db, { projectId });
  return {
    claims: claimsFrom(
      await listClaimOccurrences(context.db, { projectId, viewer: viewer(context, role), documentId }),
    ),
    linking: { waitingDocuments },
  };
}

export async function decideClaimLink(
  context: ServiceContext,
  linkId: string,
  decision: 'confirm' | 'reject',
): Promise<void> {
  const link = await findClaimLink(context.db, { linkId });
  if (!link) throw new NotFoundError('Claim link');
  // Whoever may not see the project gets 404 as for a missing link; analysts get 403.
  await requireProject(context, link.projectSlug, managers, 'confirm or reject claim links').catch(
    (error) => {
      throw error instanceof NotFoundError ? new NotFoundError('Claim link') : error;
    },
  );
  const actor = context.isOperator ? null : context.userId;
  if (decision === 'confirm')
    await confirmClaimLink(context.db, { projectId: link.projectId, linkId, userId: actor });
  else await rejectClaimLink(context.db, { link, userId: actor });
}

export async function relinkProjectClaims(
  context: ServiceContext,
  slug: string,
  options: RelinkOptions = {},
): Promise<RelinkSummary> {
  const { project } = await requireProject(context, slug, managers, 'link claims');
  return relinkProject(context.db as Database, project.id, options);
}

function viewer(context: ServiceContext, role: Parameters<typeof seesEveryone>[0]) {
  return { userId: context.userId, seesEveryone: seesEveryone(role) };
}
