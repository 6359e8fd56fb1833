// Group commit for many callers of one short statement: while a batch is out, further items
// wait, and when it comes back they go out together as the next statement. A lone caller's item
// goes out at once and alone, so nothing ever waits for a batch to fill; under load, one
// statement (one round trip, one commit) carries the items that queued meanwhile. A batch that is
// slow to come back (it waits for a lock, say) does not hold the rest: after `overlapAfterMs`
// another goes out beside it, up to `maxInFlight`.
import { errorCodesOf } from './error-codes.ts';

export interface BatchSenderOptions<Item, Result> {
  /** Sends one batch as one statement; answers each item's result, in the order given. */
  send(items: readonly Item[]): Promise<Result[]>;
  /** Keys no two items of one batch may share (two writes of the same row): the later waits. */
  exclusiveKeys(item: Item): readonly string[];
  /** Batches out at once at most: the connections their statements can use. */
  maxInFlight: number;
  /** How long the newest batch out must have been out before another may join it. */
  overlapAfterMs: number;
  maxBatchSize: number;
}

interface Pending<Item, Result> {
  item: Item;
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class BatchSender<Item, Result> {
  readonly #options: BatchSenderOptions<Item, Result>;
  #queue: Pending<Item, Result>[] = [];
  /** When each batch out now was sent (`performance.now()`). */
  readonly #sentAt: number[] = [];
  #overlapTimer: NodeJS.Timeout | undefined;
  /** The keys of every item out now: an item sharing one waits until that item is answered. */
  readonly #keysOut = new Set<string>();

  constructor(options: BatchSenderOptions<Item, Result>) {
    this.#options = options;
  }

  send(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      this.#sendWhatMayGo();
    });
  }

  #sendWhatMayGo(): void {
    while (this.#queue.length > 0 && this.#sentAt.length < this.#options.maxInFlight) {
      const overlapInMs =
        this.#sentAt.length === 0
          ? 0
          : Math.max(...this.#sentAt) + this.#options.overlapAfterMs - performance.now();
      if (overlapInMs > 0) {
        this.#sendAfter(overlapInMs);
        return;
      }
      const { batch, keys } = this.#takeBatch();
      if (batch.length === 0) return;
      const sentAt = performance.now();
      this.#sentAt.push(sentAt);
      void this.#sendBatch(batch).finally(() => {
        this.#sentAt.splice(this.#sentAt.indexOf(sentAt), 1);
        for (const key of keys) this.#keysOut.delete(key);
        this.#sendWhatMayGo();
      });
    }
  }

  /** Looks again once a slow batch has been out long enough for another to join it. */
  #sendAfter(milliseconds: number): void {
    if (this.#overlapTimer) return;
    this.#overlapTimer = setTimeout(() => {
      this.#overlapTimer = undefined;
      this.#sendWhatMayGo();
    }, Math.ceil(milliseconds));
    // Items waiting are promises someone awaits; the timer alone keeps no process alive.
    this.#overlapTimer.unref();
  }

  /**
   * The oldest items that may go out now together: none sharing a key with another in this
   * batch, out already, or waiting ahead of it (items that share a key go in the order they
   * came). The rest keep their places in the queue.
   */
  #takeBatch(): { batch: Pending<Item, Result>[]; keys: string[] } {
    const batch: Pending<Item, Result>[] = [];
    const batchKeys: string[] = [];
    const waiting: Pending<Item, Result>[] = [];
    const keysWaiting = new Set<string>();
    for (const pending of this.#queue) {
      const keys = this.#options.exclusiveKeys(pending.item);
      const isFree = (key: string) => !this.#keysOut.has(key) && !keysWaiting.has(key);
      if (batch.length < this.#options.maxBatchSize && keys.every(isFree)) {
        batch.push(pending);
        for (const key of keys) {
          this.#keysOut.add(key);
          batchKeys.push(key);
        }
      } else {
        waiting.push(pending);
        for (const key of keys) keysWaiting.add(key);
      }
    }
    this.#queue = waiting;
    return { batch, keys: batchKeys };
  }

  async #sendBatch(batch: readonly Pending<Item, Result>[]): Promise<void> {
    try {
      const results = await this.#options.send(batch.map((pending) => pending.item));
      for (const [index, pending] of batch.entries()) pending.resolve(results[index] as Result);
    } catch (error) {
      if (batch.length === 1 || !wasRefusedWhole(error)) {
        for (const pending of batch) pending.reject(error);
        return;
      }
      // One item's failure (a unique key a concurrent retry took, a deadlock) refuses the whole
      // statement and writes nothing: each item is sent again alone and gets its own answer.
      await Promise.all(
        batch.map(async (pending) => {
          try {
            const [result] = await this.#options.send([pending.item]);
            pending.resolve(result as Result);
          } catch (itemError) {
            pending.reject(itemError);
          }
        }),
      );
    }
  }
}

/**
 * Whether PostgreSQL refused the statement, which then wrote nothing: an error with a SQLSTATE
 * other than a lost connection's (class 08) or a shutdown's (57P). After a lost connection the
 * statement may have committed, and sending its items again could write them twice.
 */
function wasRefusedWhole(error: unknown): boolean {
  const states = errorCodesOf(error).filter((code) => /^([0-9]{2}|F0|HV|P0|XX)[0-9A-Z]{3}$/.test(code));
  return states.length > 0 && states.every((state) => !state.startsWith('08') && !state.startsWith('57P'));
}
