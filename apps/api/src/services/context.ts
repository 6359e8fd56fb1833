import type { Executor } from '@attest/db';
import type { ClaimLinkerWaker } from './claim-linker.ts';
import type { SuggestionWaker } from './suggestion-filler.ts';

/** Who is asking, and where to look: every service takes one. */
export interface ServiceContext {
  /** The database, or the transaction the work is part of. */
  db: Executor;
  /**
   * Where a request's one-statement save is sent (the saves' own pool on PostgreSQL); `db` when
   * absent. Only the request's own context carries it: work scoped to a transaction goes to `db`.
   */
  saveDb?: Executor | undefined;
  /** The acting user. */
  userId: string;
  /** An API token's project scope; null when the user acts through a session or locally. */
  tokenProjectIds: readonly string[] | null;
  /**
   * The local operator: the CLI working on the database directly, which could read and write
   * every table anyway. Has an owner's rights in every project and no annotations of its own.
   */
  isOperator?: boolean;
  /**
   * This process's background claim linker, woken after an import. Without one (the CLI),
   * imported documents wait for whoever drains the queue: the CLI itself, or a server.
   */
  claimLinker?: ClaimLinkerWaker | undefined;
  /**
   * This process's filler of suggestions, woken after an import. Without one, imported
   * documents get their suggestions from the first request that reads them, or from a server.
   */
  suggestionFiller?: SuggestionWaker | undefined;
}

/** The all-nil user id the operator acts under: it owns nothing and matches no row. */
export const operatorUserId = '00000000-0000-0000-0000-000000000000';

export function operatorContext(db: ServiceContext['db']): ServiceContext {
  return { db, userId: operatorUserId, tokenProjectIds: null, isOperator: true };
}
