import { css } from 'lit';

export const documentsPageStyles = css`
  section {
    margin-top: 1.5rem;
    padding: 1.25rem 1.5rem;
  }
  .section-heading {
    display: flex;
    align-items: baseline;
    justify-content: space-between;
    gap: 1rem;
  }
  .count {
    color: var(--attest-color-muted);
    font-size: 0.9rem;
  }
  td {
    padding: 0.7rem 0.75rem;
    vertical-align: top;
  }
  tbody tr:hover {
    background: var(--attest-color-raised);
  }
  /* The widest column keeps room for a headline when the reviewers' columns are shown. */
  .title {
    min-width: 12rem;
  }
  .title a {
    font-weight: 600;
    text-decoration: none;
  }
  .title a:hover {
    text-decoration: underline;
  }
  .outlet {
    display: block;
    margin-top: 0.15rem;
    color: var(--attest-color-muted);
    font-size: 0.85rem;
  }
  .date {
    white-space: nowrap;
    color: var(--attest-color-muted);
  }
  .progress-cell {
    width: 14rem;
  }
  /* On a phone the dates give way, so the team's figures and the statuses sit beside the title
     (the rest scrolls inside the table's box); each document's page shows when it was published. */
  @media (max-width: 40rem) {
    .wide-only {
      display: none;
    }
    .progress-cell {
      width: 8rem;
    }
    .title {
      min-width: 8rem;
    }
    /* Wrapped onto two lines, a round pill would read as an oval. */
    .status.disputed {
      border-radius: 0.5rem;
    }
  }
  .header {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-start;
    justify-content: space-between;
    gap: 1rem;
  }
  .header-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    margin-top: 0.35rem;
  }
  .status {
    display: inline-block;
    padding: 0.05rem 0.55rem;
    border-radius: 999px;
    border: 1px solid var(--attest-color-border);
    background: var(--attest-color-raised);
    color: var(--attest-color-muted);
    font-size: 0.8rem;
    font-weight: 600;
    white-space: nowrap;
  }
  .status.in_progress {
    border-color: #84adff;
    background: var(--attest-color-accent-soft);
    color: var(--attest-color-accent-hover);
  }
  .status.done {
    border-color: #75e0a7;
    background: #ecfdf3;
    color: var(--attest-color-success);
  }
  .status.disputed {
    border-color: #fec84b;
    background: #fffaeb;
    color: var(--attest-color-warning);
    /* "12 disputed sentences" may take two lines in a narrow column rather than overflow it. */
    white-space: normal;
  }
  .team-line {
    display: block;
    margin-bottom: 0.25rem;
  }
  .review-cell {
    white-space: nowrap;
  }
  .next-message {
    margin: 0.75rem 0 0;
  }
  .more {
    margin-top: 1rem;
    text-align: center;
  }
  .empty {
    margin: 0;
    color: var(--attest-color-muted);
  }
`;
