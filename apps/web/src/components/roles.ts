// Project roles in words, for labels, options and explanations.
import type { ProjectRole } from '@attest/core';

/** "an analyst", "a reviewer", "an owner". */
export function withArticle(roleName: string): string {
  return `${/^[aeiou]/i.test(roleName) ? 'an' : 'a'} ${roleName}`;
}

export const roleNames: Record<ProjectRole, string> = {
  owner: 'Owner',
  reviewer: 'Reviewer',
  analyst: 'Analyst',
};

/** May this role import articles and see every analyst's labels? */
export function canReview(role: ProjectRole | undefined): boolean {
  return role === 'owner' || role === 'reviewer';
}
