import type { Sentence, Suggestion } from '@attest/core';
import { describe, expect, it } from 'vitest';
import { describeQueueJump, nextInQueue, QueueJumper } from './queue-jump.ts';

function sentence(
  position: number,
  learned?: { label: string; ruleLabel: string; margin: number },
): Sentence {
  const suggestion: Suggestion = {
    label: learned?.ruleLabel ?? 'reported_fact',
    confidence: 0.6,
    source: null,
    chain: [],
    cues: [],
    rule: 'unattributed-statement',
    ...(learned
      ? {
          learned: {
            modelVersion: 1,
            goldSentences: 200,
            decided: false,
            probability: 0.5,
            rule: 'unattributed-statement',
            for: [],
            against: [],
            ...learned,
          },
        }
      : {}),
  };
  return { id: `s${position}`, position, start: 0, end: 1, kind: 'sentence', text: 'x', suggestion };
}

const sure = sentence(0, { label: 'reported_fact', ruleLabel: 'reported_fact', margin: 0.8 });
const tossUp = sentence(1, { label: 'reported_fact', ruleLabel: 'reported_fact', margin: 0.05 });
const disputed = sentence(2, { label: 'kcna_claim', ruleLabel: 'reported_fact', margin: 0.6 });
const unsure = sentence(3, { label: 'reported_fact', ruleLabel: 'reported_fact', margin: 0.3 });
const sentences = [sure, tossUp, disputed, unsure];
const nothingLabelled = () => false;

describe('nextInQueue', () => {
  it('goes to a disagreement of rules and model first, then the smallest margin, and on round', () => {
    const order: string[] = [];
    let selected: string | null = null;
    for (let press = 0; press < 5; press++) {
      selected = nextInQueue(sentences, nothingLabelled, selected, true, selected)!.sentence.id;
      order.push(selected);
    }
    expect(order).toEqual(['s2', 's1', 's3', 's0', 's2']);
  });

  it('starts from the head of the queue when the selection was not reached by n', () => {
    // s3 is selected by hand (or first on opening): n goes to the disagreement, not past s3.
    expect(nextInQueue(sentences, nothingLabelled, 's3', true, null)?.sentence.id).toBe('s2');
    expect(nextInQueue(sentences, nothingLabelled, 's3', true, 's1')?.sentence.id).toBe('s2');
  });

  it('skips labelled sentences and starts from the least sure once the selection is labelled', () => {
    const labelled = new Set(['s2']);
    const jump = nextInQueue(sentences, (id) => labelled.has(id), 's2', true);
    expect(jump).toMatchObject({ sentence: { id: 's1' }, place: 1, unlabelledCount: 3 });
  });

  it('keeps document order after the selection without the active queue', () => {
    expect(nextInQueue(sentences, (id) => id === 's2', 's1', false)?.sentence.id).toBe('s3');
    expect(nextInQueue(sentences, (id) => id !== 's0', 's3', false)?.sentence.id).toBe('s0');
  });

  it('has nowhere to go when every sentence is labelled', () => {
    expect(nextInQueue(sentences, () => true, null, true)).toBeUndefined();
  });
});

describe('describeQueueJump', () => {
  it('says why the sentence comes now', () => {
    expect(describeQueueJump(nextInQueue(sentences, nothingLabelled, null, true)!)).toBe(
      'Sentence 3, 1 of 4 unlabelled in the queue (least sure first): the rules and the model disagree.',
    );
    expect(describeQueueJump(nextInQueue(sentences, nothingLabelled, 's2', true, 's2')!)).toBe(
      "Sentence 2, 2 of 4 unlabelled in the queue (least sure first): the model's two likeliest labels are 5 points apart.",
    );
    expect(describeQueueJump(nextInQueue(sentences, nothingLabelled, 's1', false)!)).toBe(
      'Sentence 3: the next unlabelled sentence (4 unlabelled).',
    );
  });
});

describe('QueueJumper', () => {
  it('moves down the queue when n is pressed again where it last went, by the model only with the queue on', () => {
    const jumper = new QueueJumper();
    const first = jumper.next(sentences, nothingLabelled, null, true);
    expect(first?.sentence.id).toBe('s2');
    expect(jumper.next(sentences, nothingLabelled, 's2', true)?.sentence.id).toBe('s1');
    // Elsewhere than its last jump, it starts from the top of the queue again.
    expect(jumper.next(sentences, nothingLabelled, 's0', true)?.sentence.id).toBe('s2');
    // Queue off: document order after the selection, with no model reading.
    const off = new QueueJumper().next(sentences, nothingLabelled, 's0', false);
    expect(off?.sentence.id).toBe('s1');
    expect(off?.reading).toBeNull();
  });

  it('keeps document order while the model has read none of the sentences', () => {
    const unread = [sentence(0), sentence(1), sentence(2)];
    const jump = new QueueJumper().next(unread, nothingLabelled, 's1', true);
    expect(jump?.sentence.id).toBe('s2');
    expect(jump?.reading).toBeNull();
  });
});
