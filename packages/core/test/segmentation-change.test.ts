import { describe, expect, it } from 'vitest';
import { applySegmentationChange, type Sentence } from '../src/index.ts';

function sentences(count: number): Sentence[] {
  return Array.from({ length: count }, (_, position) => ({
    id: `s${position}`,
    position,
    start: position * 10,
    end: position * 10 + 9,
    kind: 'sentence' as const,
    text: `Sentence ${position}`,
    suggestion: null,
  }));
}

describe('applySegmentationChange', () => {
  it('puts a split’s second half after the first and moves the later sentences down', () => {
    const before = sentences(5);
    const left = { ...before[1]!, end: 14, text: 'Sent' };
    const right = { ...before[1]!, id: 'new', position: 2, start: 15, text: 'ence 1' };
    const after = applySegmentationChange(before, {
      sentences: [left, right],
      removedSentenceIds: [],
      shift: { afterPosition: 1, by: 1 },
    });
    expect(after.map((sentence) => [sentence.id, sentence.position])).toEqual([
      ['s0', 0],
      ['s1', 1],
      ['new', 2],
      ['s2', 3],
      ['s3', 4],
      ['s4', 5],
    ]);
    expect(after[1]).toBe(left);
    // Sentences before the change are the same objects: nothing about them is redrawn.
    expect(after[0]).toBe(before[0]);
  });

  it('drops a merge’s second part and moves the later sentences up', () => {
    const before = sentences(5);
    const merged = { ...before[2]!, end: 39, text: 'Sentence 2 Sentence 3' };
    const after = applySegmentationChange(before, {
      sentences: [merged],
      removedSentenceIds: ['s3'],
      shift: { afterPosition: 3, by: -1 },
    });
    expect(after.map((sentence) => [sentence.id, sentence.position])).toEqual([
      ['s0', 0],
      ['s1', 1],
      ['s2', 2],
      ['s4', 3],
    ]);
    expect(after[2]).toBe(merged);
  });

  it('takes a later sentence’s new suggestion with its new position from the answer', () => {
    const before = sentences(4);
    const suggestion = { label: 'reported', confidence: 0.5, source: null, chain: [], cues: [], rule: 'x' };
    const later: Sentence = { ...before[3]!, position: 4, suggestion };
    const right = { ...before[0]!, id: 'new', position: 1, start: 5 };
    const after = applySegmentationChange(before, {
      sentences: [before[0]!, right, later],
      removedSentenceIds: [],
      shift: { afterPosition: 0, by: 1 },
    });
    expect(after.map((sentence) => sentence.position)).toEqual([0, 1, 2, 3, 4]);
    expect(after[4]).toBe(later);
  });
});
