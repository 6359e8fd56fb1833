import type { CueSpan } from '@attest/core';
import { describe, expect, it } from 'vitest';
import { attributionsOf } from './attribution-cues.ts';

const cue = (start: number, end: number, kind: CueSpan['kind']): CueSpan => ({ start, end, kind });

describe('attributionsOf', () => {
  it('groups each reporting verb with its nearest source and content, several per sentence', () => {
    // "The ministry said the ferry sank, and the coast guard said all were rescued."
    const cues = [
      cue(0, 12, 'source'),
      cue(13, 17, 'reporting_verb'),
      cue(18, 32, 'content'),
      cue(38, 53, 'source'),
      cue(54, 58, 'reporting_verb'),
      cue(59, 77, 'content'),
    ];
    expect(attributionsOf(cues)).toEqual([
      { source: cues[0], cue: cues[1], content: cues[2] },
      { source: cues[3], cue: cues[4], content: cues[5] },
    ]);
  });

  it('keeps an attribution without a named source, and ignores cues of other kinds', () => {
    const cues = [cue(0, 8, 'hedge'), cue(10, 14, 'reporting_verb'), cue(15, 30, 'content')];
    expect(attributionsOf(cues)).toEqual([{ source: null, cue: cues[1], content: cues[2] }]);
    expect(attributionsOf([cue(0, 4, 'source')])).toEqual([]);
  });
});
