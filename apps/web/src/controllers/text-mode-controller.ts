// What the selected sentence's text is being used for in the annotate view: reading (browse),
// picking a split point (split mode) or picking cue words (cue mode), and the keys and mouse
// picks each mode takes.
import type { CueSpan, Sentence } from '@attest/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { cueKindKeys } from '../components/attest-cue-editor.ts';
import { cueKindNames } from '../components/attest-evidence-panel.ts';
import type { TextMode } from '../components/attest-sentence-list.ts';
import {
  initialSplitPoint,
  isSplitPoint,
  moveSplitPoint,
  moveWordRange,
  spanOfWords,
  type WordRange,
  type WordSpan,
  wordsInSpan,
  wordsOf,
} from '../components/sentence-text.ts';
import type { SentenceAction } from '../events/sentence-action-event.ts';
import type { TextPickEvent } from '../events/text-pick-event.ts';

export interface TextModeActions {
  /** The sentence the modes work on. */
  selected(): Sentence | undefined;
  /** True while a split or merge is under way: no mode starts then. */
  isBusy(): boolean;
  /** Whether the sentence has a label: cues are saved with it. */
  isTagged(sentenceId: string): boolean;
  /** Adds a cue (offsets into the document) to the sentence's annotation; false when it has none. */
  addCue(sentence: Sentence, cue: CueSpan): boolean;
  /** Splits the selected sentence at the split point (Enter in split mode). */
  split(): void;
  /** Reads a change out to screen readers. */
  announce(text: string): void;
  /** Shows a visible warning; null clears the message. */
  showWarning(text: string | null): void;
  focusSentences(): void;
}

