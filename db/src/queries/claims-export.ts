// The `claims` export: a project's claims with every occurrence, a page of claims at a time
// (keyset on the claim id), each occurrence with its gold label and status by the rule of
// queries/gold.ts, as the dataset exports give them. Exports are for owners and reviewers, who
// see every label; archived documents are left out, as from every export.
import { sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import type { ClaimLinkEvidence, ClaimLinkTier } from '../schema/claims.ts';
import { goldColumns } from '../sql/gold.ts';
import { rowsOf } from '../sql/rows.ts';

export interface ClaimExportParams {
  projectId: string;
  /** Only the claims carried by these documents (all their occurrences are listed). */
  documentIds?: readonly string[] | undefined;
  /** Only the claims carried by a document published within these bounds, inclusive. */
  publishedFrom?: Date | undefined;
  publishedTo?: Date | undefined;
  /** Claims after this id; none: from the first. */
  afterClaimId?: string | undefined;
  /** Claims in the page. */
  limit: number;
}

export interface ClaimExportRow {
  claim_id: string;
  link_id: string;
  tier: ClaimLinkTier;
  score: number;
  attribution: string;
  evidence: ClaimLinkEvidence;
  document_id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published_at: string | Date | null;
  sentence_id: string;
  position: number;
  kind: string;
  start: number;
  end: number;
  text: string;
  gold: string | null;
  status: string;
}

/** One page of claims, as their occurrences in claim order, then publication order. */
export async function listClaimExportRows(
  db: Executor,
  params: ClaimExportParams,
): Promise<ClaimExportRow[]> {
  const carriedBy = [sql`d.archived_at is null`];
  if (params.documentIds)
    carriedBy.push(
      params.documentIds.length === 0
        ? sql`false`
        : sql`d.id in (${sql.join(
            params.documentIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
  if (params.publishedFrom) carriedBy.push(sql`d.published_at >= ${params.publishedFrom.toISOString()}`);
  if (params.publishedTo) carriedBy.push(sql`d.published_at <= ${params.publishedTo.toISOString()}`);
  return rowsOf<ClaimExportRow>(
    db,
    sql`with page as (
        select c.id from claims c
        where c.project_id = ${params.projectId}
          ${params.afterClaimId ? sql`and c.id > ${params.afterClaimId}::uuid` : sql``}
          and exists (
            select 1 from claim_links k join documents d on d.id = k.document_id
            where k.claim_id = c.id and ${sql.join(carriedBy, sql` and `)})
        order by c.id
        limit ${params.limit}
      )
      select cl.claim_id, cl.id as link_id, cl.tier, cl.score, cl.attribution, cl.evidence,
        d.id as document_id, d.title, d.outlet, d.url, d.published_at,
        s.id as sentence_id, s.position, s.kind, s.start, s."end", s.text,
        ${goldColumns(sql`adjudicated.key`)}
      from page
      join claim_links cl on cl.claim_id = page.id
      join sentences s on s.id = cl.sentence_id
      join documents d on d.id = cl.document_id
      left join lateral (
        select l.key from adjudications a join labels l on l.id = a.label_id where a.sentence_id = s.id
      ) adjudicated on true
      left join lateral (
        select count(*)::int as annotation_count, count(distinct an.label_id)::int as distinct_labels,
          min(l.key) as only_label
        from annotations an join labels l on l.id = an.label_id
        where an.sentence_id = s.id
      ) labelled on true
      where d.archived_at is null
      order by cl.claim_id, d.published_at asc nulls last, d.created_at, s.position`,
  );
}
