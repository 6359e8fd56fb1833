// What each API process runs after its imports have answered: the claim linker and the filler
// of suggestions, both holding back while the process imports.
import type { Database } from '@attest/db';
import { ImportActivity } from '../lib/import-activity.ts';
import { ClaimLinker } from './claim-linker.ts';
import { SuggestionFiller } from './suggestion-filler.ts';

export interface BackgroundWork {
  claimLinker: ClaimLinker;
  suggestionFiller: SuggestionFiller;
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
  const suggestionFiller = new SuggestionFiller(db, { ...options, imports }).start();
  return {
    claimLinker,
    suggestionFiller,
    stop: async () => {
      await Promise.all([claimLinker.stop(), suggestionFiller.stop()]);
    },
  };
}
