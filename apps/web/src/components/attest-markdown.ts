import DOMPurify from 'dompurify';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import { marked } from 'marked';
import { baseStyles } from '../styles/shared.ts';

/** Markdown (a project's guidelines, the docs) rendered as HTML, sanitized with DOMPurify first. */
@customElement('attest-markdown')
export class AttestMarkdown extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        line-height: 1.6;
      }
      h1 {
        font-size: 1.25rem;
        margin: 0.75rem 0 0.5rem;
      }
      h2 {
        margin: 1.25rem 0 0.4rem;
        font-size: 1.05rem;
      }
      h3 {
        margin: 1rem 0 0.4rem;
        font-size: 0.95rem;
      }
      p,
      ul,
      ol {
        margin: 0.4rem 0;
      }
      li + li {
        margin-top: 0.25rem;
      }
      code {
        padding: 0.05rem 0.3rem;
        border-radius: 4px;
        background: var(--attest-color-background);
        font-family: var(--attest-font-mono);
        font-size: 0.85em;
      }
      img {
        max-width: 100%;
        height: auto;
      }
      /* Wrapped rather than scrolled: a scrolling box would need its own keyboard stop. */
      pre {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        padding: 0.6rem 0.8rem;
        border-radius: var(--attest-radius);
        background: var(--attest-color-background);
      }
      pre code {
        padding: 0;
      }
      table {
        border-collapse: collapse;
        font-size: 0.9rem;
      }
      th,
      td {
        padding: 0.3rem 0.6rem;
        border: 1px solid var(--attest-color-border);
        text-align: left;
        vertical-align: top;
        overflow-wrap: anywhere;
      }
      blockquote {
        margin: 0.5rem 0;
        padding-left: 0.85rem;
        border-left: 3px solid var(--attest-color-border);
        color: var(--attest-color-muted);
      }
    `,
  ];

  /** The Markdown source; raw HTML in it is sanitized, scripts and handlers are dropped. */
  @property() markdown = '';

  override render() {
    const unsafe = marked.parse(this.markdown, { async: false, gfm: true });
    return html`${unsafeHTML(DOMPurify.sanitize(unsafe))}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-markdown': AttestMarkdown;
  }
}
