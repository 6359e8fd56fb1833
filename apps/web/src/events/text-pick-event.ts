/**
 * The analyst pointed into the selected sentence's text with the mouse: a click (start equals
 * end: a split point) or a selection of words (a cue). Offsets are relative to the sentence text.
 */
export class TextPickEvent extends Event {
  static readonly eventName = 'attest-text-pick';
  readonly start: number;
  readonly end: number;

  constructor(start: number, end: number) {
    super(TextPickEvent.eventName, { bubbles: true, composed: true });
    this.start = start;
    this.end = end;
  }
}

declare global {
  interface HTMLElementEventMap {
    [TextPickEvent.eventName]: TextPickEvent;
  }
}
