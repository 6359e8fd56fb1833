// How many dataset exports run at once, and how long one may wait for a client that stopped
// reading: an export holds a database connection while its client reads a page, so without
// these a few stalled downloads could hold every connection the rest of Attest needs.
import type { Database } from '@attest/db';
import { TooManyExportsError } from '../errors.ts';

export interface ExportLimits {
  /** Exports running at once on the server (and the size of their connection pool). */
  concurrent: number;
  /** Exports running at once for one account. */
  perUser: number;
  /** How long a client may leave written data unread before its export is stopped. */
  writeTimeoutMs: number;
}

export const defaultExportLimits: ExportLimits = { concurrent: 4, perUser: 2, writeTimeoutMs: 30_000 };

/** A client that is refused is told to come back after about as long as a small export takes. */
const retryAfterSeconds = 10;

export class ExportGate {
  #active = 0;
  readonly #activeByUser = new Map<string, number>();

  constructor(
    /** Where exports read: a pool of their own on PostgreSQL. */
    readonly db: Database,
    readonly limits: ExportLimits,
  ) {}

  /** Exports running now. */
  get active(): number {
    return this.#active;
  }

  /** Takes a place for the user's export, or refuses with 429; the function returned gives it back. */
  enter(userId: string): () => void {
    const userActive = this.#activeByUser.get(userId) ?? 0;
    if (userActive >= this.limits.perUser) {
      throw new TooManyExportsError(
        `You are running ${userActive} exports already, the most one account may run at once; wait for one to finish, then try again.`,
        retryAfterSeconds,
      );
    }
    if (this.#active >= this.limits.concurrent) {
      throw new TooManyExportsError(
        `The server is running ${this.#active} exports, the most it runs at once; try again in ${retryAfterSeconds} seconds.`,
        retryAfterSeconds,
      );
    }
    this.#active++;
    this.#activeByUser.set(userId, userActive + 1);
    let isLeft = false;
    return () => {
      if (isLeft) return;
      isLeft = true;
      this.#active--;
      const remaining = (this.#activeByUser.get(userId) ?? 1) - 1;
      if (remaining > 0) this.#activeByUser.set(userId, remaining);
      else this.#activeByUser.delete(userId);
    };
  }
}
