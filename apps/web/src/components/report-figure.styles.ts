// Styles the report figures share: title, legend swatches, the table equivalent.
import { css } from 'lit';

export const reportFigureStyles = css`
  :host {
    display: block;
  }
  figure {
    margin: 0;
  }
  .figure-title {
    margin-bottom: 0.5rem;
    font-weight: 650;
    font-size: 1rem;
  }
  .plot svg {
    max-width: 100%;
    height: auto;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1rem;
    margin: 0.5rem 0;
    padding: 0;
    list-style: none;
    font-size: 0.85rem;
  }
  .legend li {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  .swatch {
    display: inline-block;
    width: 0.8rem;
    height: 0.8rem;
    border-radius: 2px;
    background: var(--swatch-color);
    border: 1px solid rgb(0 0 0 / 15%);
  }
  table {
    margin-top: 0.5rem;
    font-size: 0.85rem;
  }
  caption {
    padding-bottom: 0.25rem;
    color: var(--attest-color-muted);
    font-size: 0.8rem;
    text-align: left;
  }
  th,
  td {
    padding: 0.3rem 0.6rem;
  }
  .number {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .empty {
    color: var(--attest-color-muted);
  }
`;
