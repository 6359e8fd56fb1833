/** An owner confirmed a deletion and the server deleted the document or project. */
export class DeleteEvent extends Event {
  static readonly eventName = 'attest-delete';
  /** "“Title”: 12 annotations, 1 adjudication and 30 history entries", for a notice. */
  readonly summary: string;

  constructor(summary: string) {
    super(DeleteEvent.eventName, { bubbles: true, composed: true });
    this.summary = summary;
  }
}

declare global {
  interface HTMLElementEventMap {
    [DeleteEvent.eventName]: DeleteEvent;
  }
}
