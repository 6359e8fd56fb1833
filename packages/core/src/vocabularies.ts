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

/**
 * Where a sentence's gold label stands (docs/reports.md): settled by a reviewer, agreed by every
 * analyst (two or more), labelled by one analyst only, disputed, or not labelled at all.
 */
export const goldStatuses = ['adjudicated', 'agreed', 'single', 'disputed', 'unlabelled'] as const;
export type GoldStatus = (typeof goldStatuses)[number];

/**
 * What a label-history entry records. `adjudicate` and `unadjudicate` record a reviewer's gold
 * label, the annotator being the reviewer; `split-gold` and `merge-gold` what a split or merge
 * did to a gold label; `import` and `import_adjudication` a label or gold label from an import.
 */
export const annotationEventActions = [
  'set',
  'clear',
  'split',
  'merge',
  'adjudicate',
  'unadjudicate',
  'import',
  'import_adjudication',
  'split-gold',
  'merge-gold',
] as const;
export type AnnotationEventAction = (typeof annotationEventActions)[number];

/** What an owner did to a project or document, as the audit log records it. */
export const auditActions = ['archive', 'restore', 'delete'] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditTargetKinds = ['project', 'document'] as const;
export type AuditTargetKind = (typeof auditTargetKinds)[number];