export class TextModeController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly actions: TextModeActions;
  private currentMode: TextMode = 'browse';
  private point: number | null = null;
  private picked: WordRange | null = null;
  private kind: CueSpan['kind'] = 'source';

  constructor(host: ReactiveControllerHost, actions: TextModeActions) {
    this.host = host;
    this.actions = actions;
    host.addController(this);
  }

  /** A page left mid-split or mid-cue comes back to reading. */
  hostDisconnected(): void {
    this.leave();
  }

  /** Reading, split mode or cue-marking mode on the selected sentence. */
  get mode(): TextMode {
    return this.currentMode;
  }

  /** Split mode: where the selected sentence would be split, relative to its text. */
  get splitPoint(): number | null {
    return this.point;
  }

  /** The kind a new cue is marked as. */
  get cueKind(): CueSpan['kind'] {
    return this.kind;
  }

  set cueKind(kind: CueSpan['kind']) {
    this.kind = kind;
    this.host.requestUpdate();
  }

  /**
   * The cue-marking actions of the sentence's buttons (start, choose a kind, add, cancel); false
   * for an action that is not a mode's, which the page then handles.
   */
  runAction(action: SentenceAction, cueKind: CueSpan['kind'] | undefined): boolean {
    if (action === 'start-cue') this.startCueMarking();
    else if (action === 'choose-cue-kind') {
      if (cueKind) this.cueKind = cueKind;
    } else if (action === 'add-cue') this.addCue(cueKind ?? this.kind);
    else if (action === 'cancel') this.cancel();
    else return false;
    return true;
  }

  /** Cue mode: the picked words of the sentence, relative to its text. */
  pickedSpan(sentence: Sentence): WordSpan | null {
    return this.picked ? spanOfWords(wordsOf(sentence.text), this.picked) : null;
  }

  pickedText(sentence: Sentence): string {
    const span = this.pickedSpan(sentence);
    return span ? sentence.text.slice(span.start, span.end) : '';
  }

  /** Back to reading, without a word. */
  leave(): void {
    this.set('browse', null, null);
  }

  /** Escape or Cancel: leaves the mode, saying so. */
  cancel(): void {
    if (this.currentMode === 'browse') return;
    this.actions.announce(this.currentMode === 'split' ? 'Split cancelled.' : 'Cue marking cancelled.');
    this.leave();
    this.actions.focusSentences();
  }

  startSplit(sentence: Sentence): void {
    const point = initialSplitPoint(sentence.text);
    if (point === null) {
      this.actions.showWarning(`Sentence ${sentence.position + 1} is too short to split.`);
      return;
    }
    this.set('split', point, null);
    this.actions.showWarning(null);
    this.actions.announce(
      `Split mode for sentence ${sentence.position + 1}. Left and right arrows move the split point, Enter splits, Escape cancels. ${describeSplit(sentence.text, point)}`,
    );
    this.actions.focusSentences();
  }

  startCueMarking(range?: WordRange): void {
    const sentence = this.actions.selected();
    if (!sentence || this.actions.isBusy()) return;
    if (!this.actions.isTagged(sentence.id)) {
      const text = `Tag sentence ${sentence.position + 1} first: cue words are saved with its label.`;
      this.actions.showWarning(text);
      this.actions.announce(text);
      return;
    }
    this.set('cue', null, range ?? (wordsOf(sentence.text).length > 0 ? { anchor: 0, focus: 0 } : null));
    this.actions.showWarning(null);
    this.actions.announce(
      `Cue marking for sentence ${sentence.position + 1}. Arrows move to a word, Shift with arrows extends, Enter adds the cue as ${cueKindNames[this.kind]}, Escape cancels. ${this.pickedDescription(sentence)}`,
    );
    this.actions.focusSentences();
  }

  addCue(kind: CueSpan['kind']): void {
    const sentence = this.actions.selected();
    const span = sentence ? this.pickedSpan(sentence) : null;
    if (!sentence || !span) return;
    const cue: CueSpan = { start: sentence.start + span.start, end: sentence.start + span.end, kind };
    if (!this.actions.addCue(sentence, cue)) return;
    this.actions.announce(
      `Cue “${sentence.text.slice(span.start, span.end)}” (${cueKindNames[kind]}) added to sentence ${sentence.position + 1}.`,
    );
    this.leave();
    this.actions.focusSentences();
  }

  /** Takes a key in split or cue mode; true when the mode used it (or holds it back). */
  handleKey(event: KeyboardEvent): boolean {
    const sentence = this.actions.selected();
    if (this.currentMode === 'browse' || !sentence) return false;
    if (event.key === 'Escape') {
      this.cancel();
      return true;
    }
    if (event.key === 'Enter') {
      if (this.currentMode === 'split') this.actions.split();
      else this.addCue(this.kind);
      return true;
    }
    const step = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (step !== 0 && this.currentMode === 'split' && this.point !== null) {
      this.point = moveSplitPoint(sentence.text, this.point, step, event.ctrlKey || event.altKey);
      this.host.requestUpdate();
      this.actions.announce(describeSplit(sentence.text, this.point));
      return true;
    }
    if (step !== 0 && this.currentMode === 'cue') {
      const words = wordsOf(sentence.text);
      this.picked = this.picked
        ? moveWordRange(words, this.picked, step, event.shiftKey)
        : { anchor: 0, focus: 0 };
      this.host.requestUpdate();
      this.actions.announce(this.pickedDescription(sentence));
      return true;
    }
    if (this.currentMode === 'cue' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const kind = (Object.keys(cueKindKeys) as CueSpan['kind'][]).find(
        (key) => cueKindKeys[key] === event.key,
      );
      if (kind) {
        this.cueKind = kind;
        this.actions.announce(`Cue kind: ${cueKindNames[kind]}.`);
        return true;
      }
    }
    // The other segmentation and cue keys, and clearing the label, wait until the mode is left.
    return ['s', 'm', 'c', 'e', 'Backspace', 'Delete'].includes(event.key);
  }

  /** A click or mouse selection in the selected sentence's text: a split point, or cue words. */
  handlePick(event: TextPickEvent): void {
    const sentence = this.actions.selected();
    if (!sentence) return;
    if (this.currentMode === 'split') {
      if (!isSplitPoint(sentence.text, event.start)) return;
      this.point = event.start;
      this.host.requestUpdate();
      this.actions.announce(describeSplit(sentence.text, event.start));
      return;
    }
    const range = wordsInSpan(wordsOf(sentence.text), { start: event.start, end: event.end });
    if (!range) return;
    if (this.currentMode === 'browse') {
      this.startCueMarking(range);
      return;
    }
    this.picked = range;
    this.host.requestUpdate();
    this.actions.announce(this.pickedDescription(sentence));
  }

  private pickedDescription(sentence: Sentence): string {
    const text = this.pickedText(sentence);
    return text ? `Picked: ${text}.` : 'No words picked.';
  }

  private set(mode: TextMode, point: number | null, picked: WordRange | null): void {
    this.currentMode = mode;
    this.point = point;
    this.picked = picked;
    this.host.requestUpdate();
  }
}

/** "Split after “…three words” and before “three words…”", for screen readers. */
function describeSplit(text: string, point: number): string {
  const before = text.slice(0, point).trim().split(/\s+/).slice(-3).join(' ');
  const after = text.slice(point).trim().split(/\s+/).slice(0, 3).join(' ');
  return `Split after “${before}”, before “${after}”.`;
}
