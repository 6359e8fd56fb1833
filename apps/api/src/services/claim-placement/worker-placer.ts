// Claim placement for the background linker in a long-lived worker thread (placement-job.ts),
// so the scorer's CPU never holds up the server's event loop.
import type { ClaimPlacement } from '@attest/core';
import { WorkerJobs } from '../../lib/worker-jobs.ts';
import type { ClaimPlacer } from './place.ts';
import type { PlacementJob } from './placement-job.ts';

export class WorkerPlacer {
  readonly #jobs = new WorkerJobs<PlacementJob, ClaimPlacement>(
    new URL('./placement-job.ts', import.meta.url),
    'claim placement',
  );

  readonly place: ClaimPlacer = (pool, rejectedPairs) =>
    this.#jobs.run({ pool, rejectedPairs: new Set(rejectedPairs) });

  close(): Promise<void> {
    return this.#jobs.close();
  }
}
