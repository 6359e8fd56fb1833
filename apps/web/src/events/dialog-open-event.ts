/** Which of the annotate view's help dialogs a button asked for. */
export type HelpDialog = 'guidelines' | 'help' | 'history';

/** The analyst pressed a button that opens one of the annotate view's help dialogs. */
export class DialogOpenEvent extends Event {
  static readonly eventName = 'attest-dialog-open';
  readonly dialog: HelpDialog;

  constructor(dialog: HelpDialog) {
    super(DialogOpenEvent.eventName, { bubbles: true, composed: true });
    this.dialog = dialog;
  }
}

declare global {
  interface HTMLElementEventMap {
    [DialogOpenEvent.eventName]: DialogOpenEvent;
  }
}
