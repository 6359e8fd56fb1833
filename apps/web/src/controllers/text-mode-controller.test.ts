// @vitest-environment happy-dom
import type { CueSpan, Sentence } from '@attest/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { describe, expect, it } from 'vitest';
import { TextPickEvent } from '../events/text-pick-event.ts';
import { TextModeController } from './text-mode-controller.ts';

const sentence: Sentence = {
  id: 's1',
  position: 4,
  start: 100,
  end: 139,
  kind: 'sentence',
  text: 'The minister said the dam was finished.',
  suggestion: null,
};

/** A host and the page's side of the modes: what they announce, warn and add. */
function setUp({ isTagged = true } = {}) {
  const controllers: ReactiveController[] = [];
  const host: ReactiveControllerHost = {
    addController: (controller) => controllers.push(controller),
    removeController: () => {},
    requestUpdate: () => {},
    updateComplete: Promise.resolve(true),
  };
  const said: string[] = [];
  const warnings: (string | null)[] = [];
  const cues: CueSpan[] = [];
  let splits = 0;
  const modes = new TextModeController(host, {
    selected: () => sentence,
    isBusy: () => false,
    isTagged: () => isTagged,
    addCue: (_sentence, cue) => {
      cues.push(cue);
      return true;
    },
    split: () => {
      splits += 1;
    },
    announce: (text) => said.push(text),
    showWarning: (text) => warnings.push(text),
    focusSentences: () => {},
  });
  return { modes, said, warnings, cues, splits: () => splits };
}

function key(key: string, modifiers: KeyboardEventInit = {}): KeyboardEvent {
  return new KeyboardEvent('keydown', { key, ...modifiers });
}

describe('TextModeController', () => {
  it('starts split mode at a split point and moves it with the arrows; Enter splits', () => {
    const { modes, said, splits } = setUp();
    modes.startSplit(sentence);
    expect(modes.mode).toBe('split');
    const start = modes.splitPoint;
    expect(start).not.toBeNull();
    expect(modes.handleKey(key('ArrowRight'))).toBe(true);
    expect(modes.splitPoint).toBeGreaterThan(start ?? 0);
    expect(said.at(-1)).toMatch(/^Split after “.*”, before “.*”\.$/);
    expect(modes.handleKey(key('Enter'))).toBe(true);
    expect(splits()).toBe(1);
  });

  it('asks for a label before cue marking, then picks words and adds them as a cue of the kind chosen', () => {
    const untagged = setUp({ isTagged: false });
    untagged.modes.startCueMarking();
    expect(untagged.modes.mode).toBe('browse');
    expect(untagged.warnings).toEqual(['Tag sentence 5 first: cue words are saved with its label.']);

    const { modes, said, cues } = setUp();
    modes.startCueMarking();
    expect(modes.mode).toBe('cue');
    expect(modes.pickedText(sentence)).toBe('The');
    modes.handleKey(key('ArrowRight'));
    modes.handleKey(key('ArrowRight'));
    expect(modes.pickedText(sentence)).toBe('said');
    modes.handleKey(key('ArrowRight', { shiftKey: true }));
    expect(modes.pickedText(sentence)).toBe('said the');
    modes.addCue('reporting_verb');
    expect(cues).toEqual([{ start: 113, end: 121, kind: 'reporting_verb' }]);
    expect(said.at(-1)).toBe('Cue “said the” (Reporting verb) added to sentence 5.');
    expect(modes.mode).toBe('browse');
  });

  it('takes a mouse selection in browse mode as the start of cue marking', () => {
    const { modes } = setUp();
    modes.handlePick(new TextPickEvent(22, 29));
    expect(modes.mode).toBe('cue');
    expect(modes.pickedText(sentence)).toBe('dam was');
  });

  it('holds back the other segmentation keys while a mode is on, and Escape leaves it', () => {
    const { modes, said } = setUp();
    expect(modes.handleKey(key('m'))).toBe(false);
    modes.startSplit(sentence);
    expect(modes.handleKey(key('m'))).toBe(true);
    expect(modes.handleKey(key('Escape'))).toBe(true);
    expect(said.at(-1)).toBe('Split cancelled.');
    expect(modes.mode).toBe('browse');
  });
});
