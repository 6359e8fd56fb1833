// How a query keyed by a document or a sentence keeps to its project: the project is in its
// params, and these conditions make a row of another project find nothing. Each is an
// uncorrelated subquery, which PostgreSQL runs once per statement (an InitPlan) by primary
// key, not once per row, so the scope costs one index lookup rather than a join.
import { type SQL, sql } from 'drizzle-orm';
import { documents, sentences } from '../schema/documents.ts';

/** The ids a document-level query takes. */
export interface DocumentScope {
  projectId: string;
  documentId: string;
}

/** The ids a sentence-level query takes. */
export interface SentenceScope {
  projectId: string;
  sentenceId: string;
}

/** True when the document belongs to the project. */
export function documentInProject({ projectId, documentId }: DocumentScope): SQL {
  return sql`exists (select 1 from ${documents} where ${documents.id} = ${documentId}
    and ${documents.projectId} = ${projectId})`;
}

/** True when the sentence's document belongs to the project. */
export function sentenceInProject({ projectId, sentenceId }: SentenceScope): SQL {
  return sql`exists (select 1 from ${sentences} join ${documents} on ${documents.id} = ${sentences.documentId}
    where ${sentences.id} = ${sentenceId} and ${documents.projectId} = ${projectId})`;
}
