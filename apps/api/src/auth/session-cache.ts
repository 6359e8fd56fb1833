// Who a session cookie belongs to, remembered for a few seconds. Looking the session up costs a
// database round trip and better-auth's endpoint machinery on every request, which the save
// benchmark showed to be a large share of a save; an editor sends saves in bursts from the same
// cookie. Sign-out, password changes and anything else a user does under /api/auth forget the
// user's entries at once in this process; another API process sees a revoked session within
// `ttlMilliseconds` at the latest, which is the whole of the trade.
//
// Each entry lives a random part of the time to live's second half. Sessions cached at one
// moment (every analyst's first request after a restart) would otherwise expire at one moment
// and be looked up again all at once, every time to live: on a slow 2-core machine 200 such
// lookups together held saves for most of a second (docs/benchmarks.md, Save).

export interface CachedSession {
  userId: string;
  name: string;
  email: string;
  /** When the session itself expires: an entry never outlives it. */
  expiresAt: Date;
}

interface Entry {
  session: CachedSession;
  evictAt: number;
}

/** Entries beyond this are dropped oldest first, so a flood of cookies cannot grow memory. */
const maxEntries = 10_000;

export class SessionCache {
  private readonly entriesByCookie = new Map<string, Entry>();
  /** When each user's sessions were last forgotten: a lookup that began earlier is not kept. */
  private readonly forgottenAtByUser = new Map<string, number>();

  constructor(
    private readonly ttlMilliseconds: number,
    private readonly now: () => number = Date.now,
    /** A number in [0, 1), as Math.random gives. */
    private readonly random: () => number = Math.random,
  ) {}

  get(cookie: string): CachedSession | undefined {
    const entry = this.entriesByCookie.get(cookie);
    if (!entry) return undefined;
    if (entry.evictAt <= this.now()) {
      this.entriesByCookie.delete(cookie);
      return undefined;
    }
    return entry.session;
  }

  /** Keeps what a lookup that began at `lookedUpAt` found, unless the user signed out meanwhile. */
  set(cookie: string, session: CachedSession, lookedUpAt: number): void {
    if (this.ttlMilliseconds <= 0) return;
    if (lookedUpAt <= (this.forgottenAtByUser.get(session.userId) ?? Number.NEGATIVE_INFINITY)) return;
    const lifetime = this.ttlMilliseconds * (1 - this.random() / 2);
    const evictAt = Math.min(this.now() + lifetime, session.expiresAt.getTime());
    this.entriesByCookie.delete(cookie);
    this.entriesByCookie.set(cookie, { session, evictAt });
    if (this.entriesByCookie.size > maxEntries) {
      const oldest = this.entriesByCookie.keys().next().value;
      if (oldest !== undefined) this.entriesByCookie.delete(oldest);
    }
  }

  /** The time lookups are stamped with. */
  clock(): number {
    return this.now();
  }

  /** Forgets every session of the user, and refuses what lookups already under way find. */
  forgetUser(userId: string): void {
    this.forgottenAtByUser.delete(userId);
    this.forgottenAtByUser.set(userId, this.now());
    if (this.forgottenAtByUser.size > maxEntries) {
      const oldest = this.forgottenAtByUser.keys().next().value;
      if (oldest !== undefined) this.forgottenAtByUser.delete(oldest);
    }
    for (const [key, entry] of this.entriesByCookie) {
      if (entry.session.userId === userId) this.entriesByCookie.delete(key);
    }
  }
}
