// Linking a document's sentences into the project's claims: candidates from the trigram index,
// the decision from the core scorer. Runs after an import, one document at a time, and for a
// whole project on demand (confirmed links and rejections survive a re-link).
import {
  assignClaim,
  type ClaimCandidate,
  claimAttributionOf,
  claimFeatures,
  type RelinkSummary,
  rarityWeights,
  type Suggestion,
} from '@attest/core';
import {
  clearSuggestedLinks,
  type Database,
  type Executor,
  findClaimCandidates,
  findLinkableSentences,
  findRejectedPartners,
  insertClaim,
  insertClaimLinks,
  listClaimSummaries,
  listProjectDocumentIds,
  type NewClaimLinkRow,
} from '@attest/db';

const attributionOf = (suggestion: Suggestion | null) =>
  suggestion ? claimAttributionOf(suggestion) : 'none';

/** Links one document's sentences against everything else in its project. */
export async function linkDocumentIntoClaims(
  db: Executor | Database,
  projectId: string,
  documentId: string,
): Promise<void> {
  const sentences = await findLinkableSentences(db, documentId);
  const unlinked = sentences.filter((sentence) => !sentence.claimId);
  if (unlinked.length === 0) return;
  const candidateRows = await findClaimCandidates(db, projectId, documentId);
  if (candidateRows.length === 0) return;
  const rejected = await findRejectedPartners(
    db,
    unlinked.map((sentence) => sentence.id),
  );

  const candidatesBySentence = new Map<string, ClaimCandidate[]>();
  const candidateSuggestions = new Map<string, Suggestion | null>();
  /** Claims decided in this run, so a later sentence of the document sees them. */
  const claimOf = new Map<string, string>();
  for (const row of candidateRows) {
    const list = candidatesBySentence.get(row.sentence_id) ?? [];
    list.push({ key: row.candidate_id, text: row.candidate_text, claim: row.claim_id });
    candidatesBySentence.set(row.sentence_id, list);
    candidateSuggestions.set(row.candidate_id, row.candidate_suggestion);
    if (row.claim_id) claimOf.set(row.candidate_id, row.claim_id);
  }
  const pool = [
    ...sentences.map((sentence) => claimFeatures(sentence.text)),
    ...[...new Map(candidateRows.map((row) => [row.candidate_id, row.candidate_text])).values()].map((text) =>
      claimFeatures(text),
    ),
  ];
  const weightOf = rarityWeights(pool);

  const links: NewClaimLinkRow[] = [];
  for (const sentence of unlinked) {
    const candidates = (candidatesBySentence.get(sentence.id) ?? []).map((candidate) => ({
      ...candidate,
      claim: claimOf.get(candidate.key) ?? candidate.claim,
    }));
    const assignment = assignClaim(sentence.text, candidates, {
      weightOf,
      rejected: rejected.get(sentence.id) ?? new Set(),
    });
    if (!assignment) continue;
    const { match } = assignment;
    const evidence = {
      matchedWords: match.matchedWords,
      numbers: match.numbers,
      entities: match.entities,
      matchedSentenceId: match.candidate.key,
    };
    let claimId = assignment.claim;
    if (!claimId) {
      claimId = await insertClaim(db, projectId);
      claimOf.set(match.candidate.key, claimId);
      const candidateDocument = candidateRows.find((row) => row.candidate_id === match.candidate.key);
      links.push({
        claimId,
        sentenceId: match.candidate.key,
        documentId: candidateDocument?.candidate_document_id ?? documentId,
        score: assignment.score,
        attribution: attributionOf(candidateSuggestions.get(match.candidate.key) ?? null),
        evidence: { ...evidence, matchedSentenceId: sentence.id },
      });
    }
    claimOf.set(sentence.id, claimId);
    links.push({
      claimId,
      sentenceId: sentence.id,
      documentId,
      score: assignment.score,
      attribution: attributionOf(sentence.suggestion),
      evidence,
    });
  }
  await insertClaimLinks(db, links);
}

/** Re-links a whole project document by document; confirmed links and rejections stay. */
export async function relinkProject(db: Database, projectId: string): Promise<RelinkSummary> {
  await clearSuggestedLinks(db, projectId);
  const documentIds = await listProjectDocumentIds(db, projectId);
  for (const documentId of documentIds) await linkDocumentIntoClaims(db, projectId, documentId);
  const summaries = await listClaimSummaries(db, projectId);
  return {
    documents: documentIds.length,
    claims: summaries.length,
    suggestedLinks: summaries.reduce((total, claim) => total + claim.suggested, 0),
    confirmedLinks: summaries.reduce((total, claim) => total + claim.occurrences - claim.suggested, 0),
    attributionDropped: summaries.filter((claim) => claim.has_state_media && claim.has_unattributed).length,
  };
}
