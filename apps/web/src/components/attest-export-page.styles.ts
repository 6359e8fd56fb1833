import { css } from 'lit';

export const exportPageStyles = css`
  .layout {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr);
    gap: 1.5rem;
    align-items: start;
  }
  @media (max-width: 60rem) {
    .layout {
      grid-template-columns: 1fr;
    }
  }
  .panel {
    padding: 1.25rem 1.5rem;
  }
  .choices {
    display: flex;
    flex-direction: column;
    gap: 1.5rem;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend {
    padding: 0;
    margin-bottom: 0.6rem;
    font-weight: 700;
    font-size: 1rem;
  }
  .legend-note {
    font-weight: 400;
    color: var(--attest-color-muted);
    font-size: 0.875rem;
  }
  .options {
    display: grid;
    gap: 0.5rem;
  }
  .options.two {
    grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
  }
  .option {
    display: grid;
    grid-template-columns: auto 1fr;
    column-gap: 0.6rem;
    align-items: start;
    padding: 0.55rem 0.75rem;
    border: 1px solid var(--attest-color-border);
    border-radius: var(--attest-radius);
    cursor: pointer;
  }
  .option:has(input:checked) {
    border-color: var(--attest-color-accent);
    background: var(--attest-color-accent-soft);
  }
  .option input {
    margin: 0.2rem 0 0;
  }
  .option-name {
    font-weight: 600;
  }
  .option-name code {
    font-weight: 400;
    color: var(--attest-color-muted);
  }
  .option-hint {
    grid-column: 2;
    color: var(--attest-color-muted);
    font-size: 0.85rem;
  }
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem 1.1rem;
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    cursor: pointer;
  }
  .filter-group + .filter-group {
    margin-top: 1.1rem;
  }
  .filter-group legend {
    font-size: 0.9rem;
    margin-bottom: 0.4rem;
  }
  .document-list {
    max-height: 13rem;
    overflow-y: auto;
    padding: 0.35rem 0.6rem;
    border: 1px solid var(--attest-color-border);
    border-radius: var(--attest-radius);
  }
  .document-list .check {
    display: flex;
    padding: 0.2rem 0;
  }
  .dates {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
  }
  .dates label {
    display: flex;
    flex-direction: column;
    gap: 0.3rem;
    font-weight: 600;
    font-size: 0.875rem;
  }
  input[type='date'] {
    padding: 0.4rem 0.55rem;
    border: 1px solid var(--attest-color-border-strong);
    border-radius: var(--attest-radius);
    background: var(--attest-color-surface);
    color: var(--attest-color-text);
    font: inherit;
  }
  .aside {
    position: sticky;
    top: calc(var(--attest-header-height) + 1rem);
    display: flex;
    flex-direction: column;
    gap: 1.5rem;
  }
  .summary {
    margin: 0 0 1rem;
    color: var(--attest-color-muted);
    font-size: 0.9rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    align-items: center;
  }
  .transfer {
    margin-top: 1rem;
    display: flex;
    flex-direction: column;
    gap: 0.6rem;
  }
  .result {
    margin: 0;
    font-size: 0.9rem;
  }
  .result.done {
    color: var(--attest-color-success);
  }
  .error {
    margin: 1rem 0 0;
  }
  .error:focus {
    outline: none;
  }
  .command + .command {
    margin-top: 1rem;
  }
  .command-head {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    margin-bottom: 0.35rem;
    font-weight: 600;
    font-size: 0.875rem;
  }
  pre {
    margin: 0;
    padding: 0.6rem 0.75rem;
    border-radius: var(--attest-radius);
    background: var(--attest-color-raised);
    border: 1px solid var(--attest-color-border);
    font: 0.8rem/1.5 var(--attest-font-mono);
    white-space: pre-wrap;
    word-break: break-all;
  }
  .hint {
    margin: 0.5rem 0 0;
    color: var(--attest-color-muted);
    font-size: 0.85rem;
  }
`;
