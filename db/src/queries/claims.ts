// Claims across documents: candidate sentences from the trigram index, the links the linker
// writes, and the claims and occurrences the API shows. Every read is scoped by project, and
// by the viewer's assignments and own labels when the viewer is an analyst.
import type { ClaimAttribution, Suggestion } from '@attest/core';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import {
  type ClaimLinkEvidence,
  type ClaimLinkTier,
  claimLinkRejections,
  claimLinks,
  claims,
  type NewClaimLinkRow,
} from '../schema/claims.ts';
import { documents, sentences } from '../schema/documents.ts';
import { projects } from '../schema/projects.ts';
import { errorCodesOf, sqlState } from '../sql/error-codes.ts';
import { rowsOf } from '../sql/rows.ts';
import { type DocumentScope, documentInProject } from '../sql/scope.ts';

/**
 * Trigram similarity of claim texts below which a sentence is not a candidate. Low on purpose:
 * the scorer decides; the floor only drops sentences that share next to nothing.
 */
export const claimCandidateSimilarity = 0.1;
/**
 * Candidates kept per sentence, most similar first. On the claim-links development events, 12
 * put 86% of the gold pairs among the candidates and 20 put 90% (30: 92%).
 */
export const claimCandidatesPerSentence = 20;
/**
 * How many of the project's sentences a sentence's candidate query may read: its words are looked
 * up rarest first while their counts add up to no more than this, so the query's cost is bounded
 * however large the project grows, and a word as common as a campaign's name is passed over in
 * favour of the rarer words a claim is recognised by (docs/claims.md, *Scale*).
 */
export const claimCandidateReach = 1000;
/**
 * Days between two articles' publication beyond which their sentences are not candidates: a
 * claim is relayed within days, and an article about another engine test months later reads
 * much the same. Articles without a publication date are compared with every other.
 */
export const claimWindowDays = 30;

/** A sentence's link to a claim as the linker reads it: the claim and the clauses that carry it. */
export interface SentenceClaimLink {
  claim: string;
  /** Absent for links written before clauses were kept (the whole sentence). */
  clauses: number[] | null;
  /** A person confirmed it (the linker never moves it). */
  isConfirmed: boolean;
}

export interface LinkableSentence {
  id: string;
  text: string;
  claimText: string | null;
  suggestion: Suggestion | null;
  /** The claims it is in, none to several. */
  links: SentenceClaimLink[];
}

/** A sentence's links as one JSON array (`SentenceClaimLink[]`), empty when it is in no claim. */
const linksOfSentence = (sentenceId: ReturnType<typeof sql>) =>
  sql`coalesce((select json_agg(json_build_object('claim', l.claim_id, 'clauses', l.evidence->'clauses',
    'isConfirmed', l.tier = 'confirmed')
    order by l.created_at, l.claim_id) from claim_links l where l.sentence_id = ${sentenceId}), '[]'::json)`;

/**
 * Holds the document (`for share`) while the linker reads and links it. Taken before any of its
 * sentence rows, as a split, merge or deletion takes the document first: they wait for each
 * other instead of deadlocking (a deletion that met the linker half-way was refused with a 500).
 * False when the document is gone.
 */
export async function lockDocumentForLinking(db: Executor, params: DocumentScope): Promise<boolean> {
  const found = await db
    .select({ id: documents.id })
    .from(documents)
    .where(and(eq(documents.id, params.documentId), eq(documents.projectId, params.projectId)))
    .for('share');
  return found.length > 0;
}

/** A document's sentences that can carry a claim (not boilerplate), with the claims they are in. */
export async function findLinkableSentences(
  db: Executor,
  params: DocumentScope,
): Promise<LinkableSentence[]> {
  return db
    .select({
      id: sentences.id,
      text: sentences.text,
      claimText: sentences.claimText,
      suggestion: sentences.suggestion,
      links: sql<SentenceClaimLink[]>`${linksOfSentence(sql`${sentences.id}`)}`,
    })
    .from(sentences)
    .where(
      and(
        eq(sentences.documentId, params.documentId),
        sql`${sentences.kind} <> 'boilerplate'`,
        documentInProject(params),
      ),
    )
    .orderBy(sentences.position);
}

const claimTextBatch = 2000;

