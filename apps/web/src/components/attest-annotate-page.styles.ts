import { css } from 'lit';

export const annotatePageStyles = css`
  h1 {
    font-size: 1.45rem;
  }
  .facts {
    margin: 0 0 1rem;
    color: var(--attest-color-muted);
    font-size: 0.9rem;
  }
  .toolbar {
    position: sticky;
    top: calc(var(--attest-header-height) + 0.5rem);
    z-index: 3;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    gap: 0.75rem 1.25rem;
    margin-bottom: 1rem;
    padding: 0.75rem 1rem;
  }
  .help-buttons {
    display: flex;
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
  .message {
    margin: 0 0 1rem;
  }
  .message.info {
    border-color: #b2ccff;
    background: var(--attest-color-accent-soft);
    color: #1d2939;
  }
  .message.warning {
    border-color: #fec84b;
    background: #fffaeb;
    color: var(--attest-color-warning);
  }
`;
