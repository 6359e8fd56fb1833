import { provide } from '@lit/context';
import { Router } from '@lit-labs/router';
import { css, html, LitElement } from 'lit';
import { customElement, query } from 'lit/decorators.js';
import { ApiClient } from '../api/client.ts';
import { apiClientContext } from '../api/context.ts';
import { NavigateEvent } from '../events/navigate-event.ts';
import { baseStyles } from '../styles/shared.ts';
import './attest-annotate-page.ts';
import './attest-documents-page.ts';
import './attest-projects-page.ts';

/**
 * The application shell: header, skip link, client-side routes and the API client context.
 */
@customElement('attest-app')
export class AttestApp extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
        min-height: 100vh;
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
        margin-left: auto;
        font-size: 0.9rem;
      }
      main:focus {
        outline: none;
      }
    `,
  ];

  @provide({ context: apiClientContext })
  apiClient = new ApiClient();

  private readonly router = new Router(
    this,
    [
      { path: '/', render: () => html`<attest-projects-page></attest-projects-page>` },
      {
        path: '/projects/:slug',
        render: ({ slug }) => html`<attest-documents-page .slug=${slug ?? ''}></attest-documents-page>`,
      },
      {
        path: '/documents/:id',
        render: ({ id }) =>
          html`<attest-annotate-page .documentId=${id ?? ''} .notice=${this.noticeFor(window.location.pathname)}></attest-annotate-page>`,
      },
    ],
    {
      fallback: {
        render: () =>
          html`<attest-projects-page .missingPath=${window.location.pathname}></attest-projects-page>`,
      },
    },
  );

  @query('main') private main!: HTMLElement;

  /** A message for the page an event navigated to (e.g. "already imported"). */
  private notice: { path: string; text: string } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(NavigateEvent.eventName, this.handleNavigate);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(NavigateEvent.eventName, this.handleNavigate);
  }

  private noticeFor(path: string): string | undefined {
    return this.notice?.path === path ? this.notice.text : undefined;
  }

  private readonly handleNavigate = (event: NavigateEvent): void => {
    event.stopPropagation();
    this.notice = event.notice === undefined ? undefined : { path: event.path, text: event.notice };
    window.history.pushState({}, '', event.path);
    void this.router.goto(event.path);
  };

  private skipToMain(event: Event): void {
    event.preventDefault();
    this.main.focus();
  }

  override render() {
    return html`
      <a class="skip-link" href="#main" @click=${this.skipToMain}>Skip to main content</a>
      <header>
        <a class="brand" href="/" aria-label="Attest, all projects">
          <span class="brand-mark" aria-hidden="true"><span></span><span></span><span></span></span>
          Attest
        </a>
        <nav aria-label="Tools">
          <a href="/api/docs" rel="external">API reference</a>
        </nav>
      </header>
      <main id="main" tabindex="-1">${this.router.outlet()}</main>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-app': AttestApp;
  }
}
