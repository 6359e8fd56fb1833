/** The analyst set (label) or cleared (null) the label of a sentence. */
export class LabelChangeEvent extends Event {
  static readonly eventName = 'attest-label-change';
  readonly label: string | null;

  constructor(label: string | null) {
    super(LabelChangeEvent.eventName, { bubbles: true, composed: true });
    this.label = label;
  }
}

declare global {
  interface HTMLElementEventMap {
    [LabelChangeEvent.eventName]: LabelChangeEvent;
  }
}
