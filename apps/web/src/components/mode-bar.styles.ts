import { css } from 'lit';

/** The look split mode and cue mode share: a highlighted bar with a title, hint and buttons. */
export const modeBarStyles = css`
  :host {
    display: block;
    margin-bottom: 0.85rem;
    padding: 0.75rem 0.85rem;
    border: 2px solid #1570ef;
    border-radius: 10px;
    background: var(--attest-color-accent-soft);
    font-size: 0.9rem;
  }
  h2 {
    margin: 0 0 0.35rem;
    font-size: 1rem;
  }
  p {
    margin: 0 0 0.5rem;
    line-height: 1.45;
  }
  .hint {
    color: var(--attest-color-muted);
    font-size: 0.85rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.6rem;
  }
  .button.primary kbd {
    border-color: #84adff;
  }
`;
