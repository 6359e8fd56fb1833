/** The analyst picked a sentence with the mouse. */
export class SentenceSelectEvent extends Event {
  static readonly eventName = 'attest-sentence-select';
  readonly sentenceId: string;

  constructor(sentenceId: string) {
    super(SentenceSelectEvent.eventName, { bubbles: true, composed: true });
    this.sentenceId = sentenceId;
  }
}

declare global {
  interface HTMLElementEventMap {
    [SentenceSelectEvent.eventName]: SentenceSelectEvent;
  }
}
