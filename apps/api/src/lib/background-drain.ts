// A queue drained in the background by one loop at a time: woken after the work that fills the
// queue, at start-up and every sweep; a wake during a drain makes it look again when it ends.

/** How often a drain looks for waiting work besides the wakes, by default. */
export const defaultSweepMilliseconds = 60_000;

export interface DrainOptions {
  /** False when a caller waits for the drain (`drain()`): it does not hold back for imports. */
  yieldToImports: boolean;
}

export class BackgroundDrain {
  readonly #run: (options: DrainOptions) => Promise<void>;
  readonly #sweepMilliseconds: number;
  #draining: Promise<void> | undefined;
  #wokenWhileDraining = false;
  #timer: NodeJS.Timeout | undefined;
  #isStopped = false;

  constructor(run: (options: DrainOptions) => Promise<void>, sweepMilliseconds: number) {
    this.#run = run;
    this.#sweepMilliseconds = sweepMilliseconds;
  }

  get isStopped(): boolean {
    return this.#isStopped;
  }

  /** Drains now (what a stopped process left) and then every sweep. */
  start(): void {
    this.wake();
    this.#timer = setInterval(() => this.wake(), this.#sweepMilliseconds);
    this.#timer.unref();
  }

  /** Drains soon; a wake during a drain makes it look again when it ends. */
  wake(): void {
    if (this.#isStopped) return;
    if (this.#draining) {
      this.#wokenWhileDraining = true;
      return;
    }
    this.#draining = this.#run({ yieldToImports: true }).finally(() => {
      this.#draining = undefined;
      if (this.#wokenWhileDraining) {
        this.#wokenWhileDraining = false;
        this.wake();
      }
    });
  }

  /** Drains now, without holding back for imports; resolves when the drain ends. */
  async drain(): Promise<void> {
    while (this.#draining) await this.#draining;
    this.#draining = this.#run({ yieldToImports: false });
    try {
      await this.#draining;
    } finally {
      this.#draining = undefined;
    }
  }

  /** Stops sweeping and waits for the drain under way. */
  async stop(): Promise<void> {
    this.#isStopped = true;
    clearInterval(this.#timer);
    await this.#draining;
  }
}
