// Importing an article: validate, segment, suggest, store the document and its sentences
// once, and give it to the project's analysts.
import { createHash } from 'node:crypto';
import { type DocumentImport, type ImportResult, type Segment, segment } from '@attest/core';
import {
  type Executor,
  fillAssignments,
  findDocumentByHash,
  findDocumentSummary,
  insertDocumentWithSentences,
  type ProjectRow,
} from '@attest/db';
import { InvalidInputError } from '../errors.ts';
import { managers, requireProject } from './access.ts';
import type { ServiceContext } from './context.ts';
import { toDocumentSummary } from './serialize.ts';
import { suggestionsFor } from './suggestions.ts';

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
  const stored = await storeDocument(context.db, project, input, context.isOperator ? null : context.userId);
  const summary = await findDocumentSummary(context.db, stored.documentId, context.userId);
  if (!summary) throw new Error(`Document ${stored.documentId} vanished after import.`);
  return { document: toDocumentSummary(summary), created: stored.created };
}

/** Stores a document unless the project holds the same text; no access check (callers do it). */
export async function storeDocument(
  db: ServiceContext['db'],
  project: Pick<ProjectRow, 'id' | 'annotatorsPerDocument'>,
  input: Omit<ImportDocumentInput, 'projectSlug'>,
  createdBy: string | null,
): Promise<{ documentId: string; created: boolean }> {
  assertImportableText(input.body);
  const bodySha256 = createHash('sha256').update(input.body, 'utf8').digest('hex');
  const existing = await findDocumentByHash(db, project.id, bodySha256);
  if (existing) return { documentId: existing.id, created: false };

  const segments = segment(input.body);
  if (!segments.some((part) => part.kind !== 'boilerplate')) {
    throw new InvalidInputError('The article has no sentences to annotate, only boilerplate lines.');
  }
  const suggestions = suggestionsFor(input.body, segments);
  const created = await db.transaction(async (transaction: Executor) => {
    const document = await insertDocumentWithSentences(
      transaction,
      {
        projectId: project.id,
        title: input.title || titleFrom(segments, input.fallbackTitle),
        outlet: input.outlet ?? null,
        url: input.url ?? null,
        publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
        body: input.body,
        bodySha256,
        createdBy,
      },
      segments.map((part, position) => ({
        position,
        start: part.start,
        end: part.end,
        kind: part.kind,
        text: part.text,
        suggestion: suggestions[position] ?? null,
      })),
    );
    if (document) await fillAssignments(transaction, project.id, project.annotatorsPerDocument);
    return document;
  });
  if (created) return { documentId: created.id, created: true };
  // A concurrent import of the same text won the unique key: report theirs.
  const winner = await findDocumentByHash(db, project.id, bodySha256);
  if (!winner) throw new Error('The imported document vanished.');
  return { documentId: winner.id, created: false };
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