/**
 * Stores the claim texts (`claimText` of @attest/core) and with them the claim keys the candidate
 * query looks sentences up by, and counts the keys, of sentences of the project the linker read
 * just before (`findLinkableSentences`, `findSentencesWithoutClaimText`) under the project's
 * linking lock, the one writer of its key counts. A scope would cost a join per batch of a
 * project's re-link; a sentence whose keys are written already is left as it is.
 */
export async function writeClaimTexts(
  db: Executor,
  { projectId, rows }: { projectId: string; rows: readonly { id: string; claimText: string }[] },
): Promise<void> {
  // In batches: a statement takes at most 65,535 parameters.
  for (let from = 0; from < rows.length; from += claimTextBatch) {
    const values = sql.join(
      rows.slice(from, from + claimTextBatch).map((row) => sql`(${row.id}::uuid, ${row.claimText})`),
      sql`, `,
    );
    // Keys in order, so two writers of one project's counts (never at once: see above) could not
    // deadlock on them either.
    await db.execute(
      sql`with written as (
          update sentences set claim_text = v.claim_text, claim_keys = claim_keys_of(${projectId}::uuid, v.claim_text)
          from (values ${values}) as v(id, claim_text)
          where sentences.id = v.id and sentences.claim_keys is null
          returning sentences.claim_keys)
        insert into claim_key_counts (project_id, key, sentences)
        select ${projectId}::uuid, k.key, count(*) from written, unnest(written.claim_keys) as k(key)
        group by k.key order by k.key
        on conflict (project_id, key) do update set sentences = claim_key_counts.sentences + excluded.sentences`,
    );
  }
}

/**
 * Fresh planner statistics of the tables linking reads and writes: ANALYZE in the caller's
 * transaction, which samples that transaction's own rows. Its lock is held to the transaction's
 * end and another ANALYZE of the tables (another project's re-link, autovacuum's) waits for it,
 * so it waits at most `claimStatisticsLockWait` itself and is skipped (false) when it would wait
 * longer: statistics a little older only cost speed.
 */
export async function refreshClaimStatistics(db: Executor): Promise<boolean> {
  try {
    await db.transaction(async (savepoint) => {
      const [previous] = await rowsOf<{ wait: string }>(
        savepoint,
        sql`select current_setting('lock_timeout') as wait, set_config('lock_timeout', ${claimStatisticsLockWait}, true)`,
      );
      await savepoint.execute(sql`analyze claims, claim_links, claim_key_counts`);
      // A setting made in a savepoint outlives it: the caller's other statements wait as before.
      await savepoint.execute(sql`select set_config('lock_timeout', ${previous?.wait ?? '0'}, true)`);
    });
    return true;
  } catch (error) {
    if (errorCodesOf(error).includes(sqlState.lockNotAvailable)) return false;
    throw error;
  }
}

const claimStatisticsLockWait = '200ms';

/**
 * Counts the project's claim keys again from its sentences: what a re-link starts from, so the
 * sentences deleted or re-segmented since the last one no longer count.
 */
export async function recountClaimKeys(db: Executor, { projectId }: { projectId: string }): Promise<void> {
  await db.execute(sql`delete from claim_key_counts where project_id = ${projectId}`);
  await db.execute(sql`insert into claim_key_counts (project_id, key, sentences)
    select ${projectId}::uuid, k.key, count(*)
    from sentences s join documents d on d.id = s.document_id, unnest(s.claim_keys) as k(key)
    where d.project_id = ${projectId}
    group by k.key`);
}

