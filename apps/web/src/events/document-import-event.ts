import type { ImportResult } from '@attest/core';

/** An article was imported (or found already imported) through the import form. */
export class DocumentImportEvent extends Event {
  static readonly eventName = 'attest-document-import';
  readonly result: ImportResult;

  constructor(result: ImportResult) {
    super(DocumentImportEvent.eventName, { bubbles: true, composed: true });
    this.result = result;
  }
}

declare global {
  interface HTMLElementEventMap {
    [DocumentImportEvent.eventName]: DocumentImportEvent;
  }
}
