import { css, unsafeCSS } from 'lit';

/** Pixels between rows (the rows' bottom margin), counted in each row's height. */
export const rowGap = 2;

export const sentenceListStyles = css`
  :host {
    display: block;
  }
  [role='listbox'] {
    padding: 0.35rem;
    border: 1px solid var(--attest-color-border);
    border-radius: 10px;
    background: var(--attest-color-surface);
    box-shadow: var(--attest-shadow);
  }
  /* Focus shows on the selected row (a strong ring) and as a tinted list border. */
  [role='listbox']:focus,
  [role='listbox']:focus-visible {
    outline: none;
    border-color: #84adff;
  }
  /* Stand-ins for the rows not rendered. Never a scroll anchor: the rows on screen are. */
  .spacer {
    height: var(--spacer-height, 0);
    overflow-anchor: none;
  }
  .row {
    display: grid;
    grid-template-columns: 2.25rem minmax(0, 1fr) 13rem;
    gap: 0.75rem;
    align-items: start;
    padding: 0.6rem 0.75rem 0.6rem 0.5rem;
    border-left: 4px solid var(--label-color, transparent);
    border-radius: 6px;
    cursor: pointer;
    /* A row's layout and style stay inside it: scrolling adds and removes rows, and none of
       that should lay out or restyle the rest. */
    contain: content;
    /* Room for the sticky header and toolbar when the row is scrolled into view. */
    scroll-margin-top: 12rem;
    scroll-margin-bottom: 1.5rem;
  }
  /* Every row has the same gap after it: the measured heights count it. */
  .row {
    margin-bottom: ${unsafeCSS(rowGap)}px;
  }
  .row:hover {
    background: var(--attest-color-raised);
  }
  .row.selected {
    background: var(--attest-color-selected);
    box-shadow: inset 0 0 0 1px #84adff;
  }
  :focus > .row.selected {
    box-shadow: inset 0 0 0 2px #1570ef;
  }
  .number {
    padding-top: 0.1rem;
    color: var(--attest-color-subtle);
    font-size: 0.8rem;
    font-variant-numeric: tabular-nums;
    text-align: right;
  }
  .text {
    font-size: 1rem;
    line-height: 1.55;
  }
  mark {
    padding: 0 0.1em;
    border-radius: 3px;
    background: #fef0c7;
    color: inherit;
    box-shadow: inset 0 -2px 0 #f79009;
  }
  mark.analyst {
    background: #d1e9ff;
    box-shadow: inset 0 -2px 0 #1570ef;
  }
  .picked {
    background: #b2ddff;
    box-shadow: inset 0 -3px 0 #1570ef;
  }
  .split .text {
    user-select: none;
  }
  .split .after-split {
    color: #1849a9;
    text-decoration: underline dotted #1849a9;
    text-underline-offset: 3px;
  }
  .split [data-start] {
    cursor: text;
  }
  .caret {
    display: inline-block;
    width: 3px;
    height: 1.25em;
    margin: 0 2px;
    vertical-align: text-bottom;
    border-radius: 1px;
    background: #b42318;
    box-shadow: 0 0 0 1px #fff;
  }
  .kind {
    display: block;
    color: var(--attest-color-muted);
    font-size: 0.7rem;
    font-weight: 700;
    letter-spacing: 0.06em;
    text-transform: uppercase;
  }
  .headline .text {
    font-weight: 650;
    font-size: 1.05rem;
  }
  .boilerplate {
    cursor: default;
  }
  .boilerplate .text {
    color: var(--attest-color-subtle);
    font-style: italic;
    font-size: 0.9rem;
  }
  .chip {
    justify-self: end;
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
    max-width: 100%;
    padding: 0.15rem 0.55rem;
    border-radius: 999px;
    font-size: 0.8rem;
    font-weight: 600;
    line-height: 1.4;
    white-space: nowrap;
  }
  .chip.tagged {
    background: var(--label-color);
    color: #fff;
  }
  .chip.untagged {
    border: 1px dashed var(--attest-color-border-strong);
    color: var(--attest-color-muted);
    font-weight: 500;
  }
  .chip.suggested {
    border: 1px dashed var(--suggestion-color);
    border-radius: 12px;
    color: var(--suggestion-color);
    font-weight: 500;
    /* A long label name wraps rather than spilling out of the column. */
    white-space: normal;
    text-align: right;
  }
  .chip kbd {
    min-width: 1.2em;
    font-size: 0.7rem;
    line-height: 1.3;
  }
  .chip.skipped {
    color: var(--attest-color-subtle);
    font-weight: 500;
  }
  .unsaved {
    display: block;
    margin-top: 0.2rem;
    color: var(--attest-color-danger);
    font-size: 0.75rem;
    font-weight: 600;
    text-align: right;
  }
  .conflicted {
    display: block;
    margin-top: 0.2rem;
    color: var(--attest-color-warning);
    font-size: 0.75rem;
    font-weight: 600;
    text-align: right;
  }
  .tag {
    display: flex;
    flex-direction: column;
    align-items: flex-end;
  }
  @media (max-width: 40rem) {
    .row {
      grid-template-columns: 1.75rem minmax(0, 1fr);
    }
    .tag {
      grid-column: 2;
      align-items: flex-start;
    }
  }
`;
