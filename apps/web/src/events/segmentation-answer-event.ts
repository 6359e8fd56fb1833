/** The user answered the question a split or merge asked first: go ahead, or not. */
export class SegmentationAnswerEvent extends Event {
  static readonly eventName = 'attest-segmentation-answer';
  readonly isConfirmed: boolean;

  constructor(isConfirmed: boolean) {
    super(SegmentationAnswerEvent.eventName, { bubbles: true, composed: true });
    this.isConfirmed = isConfirmed;
  }
}

declare global {
  interface HTMLElementEventMap {
    [SegmentationAnswerEvent.eventName]: SegmentationAnswerEvent;
  }
}
