import { css } from 'lit';

// The host is laid out by the annotate page (a sticky grid): these are its grid items.
export const annotateToolbarStyles = css`
  .help-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-self: start;
  }
  .status-row {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1.5rem;
    padding-top: 0.65rem;
    border-top: 1px solid var(--attest-color-background);
  }
  .progress {
    flex: 1;
    max-width: 26rem;
  }
  /* On a phone the help buttons fit one row: touch has no keys to show. */
  @media (max-width: 40rem) {
    .help-buttons {
      flex-wrap: nowrap;
      gap: 0.35rem;
    }
    .help-buttons kbd {
      display: none;
    }
    .status-row {
      padding-top: 0.4rem;
    }
  }
`;
