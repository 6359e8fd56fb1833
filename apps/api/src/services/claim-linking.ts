// Linking a document's sentences into the project's claims: candidates from the claim-key index,
// the decision from the core scorer and linker (`linkIntoClaims`: the average linkage of
// `attest link`). Runs after an import, one document at a time in the background (claim-linker.ts),
// and for a whole project on demand (confirmed links and rejections survive a re-link).
import {
  type ClaimPlacement,
  claimAttributionOf,
  claimText,
  type PooledLink,
  type PooledSentence,
  type RelinkSummary,
  type Suggestion,
} from '@attest/core';
import {
  clearSuggestedLinks,
  countSentencesInSeveralClaims,
  type Database,
  deleteSuggestedLinks,
  deleteUnsharedClaims,
  type Executor,
  findClaimCandidates,
  findClaimMembers,
  findLinkableSentences,
  findRejectedPartners,
  findSentencesWithoutClaimText,
  insertClaim,
  insertClaimLinks,
  listClaimSummaries,
  listProjectDocumentIds,
  lockDocumentForLinking,
  lockProjectLinking,
  type NewClaimLinkRow,
  recountClaimKeys,
  refreshClaimStatistics,
  removeFromLinkQueue,
  type SentenceClaimLink,
  writeClaimTexts,
} from '@attest/db';
import { type ClaimPlacer, placeHere } from './claim-placement/place.ts';
import { inLinkingTurn } from './linking-turns.ts';
import { ensureSuggestions } from './suggestion-filler.ts';

const pooledLink = ({ claim, clauses, isConfirmed }: SentenceClaimLink): PooledLink => ({
  claim,
  clauses: clauses ?? undefined,
  isConfirmed,
});

const attributionOf = (suggestion: Suggestion | null) =>
  suggestion ? claimAttributionOf(suggestion) : 'none';

/** Runs the write phase: in the caller's transaction, or in one of its own. */
export type LinkWriter = <Result>(write: (transaction: Executor) => Promise<Result>) => Promise<Result>;

const inCallersTransaction =
  (db: Executor | Database): LinkWriter =>
  (write) =>
    write(db);

/** How often a document changed by a split or merge while it was being placed is read again. */
const placementAttempts = 3;

/**
 * Links one document's sentences against everything else in its project, in three phases: the
 * reads, the placement (`place` runs the scorer: in this thread by default, in a worker thread
 * for the background linker) and the writes. Only the writes hold the document (see
 * `lockDocumentForLinking`): a split, merge or deletion of a long document waits for them, not
 * for the seconds of scoring before; `write` gives them a transaction of their own where the
 * caller holds none. A document split or merged during the placement is read and placed again.
 */
export async function linkDocumentIntoClaims(
  db: Executor | Database,
  projectId: string,
  documentId: string,
  place: ClaimPlacer = placeHere,
  write: LinkWriter = inCallersTransaction(db),
): Promise<void> {
  // Each occurrence keeps the attribution of its suggestion, which an import leaves to the
  // filler; the candidates come from linked documents, whose suggestions were ensured so.
  await ensureSuggestions(db, [documentId]);
  for (let attempt = 1; attempt <= placementAttempts; attempt++) {
    const placement = await readAndPlace(db, projectId, documentId, place);
    const outcome = await write((transaction) =>
      writePlacement(transaction, projectId, documentId, placement),
    );
    if (outcome !== 'changed') return;
  }
  throw new Error(
    `document ${documentId} kept changing while it was being linked; it waits for the next sweep`,
  );
}

interface Placement {
  /** The document's linkable sentences as read, in order: the writes check they are still these. */
  sentenceIds: string[];
  claimTexts: { id: string; claimText: string }[];
  placed: ClaimPlacement;
  pool: Map<string, PooledSentence>;
  suggestionOf: Map<string, Suggestion | null>;
}

