// The fixed lists the schemas are built from, in a module without zod: the web editor imports
// them from `@attest/core/vocabularies` so its pages do not carry the schema library.

/** `content` marks what an attribution attributes (PARC), beside its `source` and `reporting_verb`. */
export const cueKinds = ['source', 'reporting_verb', 'hedge', 'anaphora', 'content', 'other'] as const;

export const projectRoles = ['owner', 'reviewer', 'analyst'] as const;

/**
 * How a label relates to the suggestion the analyst saw when saving it: `accepted` (took it with
 * `a`), `same_label` (chose the suggested label themselves), `other_label`, or `no_suggestion`.
 */
export const suggestionRelations = ['accepted', 'same_label', 'other_label', 'no_suggestion'] as const;
export type SuggestionRelation = (typeof suggestionRelations)[number];
