// The words a deletion's confirmation and notice use for what goes with it.
import type { DeletionCounts } from '@attest/core';
import { plural } from './format.ts';

/** "3 documents, 41 annotations, 2 adjudications and 57 history entries". */
export function describeDeletion(counts: DeletionCounts): string {
  const parts = [
    ...(counts.documents === undefined ? [] : [plural(counts.documents, 'document')]),
    plural(counts.annotations, 'annotation'),
    plural(counts.adjudications, 'adjudication'),
    `${counts.historyEntries.toLocaleString('en')} ${counts.historyEntries === 1 ? 'history entry' : 'history entries'}`,
  ];
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
