// Runs in a worker thread: places documents' sentences among claims as the background linker
// asks, one message per document, so the scorer's CPU never holds up the server's event loop.
import { parentPort } from 'node:worker_threads';
import type { PooledSentence } from '@attest/core';
import { placeInClaims } from './place.ts';

interface PlacementRequest {
  id: number;
  pool: PooledSentence[];
  rejectedPairs: Set<string>;
}

parentPort?.on('message', ({ id, pool, rejectedPairs }: PlacementRequest) => {
  try {
    parentPort?.postMessage({ id, placed: placeInClaims(pool, rejectedPairs) });
  } catch (error) {
    parentPort?.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
