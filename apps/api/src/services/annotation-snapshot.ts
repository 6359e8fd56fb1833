import type { AnnotationSnapshot, AnnotationWithLabel } from '@attest/db';

/** The state of an annotation as the history records it. */
export function snapshot(
  annotation: Pick<AnnotationWithLabel, 'labelKey' | 'source' | 'chain' | 'cues' | 'note' | 'version'>,
): AnnotationSnapshot {
  return {
    label: annotation.labelKey,
    source: annotation.source,
    chain: annotation.chain,
    cues: annotation.cues,
    note: annotation.note,
    version: annotation.version,
  };
}
