/** The signed-in user changed (first run, sign-in, invitation accepted, sign-out): reload who it is. */
export class SessionChangeEvent extends Event {
  static readonly eventName = 'attest-session-change';
  /** Where to go once the session is known again. */
  readonly path: string;

  constructor(path: string) {
    super(SessionChangeEvent.eventName, { bubbles: true, composed: true });
    this.path = path;
  }
}

declare global {
  interface HTMLElementEventMap {
    [SessionChangeEvent.eventName]: SessionChangeEvent;
  }
}
