// The reviewer's view of a document: every analyst's labels side by side. Analysts never get
// here (blind annotation): only owners and reviewers see other people's work.
import {
  findNextDisputedDocumentId,
  listAdjudicationsForDocument,
  listAllAnnotationsForDocument,
  listAssigneeIds,
} from '@attest/db';
import { ForbiddenError } from '../errors.ts';
import { managers, requireDocument, requireProject, seesEveryone } from './access.ts';
import { toAdjudication } from './adjudications.ts';
import type { ServiceContext } from './context.ts';
import { toAnnotation } from './serialize.ts';

export async function getDocumentReview(context: ServiceContext, documentId: string) {
  const { projectId, role } = await requireDocument(context, documentId);
  if (!seesEveryone(role))
    throw new ForbiddenError("Analysts see only their own labels; reviewers compare everyone's.");
  const [annotations, assigneeIds, adjudications] = await Promise.all([
    listAllAnnotationsForDocument(context.db, { projectId, documentId }),
    listAssigneeIds(context.db, { projectId, documentId }),
    listAdjudicationsForDocument(context.db, { projectId, documentId }),
  ]);
  return {
    assigneeIds,
    adjudications: adjudications.map((adjudication) => ({
      ...toAdjudication(adjudication),
      deciderName: adjudication.deciderName,
    })),
    annotations: annotations.map((annotation) => ({
      ...toAnnotation(annotation),
      annotatorId: annotation.annotatorId,
      annotatorName: annotation.annotatorName,
    })),
  };
}

/**
 * Where a reviewer has work next: the project's first document, in import order, with a disputed
 * sentence, other than the one they are on. Null when no other document has one.
 */
export async function nextDisputedDocumentId(
  context: ServiceContext,
  params: { projectSlug: string; exceptDocumentId?: string | undefined },
): Promise<string | null> {
  const { project } = await requireProject(context, params.projectSlug, managers, 'review its documents');
  return findNextDisputedDocumentId(context.db, {
    projectId: project.id,
    exceptDocumentId: params.exceptDocumentId,
  });
}
