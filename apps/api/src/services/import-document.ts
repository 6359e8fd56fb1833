// Importing an article: validate, segment, store the document and its sentences once.
import { createHash } from 'node:crypto';
import { type DocumentImport, type ImportResult, type Segment, segment } from '@attest/core';
import { findDocumentByHash, findDocumentSummary, insertDocumentWithSentences } from '@attest/db';
import { InvalidInputError } from '../errors.ts';
import type { ServiceContext } from './context.ts';
import { toDocumentSummary } from './serialize.ts';
import { suggestionsFor } from './suggestions.ts';

export interface ImportDocumentInput extends DocumentImport {
  projectId: string;
  /** Used for the title when the text has no headline, e.g. an uploaded file's name. */
  fallbackTitle?: string | undefined;
}

export async function importDocument(
  context: ServiceContext,
  input: ImportDocumentInput,
): Promise<ImportResult> {
  assertImportableText(input.body);
  const bodySha256 = createHash('sha256').update(input.body, 'utf8').digest('hex');

  const existing = await findDocumentByHash(context.db, input.projectId, bodySha256);
  if (existing) return { document: await summaryOf(context, existing.id), created: false };

  const segments = segment(input.body);
  if (!segments.some((part) => part.kind !== 'boilerplate')) {
    throw new InvalidInputError('The article has no sentences to annotate, only boilerplate lines.');
  }
  const suggestions = suggestionsFor(input.body, segments);
  const created = await context.db.transaction(async (transaction) =>
    insertDocumentWithSentences(
      transaction,
      {
        projectId: input.projectId,
        title: input.title || titleFrom(segments, input.fallbackTitle),
        outlet: input.outlet ?? null,
        url: input.url ?? null,
        publishedAt: input.publishedAt ? new Date(input.publishedAt) : null,
        body: input.body,
        bodySha256,
        createdBy: context.userId,
      },
      segments.map((part, position) => ({
        position,
        start: part.start,
        end: part.end,
        kind: part.kind,
        text: part.text,
        suggestion: suggestions[position] ?? null,
      })),
    ),
  );
  // A concurrent import of the same text won the unique key: report theirs.
  const documentId = created?.id ?? (await findDocumentByHash(context.db, input.projectId, bodySha256))?.id;
  if (!documentId) throw new Error('The imported document vanished.');
  return { document: await summaryOf(context, documentId), created: created !== undefined };
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

async function summaryOf(context: ServiceContext, documentId: string) {
  const summary = await findDocumentSummary(context.db, documentId, context.userId);
  if (!summary) throw new Error(`Document ${documentId} vanished after import.`);
  return toDocumentSummary(summary);
}
