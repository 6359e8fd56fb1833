import type { AnnotationSnapshot } from '@attest/core';
import { describe, expect, it } from 'vitest';
import { evidenceChanges } from './history-changes.ts';

const reportedFact: AnnotationSnapshot = {
  label: 'reported_fact',
  source: null,
  chain: [],
  cues: [],
  note: null,
  version: 1,
};

describe('evidenceChanges', () => {
  it('names a source-only edit, which keeps the label', () => {
    expect(evidenceChanges(reportedFact, { ...reportedFact, source: 'KCNA', version: 2 })).toEqual([
      'Source: KCNA (was none)',
    ]);
  });

  it('names the chain, the cue words and the note', () => {
    const after: AnnotationSnapshot = {
      ...reportedFact,
      chain: ['Yonhap', 'KCNA'],
      cues: [{ start: 0, end: 4, kind: 'source' }],
      note: 'Check the quote.',
      version: 2,
    };
    expect(evidenceChanges(reportedFact, after)).toEqual([
      'Chain: Yonhap → KCNA (was none)',
      'Cue words: 1 added (now 1)',
      'Note: “Check the quote.”',
    ]);
    expect(evidenceChanges(after, reportedFact)).toEqual([
      'Chain: none (was Yonhap → KCNA)',
      'Cue words: 1 removed (now 0)',
      'Note removed',
    ]);
  });

  it('says nothing more when a sentence is first tagged or cleared', () => {
    expect(evidenceChanges(null, reportedFact)).toEqual([]);
    expect(evidenceChanges(reportedFact, null)).toEqual([]);
  });
});
