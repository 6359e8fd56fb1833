// Shapes of the API's responses: the contract between the API, the web editor and the CLI.
import { z } from 'zod';
import { claimLinkingSchema } from './claims/api-types.ts';
import {
  cueSpanSchema,
  labelKeySchema,
  segmentKindSchema,
  suggestionRelations,
  suggestionSchema,
} from './schemas.ts';
import { annotationEventActions, projectRoles } from './vocabularies.ts';

export const labelSchema = z.object({
  key: labelKeySchema,
  name: z.string(),
  color: z.string(),
  hotkey: z.string().nullable(),
  description: z.string(),
  position: z.int(),
});
export type Label = z.infer<typeof labelSchema>;

export { projectRoles };
export const projectRoleSchema = z.enum(projectRoles);
export type ProjectRole = z.infer<typeof projectRoleSchema>;

export const projectSummarySchema = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  createdAt: z.string(),
  documentCount: z.int(),
  /** The caller's role in the project. */
  role: projectRoleSchema,
  /** When an owner archived the project (hidden from the list, kept); null when it is not. */
  archivedAt: z.string().nullable(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const projectSchema = projectSummarySchema.extend({
  guidelines: z.string(),
  guidelinesVersion: z.int(),
  /** How many analysts label each document. */
  annotatorsPerDocument: z.int(),
  /** Whether analysts may split and merge sentences (owners and reviewers always may). */
  analystsMaySegment: z.boolean(),
  /**
   * Whether each member's unlabelled documents and sentences come least-sure first, by the
   * project's model (docs/suggestions.md, "Active queue"); oldest first while it has none.
   */
  activeQueue: z.boolean(),
  labels: z.array(labelSchema),
});
export type Project = z.infer<typeof projectSchema>;

export const documentSummarySchema = z.object({
  id: z.string(),
  projectId: z.string(),
  projectSlug: z.string(),
  title: z.string(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  sentenceCount: z.int(),
  /** Sentences (not boilerplate) the caller has labelled. */
  annotatedCount: z.int(),
  /** Sentences that take a label: headlines and sentences, not boilerplate. */
  annotatableCount: z.int(),
  /** The caller's progress: todo (nothing labelled), in_progress, or done (every sentence labelled). */
  status: z.enum(['todo', 'in_progress', 'done']),
  /** When an owner archived the document (hidden from lists, queues, reports and exports); null when not. */
  archivedAt: z.string().nullable(),
  /** Where the team stands: in the documents list (not the archived one), for owners and reviewers only (blind annotation). */
  review: z
    .object({
      /** Analysts the document is assigned to. */
      analystsAssigned: z.int(),
      /** Of those, the ones who have labelled every sentence that takes a label. */
      analystsFinished: z.int(),
      /** Sentences whose labels differ and that no reviewer has decided yet. */
      disputed: z.int(),
    })
    .optional(),
});
export type DocumentSummary = z.infer<typeof documentSummarySchema>;

export const sentenceSchema = z.object({
  id: z.string(),
  position: z.int(),
  start: z.int(),
  end: z.int(),
  kind: segmentKindSchema,
  text: z.string(),
  suggestion: suggestionSchema.nullable(),
});
export type Sentence = z.infer<typeof sentenceSchema>;

export const annotationSchema = z.object({
  sentenceId: z.string(),
  label: labelKeySchema,
  source: z.string().nullable(),
  chain: z.array(z.string()),
  cues: z.array(cueSpanSchema),
  note: z.string().nullable(),
  /** How the label relates to the suggestion shown when it was saved; null: not recorded. */
  suggestion: z.object({ relation: z.enum(suggestionRelations), version: z.string().nullable() }).nullable(),
  /** Starts at 1 and grows with every change; send it back in If-Match. */
  version: z.int().positive(),
  updatedAt: z.string(),
});
export type Annotation = z.infer<typeof annotationSchema>;

/** A reviewer's gold label for a sentence. */
export const adjudicationSchema = z.object({
  sentenceId: z.string(),
  label: labelKeySchema,
  note: z.string().nullable(),
  decidedBy: z.string().nullable(),
  /** Starts at 1 and grows with every change; send it back in If-Match. */
  version: z.int().positive(),
  updatedAt: z.string(),
});
export type Adjudication = z.infer<typeof adjudicationSchema>;

export const documentDetailSchema = z.object({
  /** `body` is absent when asked for without it (`withBody=false`). */
  document: documentSummarySchema.extend({ body: z.string().optional() }),
  labels: z.array(labelSchema),
  guidelines: z.string(),
  sentences: z.array(sentenceSchema),
  /** The caller's own annotations. */
  annotations: z.array(annotationSchema),
  /** The caller's role in the document's project. */
  role: projectRoleSchema,
  /** Whether the caller may split and merge sentences (the project's setting for analysts). */
  maySegment: z.boolean(),
  /**
   * Whether the project's active queue is on: the editor's `n` then goes to the unlabelled
   * sentence the model is least sure of, else to the next unlabelled one in document order.
   */
  activeQueue: z.boolean(),
});
export type DocumentDetail = z.infer<typeof documentDetailSchema>;

/**
 * What a split or merge changed, and nothing else: its size does not grow with the document.
 * Apply it to the sentences as they were: drop `removedSentenceIds`, put `sentences` in by id
 * (new ones at their position), and move every other sentence after `shift.afterPosition` by `shift.by`.
 */
export const segmentationChangeSchema = z.object({
  /** The sentences created or changed (span, kind or suggestion), as they are now. */
  sentences: z.array(sentenceSchema),
  /** The sentences that no longer exist (a merge's second part). */
  removedSentenceIds: z.array(z.string()),
  /** Every sentence not listed whose position was after `afterPosition` moves by `by` (1 or -1). */
  shift: z.object({ afterPosition: z.int(), by: z.int() }),
  /** The caller's own annotations on `sentences`; a listed sentence without one is unlabelled for them. */
  annotations: z.array(annotationSchema),
  /** Something the analyst should know, e.g. cleared labels. */
  notice: z.string().nullable(),
});
export type SegmentationChange = z.infer<typeof segmentationChangeSchema>;

/** Part of a document's sentences, in order, for clients that load a long document in pages. */
export const sentencePageSchema = z.object({
  items: z.array(sentenceSchema),
  /** Pass as `offset` to get the next page; null on the last page. */
  nextOffset: z.int().nullable(),
});
export type SentencePage = z.infer<typeof sentencePageSchema>;

export const documentPageSchema = z.object({
  items: z.array(documentSummarySchema),
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type DocumentPage = z.infer<typeof documentPageSchema>;

export const importResultSchema = z.object({
  document: documentSummarySchema,
  /** False when the same text was already in the project: importing it again changes nothing. */
  created: z.boolean(),
  /** The project's documents still to be linked into claims, this one included until it is. */
  linking: claimLinkingSchema,
});
export type ImportResult = z.infer<typeof importResultSchema>;

/** An annotation as a history entry records it, before or after the change. */
export const annotationSnapshotSchema = z.object({
  label: z.string(),
  source: z.string().nullable(),
  chain: z.array(z.string()),
  cues: z.array(cueSpanSchema),
  note: z.string().nullable(),
  version: z.int(),
});
export type AnnotationSnapshot = z.infer<typeof annotationSnapshotSchema>;

/** One change to a sentence's label, from GET /api/sentences/{id}/history. */
export const sentenceHistoryEntrySchema = z.object({
  id: z.int(),
  action: z.enum(annotationEventActions),
  annotatorId: z.string(),
  /** Who split or merged (`split`, `merge`, `split-gold`, `merge-gold`); null on the annotator's own edits. */
  actorId: z.string().nullable(),
  annotatorName: z
    .string()
    .nullable()
    .describe('whose label changed, for owners and reviewers; null for an analyst, who sees only their own'),
  actorName: z
    .string()
    .nullable()
    .describe('who split or merged, for owners and reviewers; null on own edits and for analysts'),
  before: annotationSnapshotSchema.nullable(),
  after: annotationSnapshotSchema.nullable(),
  at: z.string(),
});
export type SentenceHistoryEntry = z.infer<typeof sentenceHistoryEntrySchema>;

export const sentenceHistorySchema = z.object({ items: z.array(sentenceHistoryEntrySchema) });

/** An analyst's annotation as the review lists it, with who made it. */
export const reviewAnnotationSchema = annotationSchema.extend({
  annotatorId: z.string(),
  annotatorName: z.string(),
});
export type ReviewAnnotation = z.infer<typeof reviewAnnotationSchema>;

/** A settled gold label as the review lists it, with who decided. */
export const reviewAdjudicationSchema = adjudicationSchema.extend({ deciderName: z.string().nullable() });
export type ReviewAdjudication = z.infer<typeof reviewAdjudicationSchema>;

/** GET /api/documents/{id}/review: every analyst's annotations on a document, and the gold labels. */
export const documentReviewSchema = z.object({
  assigneeIds: z.array(z.string()),
  adjudications: z.array(reviewAdjudicationSchema),
  annotations: z.array(reviewAnnotationSchema),
});
export type DocumentReview = z.infer<typeof documentReviewSchema>;

/** RFC 9457 problem details, the body of every error response. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** On 412: the annotation or adjudication as it stands now (null when it was deleted). */
  current: z.union([annotationSchema, adjudicationSchema]).nullable().optional(),
});
export type Problem = z.infer<typeof problemSchema>;
