/** The documents a claim linking notice was waiting for are linked: claims shown are stale. */
export class ClaimsLinkedEvent extends Event {
  static readonly eventName = 'attest-claims-linked';

  constructor() {
    super(ClaimsLinkedEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [ClaimsLinkedEvent.eventName]: ClaimsLinkedEvent;
  }
}
