// What one history entry changed besides the label: the source, the attribution chain, the cue
// words and the note, in words an analyst reads ("Source: KCNA (was none)").
import type { AnnotationSnapshot } from '@attest/core';

/** The parts of an annotation that changed from `before` to `after`, one line each. */
export function evidenceChanges(
  before: AnnotationSnapshot | null,
  after: AnnotationSnapshot | null,
): string[] {
  // Tagging an untagged sentence or clearing one says all there is in its label change.
  if (!before || !after) return [];
  const changes: string[] = [];
  if ((before.source ?? '') !== (after.source ?? '')) {
    changes.push(`Source: ${after.source || 'none'} (was ${before.source || 'none'})`);
  }
  if (before.chain.join('\u0000') !== after.chain.join('\u0000')) {
    changes.push(`Chain: ${chainText(after.chain)} (was ${chainText(before.chain)})`);
  }
  const cueKey = (cue: AnnotationSnapshot['cues'][number]) => `${cue.start}:${cue.end}:${cue.kind}`;
  const beforeCues = new Set(before.cues.map(cueKey));
  const afterCues = new Set(after.cues.map(cueKey));
  const added = [...afterCues].filter((key) => !beforeCues.has(key)).length;
  const removed = [...beforeCues].filter((key) => !afterCues.has(key)).length;
  if (added > 0 || removed > 0) {
    const parts = [added > 0 ? `${added} added` : '', removed > 0 ? `${removed} removed` : ''];
    changes.push(`Cue words: ${parts.filter(Boolean).join(', ')} (now ${after.cues.length})`);
  }
  if ((before.note ?? '') !== (after.note ?? '')) {
    changes.push(after.note ? `Note: “${after.note}”` : 'Note removed');
  }
  return changes;
}

function chainText(chain: readonly string[]): string {
  return chain.length > 0 ? chain.join(' → ') : 'none';
}