async function readAndPlace(
  db: Executor | Database,
  projectId: string,
  documentId: string,
  place: ClaimPlacer,
): Promise<Placement> {
  const sentences = await findLinkableSentences(db, { projectId, documentId });
  const texts = sentences.map((sentence) => ({
    id: sentence.id,
    claimText: sentence.claimText ?? claimText(sentence.text),
  }));
  const placement: Placement = {
    sentenceIds: sentences.map((sentence) => sentence.id),
    claimTexts: texts.filter((_, index) => sentences[index]!.claimText === null),
    placed: { placed: [], released: [] },
    pool: new Map(),
    suggestionOf: new Map(),
  };
  const unlinked = sentences.filter((sentence) => sentence.links.length === 0);
  if (unlinked.length === 0) return placement;
  // Asked before this document's claim texts join the index (see findClaimCandidates).
  const candidateRows = await findClaimCandidates(db, { projectId, documentId, sentences: texts });
  if (candidateRows.length === 0) return placement;
  const rejected = await findRejectedPartners(db, { sentenceIds: unlinked.map((sentence) => sentence.id) });
  const rejectedPairs = new Set(
    [...rejected].flatMap(([sentenceId, partners]) =>
      [...partners].map((partner) => `${sentenceId}|${partner}`),
    ),
  );

  // The pool: this document's sentences, the candidates, and the members of the candidates'
  // claims, so a sentence is weighed against a whole claim, not the part the index returned.
  const { pool, suggestionOf } = placement;
  for (const sentence of sentences) {
    pool.set(sentence.id, {
      key: sentence.id,
      document: documentId,
      text: sentence.text,
      links: sentence.links.map(pooledLink),
      isNew: sentence.links.length === 0,
    });
    suggestionOf.set(sentence.id, sentence.suggestion);
  }
  /** Adds a sentence of another document once, with every link it was read with. */
  const addEarlier = (key: string, document: string, text: string, links: readonly SentenceClaimLink[]) => {
    const known = pool.get(key);
    const pooled = known ?? { key, document, text, links: [], isNew: false };
    const claims = new Set(pooled.links.map((link) => link.claim));
    const added = links.filter((link) => !claims.has(link.claim)).map(pooledLink);
    if (!known || added.length > 0) pool.set(key, { ...pooled, links: [...pooled.links, ...added] });
  };
  for (const row of candidateRows) {
    addEarlier(row.candidate_id, row.candidate_document_id, row.candidate_text, row.links);
    suggestionOf.set(row.candidate_id, row.candidate_suggestion);
  }
  const claimIds = new Set(
    [...pool.values()].flatMap((sentence) => sentence.links.map((link) => link.claim)),
  );
  for (const member of await findClaimMembers(db, { projectId, claimIds: [...claimIds] }))
    addEarlier(member.sentence_id, member.document_id, member.text, [
      { claim: member.claim_id, clauses: member.clauses, isConfirmed: member.is_confirmed },
    ]);
  placement.placed = await place([...pool.values()], rejectedPairs);
  return placement;
}

async function writePlacement(
  db: Executor,
  projectId: string,
  documentId: string,
  { sentenceIds, claimTexts, placed, pool, suggestionOf }: Placement,
): Promise<'written' | 'gone' | 'changed'> {
  if (!(await lockDocumentForLinking(db, { projectId, documentId }))) return 'gone';
  const now = await findLinkableSentences(db, { projectId, documentId });
  if (now.length !== sentenceIds.length || now.some((sentence, index) => sentence.id !== sentenceIds[index]))
    return 'changed';
  await writeClaimTexts(db, { projectId, rows: claimTexts });
  // Links of earlier sentences this document reopened and placed elsewhere (or anew) go first;
  // a claim they leave in one document is dropped once the new links are in.
  const released = placed.released.map(({ key, claim }) => ({ sentenceId: key, claimId: claim }));
  await deleteSuggestedLinks(db, { links: released });
  const newClaims = new Map<number, string>();
  const links: NewClaimLinkRow[] = [];
  for (const sentence of placed.placed) {
    let claimId = sentence.claim ?? newClaims.get(sentence.group);
    if (!claimId) {
      claimId = await insertClaim(db, { projectId });
      newClaims.set(sentence.group, claimId);
    }
    const { match } = sentence;
    links.push({
      claimId,
      sentenceId: sentence.key,
      documentId: pool.get(sentence.key)?.document ?? documentId,
      score: sentence.score,
      attribution: attributionOf(suggestionOf.get(sentence.key) ?? null),
      evidence: {
        matchedWords: match.matchedWords,
        numbers: match.numbers,
        entities: match.entities,
        matchedSentenceId: match.partner,
        clauses: sentence.clauses,
      },
    });
  }
  await insertClaimLinks(db, { links });
  await deleteUnsharedClaims(db, { projectId, claimIds: [...new Set(released.map((link) => link.claimId))] });
  return 'written';
}

