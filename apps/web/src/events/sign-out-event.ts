/** The user asked to sign out; <attest-app> ends the session. */
export class SignOutEvent extends Event {
  static readonly eventName = 'attest-sign-out';

  constructor() {
    super(SignOutEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [SignOutEvent.eventName]: SignOutEvent;
  }
}
