import type { Database } from '@attest/db';

/** Who is asking, and where to look: every service takes one. */
export interface ServiceContext {
  db: Database;
  /** The acting user; until accounts exist, the local analyst. */
  userId: string;
}