/** A project's linkable sentences whose claim text is not written yet (imported before it existed). */
export async function findSentencesWithoutClaimText(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<{ id: string; text: string }[]> {
  return db
    .select({ id: sentences.id, text: sentences.text })
    .from(sentences)
    .innerJoin(documents, eq(documents.id, sentences.documentId))
    .where(
      and(
        eq(documents.projectId, projectId),
        sql`${sentences.kind} <> 'boilerplate'`,
        sql`${sentences.claimText} is null`,
      ),
    );
}

export interface ClaimCandidateRow {
  sentence_id: string;
  candidate_id: string;
  candidate_document_id: string;
  candidate_text: string;
  candidate_suggestion: Suggestion | null;
  /** The claims the candidate is in. */
  links: SentenceClaimLink[];
}

/** A sentence of the document being linked, with the claim text it is compared by. */
export interface SentenceClaimText {
  id: string;
  claimText: string;
}

/**
 * For each given sentence of the document, the most similar sentences of the project's other
 * documents published within `claimWindowDays` of it. Found by words: the sentence's claim keys
 * (its claim text's words), rarest in the project first while their counts stay within
 * `claimCandidateReach`, looked up in the GIN index of claim keys; those sentences are ranked by
 * trigram similarity of claim texts (the words the scorer compares), above a floor. A
 * nearest-neighbour scan of a trigram index did this before and read far into the index on
 * varied text, where a sentence's nearest are not near (docs/claims.md, *Scale*). The claim texts
 * come as values, so the linker asks before it writes the document's own.
 */
export async function findClaimCandidates(
  db: Executor,
  { projectId, documentId, sentences }: DocumentScope & { sentences: readonly SentenceClaimText[] },
): Promise<ClaimCandidateRow[]> {
  if (sentences.length === 0) return [];
  // JIT compiled the statement's expressions for 0.2 s of a 0.8 s query (PostgreSQL 15, 60
  // sentences of a real article). SET LOCAL needs a transaction: inside a re-link's it holds to
  // that transaction's end, which only spares the re-link's other statements the same.
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`set local jit = off`);
    const found: ClaimCandidateRow[] = [];
    // In batches: a statement takes at most 65,535 parameters.
    for (let from = 0; from < sentences.length; from += claimTextBatch) {
      found.push(
        ...(await findBatchCandidates(
          transaction,
          projectId,
          documentId,
          sentences.slice(from, from + claimTextBatch),
        )),
      );
    }
    return found;
  });
}

async function findBatchCandidates(
  db: Executor,
  projectId: string,
  documentId: string,
  sentences: readonly SentenceClaimText[],
): Promise<ClaimCandidateRow[]> {
  const values = sql.join(
    sentences.map((row) => sql`(${row.id}::uuid, ${row.claimText})`),
    sql`, `,
  );
  return rowsOf<ClaimCandidateRow>(
    db,
    sql`with n as (select * from (values ${values}) as v(id, claim_text)),
          counted as (
            select n.id, k.key, sum(kc.sentences) over (partition by n.id order by kc.sentences, k.key) as reach
            from n, unnest(claim_keys_of(${projectId}::uuid, n.claim_text)) as k(key)
            join claim_key_counts kc on kc.project_id = ${projectId} and kc.key = k.key),
          looked_up as (
            select id, array_agg(key) as keys from counted where reach <= ${claimCandidateReach} group by id),
          -- Once for the document: joined per sentence, the window's documents were hashed again
          -- for each of its sentences, a cost that grew with the project.
          window_documents as materialized (
            select d.id from documents d join documents nd on nd.id = ${documentId} and nd.project_id = ${projectId}
            where d.project_id = ${projectId} and d.id <> nd.id
              and (d.published_at is null or nd.published_at is null
                or abs(extract(epoch from d.published_at - nd.published_at)) <= ${claimWindowDays * 86_400})),
          ranked as (
            select n.id as sentence_id, s.id, s.document_id, s.text, s.suggestion,
              similarity(s.claim_text, n.claim_text) as similarity,
              row_number() over (partition by n.id order by similarity(s.claim_text, n.claim_text) desc, s.id) as rank
            from n join looked_up using (id)
            join sentences s on s.claim_keys && looked_up.keys
            where s.kind <> 'boilerplate' and s.document_id in (select id from window_documents))
          select r.sentence_id, r.id as candidate_id, r.document_id as candidate_document_id,
            r.text as candidate_text, r.suggestion as candidate_suggestion, ${linksOfSentence(sql`r.id`)} as links
          from ranked r
          where r.rank <= ${claimCandidatesPerSentence} and r.similarity >= ${claimCandidateSimilarity}`,
  );
}

export interface ClaimMemberRow {
  claim_id: string;
  sentence_id: string;
  document_id: string;
  text: string;
  /** The clauses of the sentence that carry this claim; null when the link does not say. */
  clauses: number[] | null;
  is_confirmed: boolean;
}

