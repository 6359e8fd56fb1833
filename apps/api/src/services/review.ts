// The reviewer's view of a document: every analyst's labels side by side. Analysts never get
// here (blind annotation): only owners and reviewers see other people's work.
import { listAdjudicationsForDocument, listAllAnnotationsForDocument, listAssigneeIds } from '@attest/db';
import { ForbiddenError } from '../errors.ts';
import { requireDocument, seesEveryone } from './access.ts';
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
