import { css } from 'lit';

export const appStyles = css`
  :host {
    display: block;
    min-height: 100vh;
  }
  header a.unsaved {
    padding: 0.2rem 0.6rem;
    border-radius: 999px;
    background: #fef0c7;
    color: #93370d;
    font-weight: 600;
    text-decoration: none;
  }
  header a.unsaved:hover {
    color: #7a2e0e;
  }
  .leave-choices {
    display: flex;
    gap: 0.5rem;
    margin-top: 1rem;
  }
  .skip-link {
    position: absolute;
    left: 0.5rem;
    top: -3rem;
    z-index: 10;
    padding: 0.5rem 0.9rem;
    border-radius: var(--attest-radius);
    background: var(--attest-color-surface);
    color: var(--attest-color-accent);
    font-weight: 600;
  }
  .skip-link:focus {
    top: 0.5rem;
  }
  header {
    position: sticky;
    top: 0;
    z-index: 5;
    display: flex;
    align-items: center;
    gap: 1.5rem;
    height: var(--attest-header-height);
    padding: 0 1.5rem;
    background: var(--attest-color-header);
    color: #fff;
  }
  header a {
    color: #fff;
  }
  header a:hover {
    color: #d1e0ff;
  }
  header :focus-visible {
    outline-color: #84adff;
  }
  .brand {
    display: inline-flex;
    align-items: center;
    gap: 0.55rem;
    font-weight: 700;
    font-size: 1.05rem;
    letter-spacing: 0.01em;
    text-decoration: none;
  }
  .brand-mark {
    display: inline-flex;
    gap: 3px;
  }
  .brand-mark span {
    width: 5px;
    height: 18px;
    border-radius: 1px;
  }
  .brand-mark span:nth-child(1) {
    background: #f97066;
  }
  .brand-mark span:nth-child(2) {
    background: #b692f6;
  }
  .brand-mark span:nth-child(3) {
    background: #84caff;
  }
  header nav {
    display: flex;
    align-items: center;
    gap: 1.25rem;
    margin-left: auto;
    font-size: 0.9rem;
  }
  .loading,
  .message {
    max-width: 72rem;
    margin: 1.5rem auto;
    padding: 0 1.5rem;
    color: var(--attest-color-muted);
  }
  .message.error {
    color: var(--attest-color-danger);
  }
  main:focus {
    outline: none;
  }
`;
