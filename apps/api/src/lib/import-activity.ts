// Whether this process is importing, for the background work that runs after an import has
// answered (claim linking, suggestions): it holds back while imports run, so a bulk upload
// has the CPU to itself, and catches up once they pause.

/**
 * How long after this process's last import ended background work waits before it starts: a bulk
 * upload arrives as back-to-back requests, and work between two of them would take the CPU the
 * next one needs.
 */
export const importSettleMilliseconds = 500;

/**
 * The longest background work holds back for imports before it does one piece anyway, so a steady
 * stream of imports slows it down to a piece per interval but never stops it.
 */
export const defaultLongestImportYieldMilliseconds = 10_000;

export class ImportActivity {
  #running = 0;
  #lastEndedAt = Number.NEGATIVE_INFINITY;

  /** Runs an import, counted as running until it settles. */
  async during<Result>(work: () => Promise<Result>): Promise<Result> {
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
      this.#lastEndedAt = performance.now();
    }
  }

  /**
   * Resolves once no import has run for `importSettleMilliseconds`, after
   * `longestYieldMilliseconds` at most, or as soon as `isStopped()` says so.
   */
  async paused(longestYieldMilliseconds: number, isStopped: () => boolean): Promise<void> {
    const since = performance.now();
    for (;;) {
      const now = performance.now();
      const quietFor = this.#running > 0 ? 0 : now - this.#lastEndedAt;
      if (quietFor >= importSettleMilliseconds || isStopped()) return;
      const yieldLeft = longestYieldMilliseconds - (now - since);
      if (yieldLeft <= 0) return;
      const wait = Math.min(yieldLeft, this.#running > 0 ? 100 : importSettleMilliseconds - quietFor);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
