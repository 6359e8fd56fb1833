// Importing an article: validate, segment, store the document and its sentences once, give it
// to the project's analysts, and queue it for its suggestions and for claim linking (both added
// after the import answers: suggestion-filler.ts, claim-linker.ts).
import { createHash } from 'node:crypto';
import { type DocumentImport, type ImportResult, type Segment, segment } from '@attest/core';
import {
  countDocumentsWaitingForLinking,
  type Executor,
  fillAssignments,
  findDocumentIdsByHash,
  findDocumentSummary,
  insertDocumentsWithSentences,
  type ProjectRow,
  queueClaimLinking,
  queueSuggestions,
} from '@attest/db';
import { InvalidInputError } from '../errors.ts';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { toDocumentSummary } from './serialize.ts';

export interface ImportDocumentInput extends DocumentImport {
  projectSlug: string;
  /** Used for the title when the text has no headline, e.g. an uploaded file's name. */
  fallbackTitle?: string | undefined;
}

export async function importDocument(
  context: ServiceContext,
  input: ImportDocumentInput,
): Promise<ImportResult> {
  const { project } = await requireProject(context, input.projectSlug, managers, 'import documents');
  const stored = await whileImporting(context, () =>
    storeDocument(context.db, project, input, context.isOperator ? null : context.userId),
  );
  context.claimLinker?.wake();
  context.suggestionFiller?.wake();
  const [summary, waitingDocuments] = await Promise.all([
    findDocumentSummary(context.db, {
      projectId: project.id,
      documentId: stored.documentId,
      annotatorId: context.userId,
    }),
    countDocumentsWaitingForLinking(context.db, { projectId: project.id }),
  ]);
  if (!summary) throw new Error(`Document ${stored.documentId} vanished after import.`);
  return { document: toDocumentSummary(summary), created: stored.created, linking: { waitingDocuments } };
}

/**
 * Runs an import with this process's background claim linker held back until imports pause
 * (claim-linker.ts), so the linking of earlier documents does not slow the import down.
 */
export function whileImporting<Result>(
  context: ServiceContext,
  work: () => Promise<Result>,
): Promise<Result> {
  return context.claimLinker ? context.claimLinker.whileImporting(work) : work();
}

/** Stores a document unless the project holds the same text; no access check (callers do it). */
export async function storeDocument(
  db: ServiceContext['db'],
  project: Pick<ProjectRow, 'id' | 'annotatorsPerDocument'>,
  input: ArticleInput,
  createdBy: string | null,
): Promise<{ documentId: string; created: boolean }> {
  const [outcome] = await storeDocuments(db, project, [input], createdBy);
  if (!outcome || 'error' in outcome) throw new InvalidInputError(outcome?.error ?? 'Nothing to import.');
  return outcome;
}

export type ArticleInput = Omit<ImportDocumentInput, 'projectSlug'>;

export type StoreOutcome = { documentId: string; created: boolean } | { error: string };

interface PreparedArticle {
  input: ArticleInput;
  bodySha256: string;
  segments: Segment[];
}

/**
 * Stores many articles at once, as a bulk import does: one lookup for the texts the project
 * already holds, and the new documents, their sentences and their assignments written in one
 * transaction of a few statements, the documents queued for claim linking in import order. Returns an outcome per input, in order; an article that
 * cannot be imported gets the reason instead, and the others are still stored.
 */