/**
 * Re-links a whole project document by document; confirmed links and rejections stay. One
 * transaction under the project's linking lock: it waits for the background linker's document
 * and keeps it out until done, takes the waiting documents off the queue (it links them too),
 * and readers see the old links until the new ones are complete.
 */
export async function relinkProject(
  db: Database,
  projectId: string,
  options: RelinkOptions = {},
): Promise<RelinkSummary> {
  // The turn keeps out an embedded database's linker, which holds no lock in the database.
  const summary = await inLinkingTurn(projectId, true, () =>
    db.transaction(async (transaction: Executor) => {
      await lockProjectLinking(transaction, { projectId, wait: true });
      return relinkLocked(transaction, projectId, options);
    }),
  );
  if (!summary) throw new Error('a waiting linking turn always runs');
  return summary;
}

export interface RelinkOptions {
  /** Told how many of the project's documents are linked: 0 once they are listed, then after each. */
  onProgress?: (linked: number, total: number) => void;
}

/**
 * Documents a re-link links before it first refreshes the claim tables' planner statistics; each
 * later refresh waits until `relinkStatisticsGrowth` times as many are linked: the statistics stay
 * within that factor of the links there are, in 10 refreshes for 10,000 documents. One every 250
 * documents made 40, each reading more of the growing tables (up to the 30,000 pages ANALYZE
 * samples): 11 ms a document by the third tenth of 10,000.
 */
const relinkStatisticsFirst = 250;
const relinkStatisticsGrowth = 1.5;

async function relinkLocked(
  db: Executor,
  projectId: string,
  { onProgress }: RelinkOptions,
): Promise<RelinkSummary> {
  await clearSuggestedLinks(db, { projectId });
  // Sentences imported before claim texts existed join the candidate index here; the key counts
  // start again from the sentences there are (deleted and re-segmented ones counted no more).
  const withoutClaimText = await findSentencesWithoutClaimText(db, { projectId });
  await writeClaimTexts(db, {
    projectId,
    rows: withoutClaimText.map((sentence) => ({ id: sentence.id, claimText: claimText(sentence.text) })),
  });
  await recountClaimKeys(db, { projectId });
  const documentIds = await listProjectDocumentIds(db, { projectId });
  onProgress?.(0, documentIds.length);
  let nextStatistics = relinkStatisticsFirst;
  for (const [index, documentId] of documentIds.entries()) {
    // The re-link's links are written in its one transaction, where autovacuum never counts
    // them: the planner would go on taking the links it reads per candidate for the few there
    // were at the start (ANALYZE in the transaction samples its own rows).
    if (index === nextStatistics) {
      await refreshClaimStatistics(db);
      nextStatistics = Math.ceil(index * relinkStatisticsGrowth);
    }
    await linkDocumentIntoClaims(db, projectId, documentId);
    onProgress?.(index + 1, documentIds.length);
  }
  // A document imported since the list was read is not in it, and stays queued.
  await removeFromLinkQueue(db, { projectId, documentIds });
  const summaries = await listClaimSummaries(db, { projectId });
  return {
    documents: documentIds.length,
    claims: summaries.length,
    suggestedLinks: summaries.reduce((total, claim) => total + claim.suggested, 0),
    confirmedLinks: summaries.reduce((total, claim) => total + claim.occurrences - claim.suggested, 0),
    attributionDropped: summaries.filter((claim) => claim.has_state_media && claim.has_unattributed).length,
    sentencesInSeveralClaims: await countSentencesInSeveralClaims(db, { projectId }),
  };
}
