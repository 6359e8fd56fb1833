import { stateMediaNames } from '@attest/core';
import { describe, expect, it } from 'vitest';
import { type EvidenceToCheck, evidenceWarnings, isStateMedia } from './evidence-warnings.ts';

function check(overrides: Partial<EvidenceToCheck>) {
  const evidence: EvidenceToCheck = {
    label: 'kcna_claim',
    text: 'It added that the visit would open a new chapter.',
    source: null,
    chain: [],
    cues: [],
    ...overrides,
  };
  return evidenceWarnings(evidence).map((warning) => warning.id);
}

describe('isStateMedia', () => {
  it('recognises the state media the guidelines name, in any case', () => {
    for (const name of [
      'KCNA',
      'Rodong Sinmun',
      'KCTV',
      'state media',
      'the official news agency',
      'Korean Central Television',
    ]) {
      expect(isStateMedia(name)).toBe(true);
    }
  });

  it('recognises every state-media source the suggester records', () => {
    expect(stateMediaNames.length).toBeGreaterThan(0);
    for (const name of [...stateMediaNames, 'Radio Pyongyang', 'the Voice of Korea']) {
      expect(isStateMedia(name)).toBe(true);
    }
  });

  it('does not take other sources for state media', () => {
    for (const name of ['JCS', 'Yonhap', 'unification ministry', 'observers', 'the agency', 'statement']) {
      expect(isStateMedia(name)).toBe(false);
    }
  });
});

describe('evidenceWarnings', () => {
  it('warns about a KCNA claim with no state-media source anywhere', () => {
    expect(check({ source: 'JCS', chain: ['Yonhap', 'JCS'] })).toEqual(['kcna-without-state-media']);
  });

  it('accepts a KCNA claim whose sentence names state media', () => {
    expect(check({ text: 'The rally showed unity, the Korean Central News Agency said.' })).toEqual([]);
  });

  it('accepts a KCNA claim whose source or chain is state media', () => {
    expect(check({ source: 'KCNA' })).toEqual([]);
    expect(check({ chain: ['Yonhap', 'Rodong Sinmun'] })).toEqual([]);
  });

  it('accepts a KCNA claim carried over by the suggestion’s chain', () => {
    expect(check({ suggestedSource: 'KCNA', suggestedChain: ['Yonhap', 'KCNA'] })).toEqual([]);
  });

  it('warns about a reported fact with hedge cues, and not without them', () => {
    const text = 'The launch was likely a test of a new engine.';
    expect(check({ label: 'reported_fact', text, cues: [{ kind: 'hedge' }] })).toEqual(['fact-with-hedge']);
    expect(check({ label: 'reported_fact', text, cues: [{ kind: 'source' }] })).toEqual([]);
  });

  it('has nothing to say about observer inferences or other labels', () => {
    expect(check({ label: 'observer_inference', cues: [{ kind: 'hedge' }] })).toEqual([]);
    expect(check({ label: 'custom_label' })).toEqual([]);
  });
});
