// Trains a project's model in a worker thread and resolves with it.
import { Worker } from 'node:worker_threads';
import type { GoldDocument, SuggestionModel } from '@attest/core';

export interface TrainedModel {
  model: SuggestionModel;
  milliseconds: number;
}

export function trainInWorker(documents: readonly GoldDocument[]): Promise<TrainedModel> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../lib/worker-entry.mjs', import.meta.url), {
      workerData: { entry: new URL('./training-job.ts', import.meta.url).href, documents },
    });
    worker.once('message', (trained: TrainedModel) => {
      resolve(trained);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The model training worker stopped with exit code ${code}.`));
    });
  });
}
