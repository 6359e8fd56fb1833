// Styles several components share: buttons, links, focus rings, page layout, screen-reader text.
import { css } from 'lit';

export const baseStyles = css`
  :host {
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--attest-focus-ring);
    outline-offset: 2px;
  }
  a {
    color: var(--attest-color-accent);
    text-underline-offset: 2px;
  }
  a:hover {
    color: var(--attest-color-accent-hover);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  kbd {
    display: inline-block;
    min-width: 1.5em;
    padding: 0 0.35em;
    border: 1px solid var(--attest-color-border-strong);
    border-bottom-width: 2px;
    border-radius: 4px;
    background: var(--attest-color-surface);
    color: var(--attest-color-text);
    font: 600 0.8rem/1.45 var(--attest-font-mono);
    text-align: center;
  }
`;

export const buttonStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.4rem;
    min-height: 2.25rem;
    padding: 0.35rem 0.85rem;
    border: 1px solid var(--attest-color-border);
    border-radius: var(--attest-radius);
    background: var(--attest-color-surface);
    color: var(--attest-color-text);
    font: inherit;
    font-weight: 600;
    font-size: 0.9rem;
    line-height: 1.2;
    text-decoration: none;
    cursor: pointer;
    box-shadow: 0 1px 2px rgb(16 24 40 / 5%);
  }
  .button:hover:not(:disabled) {
    background: var(--attest-color-raised);
    border-color: var(--attest-color-border-strong);
  }
  .button:disabled {
    cursor: not-allowed;
    color: var(--attest-color-subtle);
    background: var(--attest-color-raised);
  }
  .button.primary {
    border-color: var(--attest-color-accent);
    background: var(--attest-color-accent);
    color: #fff;
  }
  .button.primary:hover:not(:disabled) {
    background: var(--attest-color-accent-hover);
  }
  .button.primary:disabled {
    border-color: var(--attest-color-border);
    background: var(--attest-color-raised);
    color: var(--attest-color-subtle);
  }
  .button.small {
    min-height: 1.9rem;
    padding: 0.2rem 0.6rem;
    font-size: 0.85rem;
  }
`;

export const pageStyles = css`
  :host {
    display: block;
    max-width: 72rem;
    margin: 0 auto;
    padding: 1.5rem 1.5rem 4rem;
  }
  h1 {
    margin: 0.25rem 0 0.25rem;
    font-size: 1.6rem;
    line-height: 1.25;
    letter-spacing: -0.01em;
  }
  /* Headings take focus only when a page opens, to start reading there: no ring. */
  h1:focus,
  h1:focus-visible {
    outline: none;
  }
  h2 {
    margin: 0 0 0.75rem;
    font-size: 1.1rem;
  }
  .lede {
    margin: 0 0 1.5rem;
    color: var(--attest-color-muted);
  }
  .panel {
    background: var(--attest-color-surface);
    border: 1px solid var(--attest-color-border);
    border-radius: 10px;
    box-shadow: var(--attest-shadow);
  }
  .breadcrumbs ol {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin: 0;
    padding: 0;
    list-style: none;
    font-size: 0.9rem;
    color: var(--attest-color-muted);
  }
  .breadcrumbs li + li::before {
    content: '/';
    margin-right: 0.35rem;
    color: var(--attest-color-subtle);
  }
  .message {
    padding: 0.75rem 1rem;
    border-radius: var(--attest-radius);
    border: 1px solid var(--attest-color-border);
    background: var(--attest-color-surface);
  }
  .message.error {
    border-color: #fda29b;
    background: var(--attest-color-danger-soft);
    color: var(--attest-color-danger);
  }
  .message.info {
    border-color: #b2ccff;
    background: var(--attest-color-accent-soft);
    color: #1d2939;
  }
`;

/** Labelled fields, hints and inline errors for the account and settings forms. */
export const formStyles = css`
  form {
    display: flex;
    flex-direction: column;
    gap: 0.9rem;
  }
  label,
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.3rem;
    font-weight: 600;
    font-size: 0.875rem;
  }
  input,
  select,
  textarea {
    width: 100%;
    padding: 0.5rem 0.65rem;
    border: 1px solid var(--attest-color-border-strong);
    border-radius: var(--attest-radius);
    background: var(--attest-color-surface);
    color: var(--attest-color-text);
    font: inherit;
    font-weight: 400;
    font-size: 0.95rem;
  }
  input[type='checkbox'] {
    width: auto;
    margin: 0;
  }
  textarea {
    resize: vertical;
    line-height: 1.45;
  }
  [aria-invalid='true'] {
    border-color: var(--attest-color-danger);
    box-shadow: 0 0 0 1px var(--attest-color-danger);
  }
  .hint {
    margin: 0;
    color: var(--attest-color-muted);
    font-weight: 400;
    font-size: 0.85rem;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.75rem;
  }
  .form-error {
    margin: 0;
    padding: 0.6rem 0.8rem;
    border: 1px solid #fda29b;
    border-radius: var(--attest-radius);
    background: var(--attest-color-danger-soft);
    color: var(--attest-color-danger);
    font-size: 0.9rem;
  }
  .form-error:focus {
    outline: none;
  }
  .form-success {
    margin: 0;
    padding: 0.6rem 0.8rem;
    border: 1px solid #75e0a7;
    border-radius: var(--attest-radius);
    background: #ecfdf3;
    color: var(--attest-color-success);
    font-size: 0.9rem;
  }
`;

/** The narrow, centred card of the first-run, sign-in and invitation pages. */
export const cardPageStyles = css`
  :host {
    display: block;
    max-width: 27rem;
    margin: 0 auto;
    padding: 3.5rem 1.25rem 4rem;
  }
  .card {
    padding: 1.75rem 1.75rem 1.5rem;
  }
  h1 {
    margin: 0 0 0.35rem;
    font-size: 1.45rem;
  }
  .lede {
    margin: 0 0 1.4rem;
  }
  .button.primary {
    width: 100%;
    min-height: 2.5rem;
  }
`;

/** Data tables of the settings and review pages. */
export const tableStyles = css`
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.925rem;
  }
  th {
    padding: 0.5rem 0.75rem;
    border-bottom: 1px solid var(--attest-color-border);
    color: var(--attest-color-muted);
    font-size: 0.8rem;
    font-weight: 600;
    text-align: left;
  }
  td {
    padding: 0.6rem 0.75rem;
    border-bottom: 1px solid var(--attest-color-background);
    vertical-align: middle;
  }
  /* A row's header is data (a name, a sentence, a week), so it reads as the row's text does. */
  tbody th {
    border-bottom-color: var(--attest-color-background);
    color: var(--attest-color-text);
    font-size: inherit;
    font-weight: 500;
  }
  tbody tr:last-child td,
  tbody tr:last-child th {
    border-bottom: 0;
  }
  /*
   * A table wider than a narrow screen scrolls inside its card, not the page; relative, so its
   * visually hidden labels (absolutely placed) stay inside it rather than widen the page.
   */
  .table-scroll {
    position: relative;
    overflow-x: auto;
  }
`;
