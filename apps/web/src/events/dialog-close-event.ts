/** A dialog closed (Escape, its close button, or the host closing it). */
export class DialogCloseEvent extends Event {
  static readonly eventName = 'attest-dialog-close';

  constructor() {
    super(DialogCloseEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [DialogCloseEvent.eventName]: DialogCloseEvent;
  }
}
