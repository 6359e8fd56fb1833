// Linking a document's sentences into the project's claims: candidates from the trigram index,
// the decision from the core scorer and linker (`linkIntoClaims`: the average linkage of
// `attest link`). Runs after an import, one document at a time in the background (claim-linker.ts),
// and for a whole project on demand (confirmed links and rejections survive a re-link).
import {
  claimAttributionOf,
  claimText,
  type PooledSentence,
  type RelinkSummary,
  type Suggestion,
} from '@attest/core';
import {
  clearSuggestedLinks,
  type Database,
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
  lockProjectLinking,
  type NewClaimLinkRow,
  removeFromLinkQueue,
  writeClaimTexts,
} from '@attest/db';
import { type ClaimPlacer, placeHere } from './claim-placement/place.ts';

const attributionOf = (suggestion: Suggestion | null) =>
  suggestion ? claimAttributionOf(suggestion) : 'none';

/**
 * Links one document's sentences against everything else in its project. `place` runs the
 * scorer: in this thread by default, in a worker thread for the background linker.
 */
export async function linkDocumentIntoClaims(
  db: Executor | Database,
  projectId: string,
  documentId: string,
  place: ClaimPlacer = placeHere,
): Promise<void> {
  const sentences = await findLinkableSentences(db, { projectId, documentId });
  // The candidate index reads claim texts: write this document's before asking it.
  await writeClaimTexts(db, {
    rows: sentences.flatMap((sentence) =>
      sentence.claimText === null ? [{ id: sentence.id, claimText: claimText(sentence.text) }] : [],
    ),
  });
  const unlinked = sentences.filter((sentence) => !sentence.claimId);
  if (unlinked.length === 0) return;
  const candidateRows = await findClaimCandidates(db, { projectId, documentId });
  if (candidateRows.length === 0) return;
  const rejected = await findRejectedPartners(db, { sentenceIds: unlinked.map((sentence) => sentence.id) });
  const rejectedPairs = new Set(
    [...rejected].flatMap(([sentenceId, partners]) =>
      [...partners].map((partner) => `${sentenceId}|${partner}`),
    ),
  );

  // The pool: this document's sentences, the candidates, and the members of the candidates'
  // claims, so a sentence is weighed against a whole claim, not the part the index returned.
  const pool = new Map<string, PooledSentence>();
  const suggestionOf = new Map<string, Suggestion | null>();
  for (const sentence of sentences) {
    pool.set(sentence.id, {
      key: sentence.id,
      document: documentId,
      text: sentence.text,
      claim: sentence.claimId,
      isNew: !sentence.claimId,
    });
    suggestionOf.set(sentence.id, sentence.suggestion);
  }
  /** Adds a sentence of another document, once. */
  const addEarlier = (key: string, document: string, text: string, claim: string | null) => {
    if (!pool.has(key)) pool.set(key, { key, document, text, claim, isNew: false });
  };
  for (const row of candidateRows) {
    addEarlier(row.candidate_id, row.candidate_document_id, row.candidate_text, row.claim_id);
    suggestionOf.set(row.candidate_id, row.candidate_suggestion);
  }
  const claimIds = new Set(
    [...pool.values()].flatMap((sentence) => (sentence.claim ? [sentence.claim] : [])),
  );
  for (const member of await findClaimMembers(db, { projectId, claimIds: [...claimIds] }))
    addEarlier(member.sentence_id, member.document_id, member.text, member.claim_id);
  const newClaims = new Map<number, string>();
  const links: NewClaimLinkRow[] = [];
  for (const placed of await place([...pool.values()], rejectedPairs)) {
    let claimId = placed.claim ?? newClaims.get(placed.group);
    if (!claimId) {
      claimId = await insertClaim(db, { projectId });
      newClaims.set(placed.group, claimId);
    }
    const { match } = placed;
    links.push({
      claimId,
      sentenceId: placed.key,
      documentId: pool.get(placed.key)?.document ?? documentId,
      score: placed.score,
      attribution: attributionOf(suggestionOf.get(placed.key) ?? null),
      evidence: {
        matchedWords: match.matchedWords,
        numbers: match.numbers,
        entities: match.entities,
        matchedSentenceId: match.partner,
      },
    });
  }
  await insertClaimLinks(db, { links });
}

/**
 * Re-links a whole project document by document; confirmed links and rejections stay. One
 * transaction under the project's linking lock: it waits for the background linker's document
 * and keeps it out until done, takes the waiting documents off the queue (it links them too),
 * and readers see the old links until the new ones are complete.
 */
export function relinkProject(db: Database, projectId: string): Promise<RelinkSummary> {
  return db.transaction(async (transaction: Executor) => {
    await lockProjectLinking(transaction, { projectId, wait: true });
    return relinkLocked(transaction, projectId);
  });
}

async function relinkLocked(db: Executor, projectId: string): Promise<RelinkSummary> {
  await clearSuggestedLinks(db, { projectId });
  // Sentences imported before claim texts existed join the candidate index here.
  const withoutClaimText = await findSentencesWithoutClaimText(db, { projectId });
  await writeClaimTexts(db, {
    rows: withoutClaimText.map((sentence) => ({ id: sentence.id, claimText: claimText(sentence.text) })),
  });
  const documentIds = await listProjectDocumentIds(db, { projectId });
  for (const documentId of documentIds) await linkDocumentIntoClaims(db, projectId, documentId);
  // A document imported since the list was read is not in it, and stays queued.
  await removeFromLinkQueue(db, { projectId, documentIds });
  const summaries = await listClaimSummaries(db, { projectId });
  return {
    documents: documentIds.length,
    claims: summaries.length,
    suggestedLinks: summaries.reduce((total, claim) => total + claim.suggested, 0),
    confirmedLinks: summaries.reduce((total, claim) => total + claim.occurrences - claim.suggested, 0),
    attributionDropped: summaries.filter((claim) => claim.has_state_media && claim.has_unattributed).length,
  };
}
