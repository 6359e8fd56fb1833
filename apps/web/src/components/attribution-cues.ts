// Groups a suggestion's attribution cues into attributions for display: each reporting verb
// with the nearest source and content cues around it (the order suggest() gives them in).
import type { CueSpan } from '@attest/core';

export interface AttributionView {
  source: CueSpan | null;
  cue: CueSpan;
  content: CueSpan | null;
}

export function attributionsOf(cues: readonly CueSpan[]): AttributionView[] {
  const used = new Set<CueSpan>();
  const nearest = (verb: CueSpan, kind: CueSpan['kind']) => {
    let best: CueSpan | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const cue of cues) {
      if (cue.kind !== kind || used.has(cue)) continue;
      const distance = cue.end <= verb.start ? verb.start - cue.end : cue.start - verb.end;
      if (distance >= 0 && distance < bestDistance) {
        best = cue;
        bestDistance = distance;
      }
    }
    if (best) used.add(best);
    return best;
  };
  return cues
    .filter((cue) => cue.kind === 'reporting_verb')
    .map((cue) => ({ source: nearest(cue, 'source'), cue, content: nearest(cue, 'content') }));
}
