// The names a person reads for the kinds of cue words (the API sends keys such as reporting_verb).
import type { CueSpan } from '@attest/core';

export const cueKindNames: Readonly<Record<CueSpan['kind'], string>> = {
  source: 'Source',
  reporting_verb: 'Reporting verb',
  hedge: 'Hedge',
  anaphora: 'Anaphora',
  content: 'Content',
  other: 'Other',
};
