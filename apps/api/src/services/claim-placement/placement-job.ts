// Runs in a worker thread: places documents' sentences among claims as the background linker
// asks, one job per document (worker-placer.ts).
import type { PooledSentence } from '@attest/core';
import { answerJobs } from '../../lib/worker-jobs.ts';
import { placeInClaims } from './place.ts';

export interface PlacementJob {
  pool: readonly PooledSentence[];
  rejectedPairs: ReadonlySet<string>;
}

answerJobs(({ pool, rejectedPairs }: PlacementJob) => placeInClaims(pool, rejectedPairs));
