// Project roles in words, for labels, options and explanations.
import type { ProjectRole } from '@attest/core';

export const roleNames: Record<ProjectRole, string> = {
  owner: 'Owner',
  reviewer: 'Reviewer',
  analyst: 'Analyst',
};

/** May this role import articles and see every analyst's labels? */
export function canReview(role: ProjectRole | undefined): boolean {
  return role === 'owner' || role === 'reviewer';
}
