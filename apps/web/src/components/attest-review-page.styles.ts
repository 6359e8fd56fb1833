import { css } from 'lit';

export const reviewPageStyles = css`
  :host {
    max-width: 90rem;
  }
  .table-panel {
    margin-top: 1rem;
    overflow-x: auto;
  }
  td,
  tbody th {
    vertical-align: top;
  }
  tbody tr {
    cursor: pointer;
  }
  tbody tr[aria-current='true'] > * {
    background: #eef4ff;
  }
  tbody tr[aria-current='true'] > :first-child {
    box-shadow: inset 3px 0 0 var(--attest-color-accent);
  }
  tbody tr:focus-visible {
    outline: var(--attest-focus-ring);
    outline-offset: -2px;
  }
  .position {
    width: 3rem;
    color: var(--attest-color-muted);
    font-variant-numeric: tabular-nums;
  }
  .sentence {
    min-width: 20rem;
    color: var(--attest-color-text);
    font-size: 0.925rem;
    font-weight: 400;
    line-height: 1.5;
  }
  .suggestion {
    font-style: italic;
  }
  .headline {
    font-weight: 650;
  }
  .chip {
    display: inline-block;
    padding: 0.1rem 0.55rem;
    border-radius: 999px;
    background: var(--label-color);
    color: #fff;
    font-weight: 600;
    font-size: 0.8rem;
    white-space: nowrap;
  }
  .detail {
    display: block;
    margin-top: 0.25rem;
    color: var(--attest-color-muted);
    font-size: 0.8rem;
  }
  .untagged {
    color: var(--attest-color-muted);
    font-size: 0.85rem;
  }
  .agreement {
    white-space: nowrap;
    font-size: 0.85rem;
  }
  .differs {
    color: var(--attest-color-warning);
    font-weight: 600;
  }
  tr.disagreement > * {
    background: #fffaeb;
  }
  .empty {
    padding: 1rem 1.25rem;
    color: var(--attest-color-muted);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 1rem;
    margin-top: 1rem;
  }
  /* A fieldset is as wide as its content unless told otherwise: on a phone its options wrap. */
  .toolbar fieldset {
    display: flex;
    flex-wrap: wrap;
    min-width: 0;
    gap: 0.5rem 0.9rem;
    margin: 0;
    padding: 0;
    border: 0;
  }
  .toolbar legend {
    float: left;
    margin-right: 0.5rem;
    font-weight: 600;
  }
  .toolbar label {
    display: inline-flex;
    flex-direction: row;
    align-items: center;
    gap: 0.3rem;
  }
  .toolbar input[type='radio'] {
    width: auto;
    margin: 0;
  }
  .links {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
    margin-left: auto;
  }
  .move-notice {
    margin: 0.75rem 0 0;
  }
  .decision {
    position: sticky;
    top: var(--attest-header-height);
    z-index: 1;
    display: grid;
    grid-template-columns: minmax(0, 1.4fr) minmax(11rem, auto) minmax(12rem, 1fr) auto;
    gap: 1rem;
    align-items: start;
    margin-top: 1rem;
    padding: 0.9rem 1rem;
  }
  .decision h2 {
    margin: 0 0 0.35rem;
    font-size: 1rem;
  }
  .current-text {
    margin: 0;
    font-size: 0.875rem;
    line-height: 1.45;
  }
  .gold-buttons {
    display: grid;
    gap: 0.35rem;
  }
  .gold-buttons .button {
    justify-content: space-between;
    min-height: 2rem;
  }
  .gold-buttons .button[aria-pressed='true'] {
    border-color: var(--attest-color-accent);
    box-shadow: inset 0 0 0 1px var(--attest-color-accent);
    background: var(--attest-color-accent-soft);
  }
  .swatch {
    display: inline-block;
    width: 0.7rem;
    height: 0.7rem;
    margin-right: 0.4rem;
    border-radius: 2px;
    background: var(--label-color);
  }
  textarea {
    min-height: 4.5rem;
  }
  .panel-actions {
    display: grid;
    gap: 0.35rem;
  }
  .decision .message {
    grid-column: 1 / -1;
    margin: 0;
  }
  .shortcuts {
    grid-column: 1 / -1;
    margin: 0;
    color: var(--attest-color-muted);
    font-size: 0.8rem;
  }
  @media (max-width: 60rem) {
    .decision {
      position: static;
      grid-template-columns: 1fr;
    }
  }
`;
