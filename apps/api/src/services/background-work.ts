// What each API process runs after its imports have answered: the claim linker and the filler
// of attribution spans, both holding back while the process imports.
import type { Database } from '@attest/db';
import { ImportActivity } from '../lib/import-activity.ts';
import { AttributionSpanFiller } from './attribution-spans.ts';
import { ClaimLinker } from './claim-linker.ts';

export interface BackgroundWork {
  claimLinker: ClaimLinker;
  attributionSpans: AttributionSpanFiller;
  /** Stops both; what still waits stays queued for the next process. */
  stop(): Promise<void>;
}

/** Starts both; each sweeps at once for what a stopped process left. */
export function startBackgroundWork(
  db: Database,
  options: { warn?: (message: string) => void } = {},
): BackgroundWork {
  const imports = new ImportActivity();
  const claimLinker = new ClaimLinker(db, { ...options, imports }).start();
  const attributionSpans = new AttributionSpanFiller(db, { ...options, imports }).start();
  return {
    claimLinker,
    attributionSpans,
    stop: async () => {
      await Promise.all([claimLinker.stop(), attributionSpans.stop()]);
    },
  };
}
