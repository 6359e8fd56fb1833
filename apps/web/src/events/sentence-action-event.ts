import type { CueSpan } from '@attest/core';

/** What the analyst asked to do with the selected sentence, by button or menu. */
export type SentenceAction =
  | 'accept-suggestion'
  | 'start-split'
  | 'split'
  | 'merge-next'
  | 'start-cue'
  | 'choose-cue-kind'
  | 'add-cue'
  | 'cancel'
  | 'return-focus';

/** The analyst pressed a button that acts on the selected sentence. */
export class SentenceActionEvent extends Event {
  static readonly eventName = 'attest-sentence-action';
  readonly action: SentenceAction;
  /** For choose-cue-kind and add-cue: the kind of cue to mark. */
  readonly cueKind: CueSpan['kind'] | undefined;

  constructor(action: SentenceAction, cueKind?: CueSpan['kind']) {
    super(SentenceActionEvent.eventName, { bubbles: true, composed: true });
    this.action = action;
    this.cueKind = cueKind;
  }
}

declare global {
  interface HTMLElementEventMap {
    [SentenceActionEvent.eventName]: SentenceActionEvent;
  }
}
