/** Asks <attest-app> to show another route, optionally with a notice for the next page. */
export class NavigateEvent extends Event {
  static readonly eventName = 'attest-navigate';
  readonly path: string;
  readonly notice: string | undefined;

  constructor(path: string, notice?: string) {
    super(NavigateEvent.eventName, { bubbles: true, composed: true });
    this.path = path;
    this.notice = notice;
  }
}

declare global {
  interface HTMLElementEventMap {
    [NavigateEvent.eventName]: NavigateEvent;
  }
}