/**
 * Members read per claim: enough to average over, bounded however many articles relay a claim.
 * 25 gave the same links on the development events (their claims are smaller) and pools of
 * 5,000–6,500 sentences on real political news, where a document's candidates sit in hundreds
 * of claims.
 */
export const claimMembersCompared = 10;

/**
 * The sentences of the given claims, the best-matched `claimMembersCompared` of each (in no
 * particular order): a new sentence is weighed against the claim, not only the part the index
 * returned. The index on (claim_id, score desc, sentence_id) reads those and no more, however
 * many sentences a claim has.
 */
export async function findClaimMembers(
  db: Executor,
  { projectId, claimIds }: { projectId: string; claimIds: readonly string[] },
): Promise<ClaimMemberRow[]> {
  if (claimIds.length === 0) return [];
  return rowsOf<ClaimMemberRow>(
    db,
    sql`select m.claim_id, m.sentence_id, m.document_id, s.text, m.clauses, m.is_confirmed
      from unnest(${sql.raw('array[')}${sql.join(
        claimIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}${sql.raw(']')}) as wanted(claim_id)
      cross join lateral (
        select cl.claim_id, cl.sentence_id, cl.document_id, cl.evidence->'clauses' as clauses,
          cl.tier = 'confirmed' as is_confirmed
        from claim_links cl
        where cl.claim_id = wanted.claim_id
        -- "nulls last" as the index has it, or the planner sorts (scores are never null).
        order by cl.score desc nulls last, cl.sentence_id
        limit ${claimMembersCompared}
      ) m
      join sentences s on s.id = m.sentence_id
      -- A subquery per claim, looked up by its key: as a join the planner hashed every claim of
      -- the project for each document, a cost that grew with the project.
      where (select c.project_id from claims c where c.id = wanted.claim_id) = ${projectId}`,
  );
}

/**
 * The sentences a person said are not one claim with each of `sentenceIds`, per sentence. The
 * ids are the linker's candidates, read in their project; rejections hold no project of their
 * own, so a scope would join two tables for every candidate.
 */
export async function findRejectedPartners(
  db: Executor,
  { sentenceIds }: { sentenceIds: readonly string[] },
): Promise<Map<string, Set<string>>> {
  const partners = new Map<string, Set<string>>();
  if (sentenceIds.length === 0) return partners;
  const rows = await db
    .select({ first: claimLinkRejections.sentenceId, second: claimLinkRejections.otherSentenceId })
    .from(claimLinkRejections)
    .where(
      sql`${inArray(claimLinkRejections.sentenceId, [...sentenceIds])} or ${inArray(claimLinkRejections.otherSentenceId, [...sentenceIds])}`,
    );
  const add = (from: string, to: string) => partners.set(from, (partners.get(from) ?? new Set()).add(to));
  for (const { first, second } of rows) {
    add(first, second);
    add(second, first);
  }
  return partners;
}

export async function insertClaim(db: Executor, { projectId }: { projectId: string }): Promise<string> {
  const [row] = await db.insert(claims).values({ projectId }).returning({ id: claims.id });
  if (!row) throw new Error('The claim was not created.');
  return row.id;
}

/** Adds links (between sentences the linker read in the claim's project); a link already there stays as it is. */
export async function insertClaimLinks(
  db: Executor,
  { links }: { links: readonly NewClaimLinkRow[] },
): Promise<void> {
  if (links.length === 0) return;
  await db
    .insert(claimLinks)
    .values([...links])
    .onConflictDoNothing({ target: [claimLinks.claimId, claimLinks.sentenceId] });
}

/**
 * Takes back suggested links the linker placed anew (a later document reopened their sentences),
 * before it writes the new ones; `deleteUnsharedClaims` with the same claims runs after those.
 * A link a person confirmed in the meantime stays.
 */
export async function deleteSuggestedLinks(
  db: Executor,
  { links }: { links: readonly { sentenceId: string; claimId: string }[] },
): Promise<void> {
  if (links.length === 0) return;
  const pairs = sql.join(
    links.map(({ sentenceId, claimId }) => sql`(${sentenceId}::uuid, ${claimId}::uuid)`),
    sql`, `,
  );
  await db.execute(sql`delete from claim_links cl using (values ${pairs}) as gone(sentence_id, claim_id)
    where cl.sentence_id = gone.sentence_id and cl.claim_id = gone.claim_id and cl.tier = 'suggested'`);
}

