// A long-lived worker thread that places documents' sentences among claims for the background
// linker (placement-job.ts). Started on first use, referenced only while it works so an idle
// one never keeps a process alive, started again after it fails, and ended by `close()`.
import { Worker } from 'node:worker_threads';
import type { PlacedSentence } from '@attest/core';
import type { ClaimPlacer } from './place.ts';

type Answer = { id: number; placed: PlacedSentence[] } | { id: number; error: string };

interface Pending {
  resolve(placed: PlacedSentence[]): void;
  reject(error: Error): void;
}

export class WorkerPlacer {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();

  readonly place: ClaimPlacer = (pool, rejectedPairs) =>
    new Promise((resolve, reject) => {
      const id = this.#nextId++;
      this.#pending.set(id, { resolve, reject });
      const worker = this.#started();
      // Referenced while it works, so a process waiting for the answer is not ended under it.
      worker.ref();
      worker.postMessage({ id, pool, rejectedPairs: new Set(rejectedPairs) });
    });

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('../../lib/worker-entry.mjs', import.meta.url), {
      workerData: { entry: new URL('./placement-job.ts', import.meta.url).href },
    });
    worker.unref();
    worker.on('message', (answer: Answer) => {
      const pending = this.#pending.get(answer.id);
      this.#pending.delete(answer.id);
      if (this.#pending.size === 0) worker.unref();
      if ('error' in answer) pending?.reject(new Error(answer.error));
      else pending?.resolve(answer.placed);
    });
    const failAll = (error: Error) => {
      if (this.#worker === worker) this.#worker = undefined;
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) =>
      failAll(new Error(`The claim placement worker stopped with exit code ${code}.`)),
    );
    this.#worker = worker;
    return worker;
  }
}
