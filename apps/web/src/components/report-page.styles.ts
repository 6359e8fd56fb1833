// Layout of the two report pages, on screen and in print.
import { css } from 'lit';

export const reportPageStyles = css`
  .report-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin: 0.75rem 0 0;
  }
  .sections {
    display: grid;
    /* Two cards side by side from about 1024 px; one, as wide as the screen, on a phone. */
    grid-template-columns: repeat(auto-fit, minmax(min(30rem, 100%), 1fr));
    gap: 1.25rem;
    margin-top: 1.25rem;
  }
  section.panel {
    padding: 1rem 1.25rem;
    break-inside: avoid;
  }
  /*
   * On a phone a table of many columns keeps whole words and scrolls inside its card; relative,
   * so visually hidden labels stay inside the card rather than widen the page.
   */
  @media (max-width: 40rem) {
    section.panel {
      position: relative;
      overflow-x: auto;
    }
  }
  section.wide {
    grid-column: 1 / -1;
  }
  section h2 {
    margin: 0 0 0.75rem;
    font-size: 1.1rem;
  }
  .figures {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr));
    gap: 0.75rem;
    margin: 0;
  }
  .figures div {
    padding: 0.6rem 0.75rem;
    border-radius: var(--attest-radius);
    background: var(--attest-color-raised);
  }
  .figures dt {
    color: var(--attest-color-muted);
    font-size: 0.8rem;
  }
  .figures dd {
    margin: 0.15rem 0 0;
    font-size: 1.25rem;
    font-weight: 650;
    font-variant-numeric: tabular-nums;
  }
  .note {
    margin: 0.75rem 0 0;
    color: var(--attest-color-muted);
    font-size: 0.85rem;
  }
  table {
    margin-top: 0.75rem;
    font-size: 0.875rem;
  }
  /* Six columns in half the page from 1024 px up: narrow padding fits their headings' whole words. */
  th,
  td {
    padding-inline: 0.4rem;
  }
  caption {
    padding-bottom: 0.25rem;
    color: var(--attest-color-muted);
    font-size: 0.8rem;
    text-align: left;
  }
  td.number,
  th.number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  @media print {
    nav,
    button,
    .report-actions {
      display: none !important;
    }
    .sections {
      display: block;
    }
    section.panel {
      margin-bottom: 1rem;
      box-shadow: none;
      border: 1px solid #d0d5dd;
    }
  }
`;
