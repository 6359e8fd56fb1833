// Claims across documents: sentences of different documents of a project that carry the same
// content. Each occurrence is a link with a tier (suggested by the linker, confirmed by a
// person) and how its outlet attributes the claim; a rejected link is remembered per pair of
// sentences, so re-linking never proposes it again.
import type { ClaimAttribution, ClaimMatch } from '@attest/core';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns.ts';
import { documents, sentences } from './documents.ts';
import { projects } from './projects.ts';
import { users } from './users.ts';

export const claimLinkTiers = ['suggested', 'confirmed'] as const;
export type ClaimLinkTier = (typeof claimLinkTiers)[number];

export const claims = pgTable(
  'claims',
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.projectId)],
);

export type ClaimRow = typeof claims.$inferSelect;

/** The evidence kept with a link: the scorer's explanation against the sentence it matched. */
export type ClaimLinkEvidence = Pick<ClaimMatch, 'matchedWords' | 'numbers' | 'entities'> & {
  matchedSentenceId: string | null;
  /**
   * Which of the sentence's clauses (`claimClauses` of @attest/core, in order) carry the claim: a
   * sentence in two claims gives each its own clauses when the linker weighs a later document.
   * Absent on links written before a sentence could be in two claims (the whole sentence).
   */
  clauses?: number[];
};

export const claimLinks = pgTable(
  'claim_links',
  {
    id: id(),
    claimId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: 'cascade' }),
    /** A sentence may be in several claims (a lead states several), once in each. */
    sentenceId: uuid()
      .notNull()
      .references(() => sentences.id, { onDelete: 'cascade' }),
    documentId: uuid()
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    tier: text({ enum: claimLinkTiers }).notNull().default('suggested'),
    score: real().notNull(),
    attribution: text().$type<ClaimAttribution>().notNull(),
    evidence: jsonb().$type<ClaimLinkEvidence>().notNull(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    unique().on(table.claimId, table.sentenceId),
    // A claim's best-matched members first (findClaimMembers): a top-N read, not a sort of all.
    index().on(table.claimId, table.score.desc(), table.sentenceId),
    index().on(table.sentenceId),
    index().on(table.documentId),
  ],
);

export type ClaimLinkRow = typeof claimLinks.$inferSelect;
export type NewClaimLinkRow = typeof claimLinks.$inferInsert;

/** "These two sentences are not one claim", said by a person; the pair is stored in id order. */
export const claimLinkRejections = pgTable(
  'claim_link_rejections',
  {
    id: id(),
    sentenceId: uuid()
      .notNull()
      .references(() => sentences.id, { onDelete: 'cascade' }),
    otherSentenceId: uuid()
      .notNull()
      .references(() => sentences.id, { onDelete: 'cascade' }),
    rejectedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [unique().on(table.sentenceId, table.otherSentenceId), index().on(table.otherSentenceId)],
);

/**
 * Documents imported but not yet linked into their project's claims. A row is written in the
 * import's transaction, so a document whose process dies before linking it is still waiting
 * when any process starts; the linker deletes it in the transaction that writes the links.
 */
export const claimLinkQueue = pgTable(
  'claim_link_queue',
  {
    documentId: uuid()
      .primaryKey()
      .references(() => documents.id, { onDelete: 'cascade' }),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** Import order: a project's documents are linked oldest first, each against those before it. */
    queuedOrder: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    /** Linking runs that failed on this document; past a few, only a re-link takes it up. */
    failures: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (table) => [index().on(table.projectId, table.queuedOrder)],
);

/**
 * How many of a project's sentences carry each claim key (a word of a claim text, hashed with
 * the project: `claim_keys_of` in migration 0015; the keys themselves are `sentences.claim_keys`,
 * a column kept out of this schema so no row read for a client carries 64-bit numbers). The
 * candidate query reads a sentence's rarest words first by these counts. The linker adds a
 * sentence's keys when it writes its claim text, under the project's linking lock; deleted and
 * re-segmented sentences are not taken off, so a count is at most a few high until a re-link
 * counts the project again (they only choose which words to look up).
 */
export const claimKeyCounts = pgTable(
  'claim_key_counts',
  {
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    key: bigint({ mode: 'bigint' }).notNull(),
    sentences: integer().notNull(),
  },
  (table) => [primaryKey({ columns: [table.projectId, table.key] })],
);
