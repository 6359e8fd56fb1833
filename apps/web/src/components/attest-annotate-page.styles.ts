import { css } from 'lit';

export const annotatePageStyles = css`
  /* Wider than other pages: the sentences and the evidence panel sit side by side. */
  :host {
    max-width: 84rem;
  }
  h1 {
    font-size: 1.45rem;
  }
  .facts {
    margin: 0 0 1rem;
    color: var(--attest-color-muted);
    font-size: 0.9rem;
  }
  /* The toolbar component's parts are this grid's items. */
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
  /* Covers the gap between the header and the toolbar, where scrolled text would show cut. */
  .toolbar::before {
    content: '';
    position: absolute;
    left: -1px;
    right: -1px;
    bottom: 100%;
    height: calc(0.5rem + 1px);
    background: var(--attest-color-background);
  }
  .message {
    margin: 0 0 1rem;
  }
  .workspace {
    display: grid;
    grid-template-columns: minmax(0, 1fr) 21rem;
    align-items: start;
    gap: 1rem;
  }
  /* The side panel (attest-annotate-side) stays in view below the sticky toolbar while the sentences scroll. */
  .side {
    position: sticky;
    top: calc(var(--attest-header-height) + var(--toolbar-height, 9rem) + 1rem);
    max-height: calc(100vh - var(--attest-header-height) - var(--toolbar-height, 9rem) - 1.5rem);
    overflow-y: auto;
  }
  @media (max-width: 60rem) {
    .workspace {
      grid-template-columns: minmax(0, 1fr);
    }
    .side {
      position: static;
      max-height: none;
    }
  }
  /* On a phone the labels take the toolbar's whole width and the help buttons go below them. */
  @media (max-width: 40rem) {
    .toolbar {
      grid-template-columns: minmax(0, 1fr);
      gap: 0.5rem;
      padding: 0.5rem 0.6rem;
    }
  }
`;
