// The tag set of the attribution tagger: BIO over the three PARC roles.

export const roles = ['source', 'cue', 'content'] as const;
export type Role = (typeof roles)[number];

/** O, then B- and I- for each role: index 1 + 2r is B-role, 2 + 2r is I-role. */
export const tags = ['O', 'B-source', 'I-source', 'B-cue', 'I-cue', 'B-content', 'I-content'] as const;
export const tagCount = tags.length;

export function beginTag(role: Role): number {
  return 1 + 2 * roles.indexOf(role);
}

/** Whether `tag` may follow `previous`: an I- tag only continues its own role. */
export function isAllowedAfter(previous: number, tag: number): boolean {
  if (tag === 0 || tag % 2 === 1) return true;
  return previous === tag || previous === tag - 1;
}

export function roleOf(tag: number): Role | null {
  return tag === 0 ? null : roles[(tag - 1) >> 1]!;
}
