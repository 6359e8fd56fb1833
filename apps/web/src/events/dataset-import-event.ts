import type { ImportReport } from '../api/dataset-transfer.ts';

/** Files were imported through the import dialog (some rows may have been reported as bad). */
export class DatasetImportEvent extends Event {
  static readonly eventName = 'attest-dataset-import';
  readonly report: ImportReport;

  constructor(report: ImportReport) {
    super(DatasetImportEvent.eventName, { bubbles: true, composed: true });
    this.report = report;
  }
}

declare global {
  interface HTMLElementEventMap {
    [DatasetImportEvent.eventName]: DatasetImportEvent;
  }
}