export async function storeDocuments(
  db: ServiceContext['db'],
  project: Pick<ProjectRow, 'id' | 'annotatorsPerDocument'>,
  inputs: readonly ArticleInput[],
  createdBy: string | null,
): Promise<StoreOutcome[]> {
  const hashes = inputs.map((input) => createHash('sha256').update(input.body, 'utf8').digest('hex'));
  const existingIds = await findDocumentIdsByHash(db, { projectId: project.id, bodySha256s: hashes });
  const outcomes: (StoreOutcome | undefined)[] = [];
  const prepared = new Map<string, PreparedArticle>();
  for (const [index, input] of inputs.entries()) {
    const bodySha256 = hashes[index]!;
    const existingId = existingIds.get(bodySha256);
    if (existingId) {
      outcomes.push({ documentId: existingId, created: false });
      continue;
    }
    outcomes.push(undefined);
    if (prepared.has(bodySha256)) continue;
    try {
      prepared.set(bodySha256, prepareArticle(input, bodySha256));
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      outcomes[index] = { error: error.detail };
    }
  }
  const created = await (prepared.size === 0
    ? new Map<string, string>()
    : db.transaction(async (transaction: Executor) => {
        const documents = await insertDocumentsWithSentences(transaction, {
          entries: [...prepared.values()].map((article) => ({
            document: {
              projectId: project.id,
              title: article.input.title || titleFrom(article.segments, article.input.fallbackTitle),
              outlet: article.input.outlet ?? null,
              url: article.input.url ?? null,
              publishedAt: article.input.publishedAt ? new Date(article.input.publishedAt) : null,
              body: article.input.body,
              bodySha256: article.bodySha256,
              createdBy,
            },
            sentences: article.segments.map((part, position) => ({
              position,
              start: part.start,
              end: part.end,
              kind: part.kind,
              text: part.text,
              suggestion: null,
            })),
          })),
        });
        const idByHash = new Map(documents.map((document) => [document.bodySha256, document.id]));
        // In the order the articles came, which is the order they are linked in.
        const documentIds = [...prepared.keys()].flatMap((hash) => idByHash.get(hash) ?? []);
        await fillAssignments(transaction, {
          projectId: project.id,
          perDocument: project.annotatorsPerDocument,
          onlyDocumentIds: documentIds,
          areNew: true,
        });
        // Linking into claims runs after the answer (claim-linker.ts); the queue row commits
        // with the document, so no document is left unlinked if this process dies.
        await queueClaimLinking(transaction, { projectId: project.id, documentIds });
        // So are the suggestions, rules and spans (suggestion-filler.ts): they cost the import
        // more than the rest of its work did, and a document opened first gets them at once.
        await queueSuggestions(transaction, { documentIds });
        return idByHash;
      }));
  // A concurrent import of the same text won the unique key: report theirs.
  const winners = await findDocumentIdsByHash(db, {
    projectId: project.id,
    bodySha256s: hashes.filter((hash, index) => !outcomes[index] && !created.has(hash)),
  });
  const claimed = new Set<string>();
  return outcomes.map((outcome, index) => {
    if (outcome) return outcome;
    const hash = hashes[index]!;
    const createdId = created.get(hash);
    // Of two equal texts in one batch, the first created the document and the second finds it.
    if (createdId && !claimed.has(hash)) {
      claimed.add(hash);
      return { documentId: createdId, created: true };
    }
    const documentId = createdId ?? winners.get(hash);
    if (!documentId) throw new Error('The imported document vanished.');
    return { documentId, created: false };
  });
}

/** Validates and segments one article, before anything is written (its suggestions follow). */
function prepareArticle(input: ArticleInput, bodySha256: string): PreparedArticle {
  assertImportableText(input.body);
  const segments = segment(input.body);
  if (!segments.some((part) => part.kind !== 'boilerplate')) {
    throw new InvalidInputError('The article has no sentences to annotate, only boilerplate lines.');
  }
  return { input, bodySha256, segments };
}

/** Refuses text that Postgres cannot store or that is no article at all, with a reason. */
export function assertImportableText(body: string): void {
  if (body.trim().length === 0) throw new InvalidInputError('The article text is empty.');
  const nulIndex = body.indexOf('\u0000');
  if (nulIndex !== -1) {
    throw new InvalidInputError(
      `The text contains a NUL character at offset ${nulIndex}; is it a binary file? Attest imports plain UTF-8 text.`,
    );
  }
}

function titleFrom(segments: readonly Segment[], fallbackTitle: string | undefined): string {
  const headline = segments.find((part) => part.kind === 'headline');
  if (headline) return truncate(headline.text);
  if (fallbackTitle) return truncate(fallbackTitle);
  const firstSentence = segments.find((part) => part.kind === 'sentence');
  return truncate(firstSentence?.text ?? 'Untitled article');
}

function truncate(text: string, maxLength = 140): string {
  const singleLine = text.replace(/\s+/g, ' ').trim();
  return singleLine.length <= maxLength ? singleLine : `${singleLine.slice(0, maxLength - 1).trimEnd()}…`;
}