/** Drops a project's suggested links and the claims left with fewer than two documents. */
export async function clearSuggestedLinks(db: Executor, { projectId }: { projectId: string }): Promise<void> {
  await db.execute(sql`delete from claim_links cl using claims c
    where c.id = cl.claim_id and c.project_id = ${projectId} and cl.tier = 'suggested'`);
  await deleteUnsharedClaims(db, { projectId });
}

/**
 * A claim needs occurrences in two documents; fewer, and it is no claim, unless a person
 * confirmed one of its links: a re-link may bring the others back.
 */
export async function deleteUnsharedClaims(
  db: Executor,
  { projectId, claimIds }: { projectId: string; claimIds?: readonly string[] },
): Promise<void> {
  if (claimIds?.length === 0) return;
  const among = claimIds
    ? sql`and c.id in (${sql.join(
        claimIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  await db.execute(sql`delete from claims c where c.project_id = ${projectId} ${among}
    and (select count(distinct cl.document_id) from claim_links cl where cl.claim_id = c.id) < 2
    and not exists (select 1 from claim_links cl where cl.claim_id = c.id and cl.tier = 'confirmed')`);
}

export async function listProjectDocumentIds(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<string[]> {
  const rows = await db
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.projectId, projectId))
    .orderBy(sql`${documents.publishedAt} asc nulls last`, documents.createdAt, documents.id);
  return rows.map((row) => row.id);
}

export interface ClaimLinkFacts {
  id: string;
  claimId: string;
  sentenceId: string;
  documentId: string;
  projectId: string;
  projectSlug: string;
  tier: ClaimLinkTier;
}

/** A link with the project it belongs to: the lookup the access check starts from. */
export async function findClaimLink(
  db: Executor,
  { linkId }: { linkId: string },
): Promise<ClaimLinkFacts | undefined> {
  const [row] = await db
    .select({
      id: claimLinks.id,
      claimId: claimLinks.claimId,
      sentenceId: claimLinks.sentenceId,
      documentId: claimLinks.documentId,
      projectId: claims.projectId,
      projectSlug: projects.slug,
      tier: claimLinks.tier,
    })
    .from(claimLinks)
    .innerJoin(claims, eq(claims.id, claimLinks.claimId))
    .innerJoin(projects, eq(projects.id, claims.projectId))
    .where(eq(claimLinks.id, linkId));
  return row;
}

export async function confirmClaimLink(
  db: Executor,
  { projectId, linkId, userId }: { projectId: string; linkId: string; userId: string | null },
): Promise<void> {
  const projectClaims = db.select({ id: claims.id }).from(claims).where(eq(claims.projectId, projectId));
  await db
    .update(claimLinks)
    .set({ tier: 'confirmed', decidedBy: userId })
    .where(and(eq(claimLinks.id, linkId), inArray(claimLinks.claimId, projectClaims)));
}

/**
 * Removes one link (the sentence's other claims stay) and remembers that its sentence is not the
 * claim of the others: rejections are kept per pair of sentences. `link` is what `findClaimLink`
 * read, its project included.
 */
export async function rejectClaimLink(
  db: Executor,
  { link, userId }: { link: ClaimLinkFacts; userId: string | null },
): Promise<void> {
  await db.transaction(async (transaction) => {
    const others = await transaction
      .select({ sentenceId: claimLinks.sentenceId })
      .from(claimLinks)
      .where(and(eq(claimLinks.claimId, link.claimId), sql`${claimLinks.documentId} <> ${link.documentId}`));
    if (others.length > 0)
      await transaction
        .insert(claimLinkRejections)
        .values(
          others.map(({ sentenceId }) => {
            const [first, second] = [link.sentenceId, sentenceId].sort() as [string, string];
            return { sentenceId: first, otherSentenceId: second, rejectedBy: userId };
          }),
        )
        .onConflictDoNothing();
    await transaction.delete(claimLinks).where(eq(claimLinks.id, link.id));
    await deleteUnsharedClaims(transaction, { projectId: link.projectId });
  });
}

/** Who is looking: an analyst sees only assigned documents and only their own labels. */
export interface ClaimViewer {
  userId: string;
  seesEveryone: boolean;
}

export interface ClaimOccurrenceRow {
  link_id: string;
  claim_id: string;
  sentence_id: string;
  document_id: string;
  position: number;
  text: string;
  tier: ClaimLinkTier;
  score: number;
  attribution: ClaimAttribution;
  evidence: ClaimLinkEvidence;
  title: string;
  outlet: string | null;
  published_at: string | Date | null;
  imported_at: string | Date;
  label: string | null;
}

/**
 * The occurrences of the given claims the viewer may see, oldest publication first. The label
 * is the gold label (a reviewer's decision, else the label given most) for reviewers and
 * owners, and the viewer's own label for an analyst: a claim never shows a colleague's labels.
 */
export async function listClaimOccurrences(
  db: Executor,
  params: { projectId: string; viewer: ClaimViewer; claimIds?: readonly string[]; documentId?: string },
): Promise<ClaimOccurrenceRow[]> {
  const { projectId, viewer, ...scope } = params;
  const claimFilter = scope.claimIds
    ? scope.claimIds.length === 0
      ? sql`false`
      : sql`cl.claim_id in (${sql.join(
          scope.claimIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
    : scope.documentId
      ? sql`cl.claim_id in (select claim_id from claim_links where document_id = ${scope.documentId})`
      : sql`true`;
  const visible = viewer.seesEveryone
    ? sql`true`
    : sql`exists (select 1 from assignments a where a.document_id = d.id and a.user_id = ${viewer.userId})`;
  const label = viewer.seesEveryone
    ? sql`coalesce(
        (select l.key from adjudications a join labels l on l.id = a.label_id where a.sentence_id = s.id),
        (select l.key from annotations an join labels l on l.id = an.label_id where an.sentence_id = s.id
          group by l.key order by count(*) desc, l.key limit 1))`
    : sql`(select l.key from annotations an join labels l on l.id = an.label_id
          where an.sentence_id = s.id and an.annotator_id = ${viewer.userId})`;
  return rowsOf<ClaimOccurrenceRow>(
    db,
    sql`select cl.id as link_id, cl.claim_id, cl.sentence_id, cl.document_id, s.position, s.text, cl.tier,
        cl.score, cl.attribution, cl.evidence, d.title, d.outlet, d.published_at, d.created_at as imported_at,
        ${label} as label
      from claim_links cl
      join claims c on c.id = cl.claim_id
      join sentences s on s.id = cl.sentence_id
      join documents d on d.id = cl.document_id
      where c.project_id = ${projectId} and ${claimFilter} and ${visible}
      order by cl.claim_id, d.published_at asc nulls last, d.created_at, s.position`,
  );
}

export interface ClaimSummaryRow {
  claim_id: string;
  documents: number;
  outlets: number;
  occurrences: number;
  suggested: number;
  has_state_media: boolean;
  has_unattributed: boolean;
  first_published_at: string | Date | null;
}

/** How many of a project's sentences are linked into two claims or more. */
export async function countSentencesInSeveralClaims(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<number> {
  const [row] = await rowsOf<{ count: number }>(
    db,
    sql`select count(*)::int as count from (
        select cl.sentence_id from claim_links cl join claims c on c.id = cl.claim_id
        where c.project_id = ${projectId}
        group by cl.sentence_id having count(*) > 1
      ) several`,
  );
  return row?.count ?? 0;
}

/** Every claim of a project with its counts, most documents first. */
export async function listClaimSummaries(
  db: Executor,
  { projectId }: { projectId: string },
): Promise<ClaimSummaryRow[]> {
  return rowsOf<ClaimSummaryRow>(
    db,
    sql`select c.id as claim_id, count(distinct cl.document_id)::int as documents,
        count(distinct d.outlet)::int as outlets, count(*)::int as occurrences,
        count(*) filter (where cl.tier = 'suggested')::int as suggested,
        bool_or(cl.attribution = 'kcna') as has_state_media, bool_or(cl.attribution = 'none') as has_unattributed,
        min(d.published_at) as first_published_at
      from claims c join claim_links cl on cl.claim_id = c.id join documents d on d.id = cl.document_id
      where c.project_id = ${projectId}
      group by c.id
      order by count(distinct cl.document_id) desc, min(d.published_at) asc nulls last, c.id`,
  );
}
