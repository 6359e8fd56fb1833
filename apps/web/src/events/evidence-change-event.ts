import type { CueSpan } from '@attest/core';

/** The parts of an annotation's evidence the analyst can edit; absent parts stay as they are. */
export interface EvidenceChange {
  source?: string | null;
  cues?: readonly CueSpan[];
  note?: string | null;
}

/** The analyst edited the selected sentence's source, cues or note. */
export class EvidenceChangeEvent extends Event {
  static readonly eventName = 'attest-evidence-change';
  readonly change: EvidenceChange;

  constructor(change: EvidenceChange) {
    super(EvidenceChangeEvent.eventName, { bubbles: true, composed: true });
    this.change = change;
  }
}

declare global {
  interface HTMLElementEventMap {
    [EvidenceChangeEvent.eventName]: EvidenceChangeEvent;
  }
}
