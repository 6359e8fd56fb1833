/** The analyst asked to send the failed saves again. */
export class SaveRetryEvent extends Event {
  static readonly eventName = 'attest-save-retry';

  constructor() {
    super(SaveRetryEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [SaveRetryEvent.eventName]: SaveRetryEvent;
  }
}
