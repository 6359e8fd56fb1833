import { css } from 'lit';

export const annotateSideStyles = css`
  :host {
    display: block;
  }
  .message {
    margin: 0 0 1rem;
  }
  .message.warning {
    border-color: #fec84b;
    background: #fffaeb;
    color: var(--attest-color-warning);
  }
  .evidence {
    padding: 0.85rem 1rem 1rem;
  }
`;
