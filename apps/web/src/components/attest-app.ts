import { provide } from '@lit/context';
import { Router } from '@lit-labs/router';
import { css, html, LitElement, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { Me } from '../api/account-types.ts';
import { ApiClient, ApiError } from '../api/client.ts';
import { apiClientContext, currentUserContext } from '../api/context.ts';
import { NavigateEvent } from '../events/navigate-event.ts';
import { SessionChangeEvent } from '../events/session-change-event.ts';
import { SignOutEvent } from '../events/sign-out-event.ts';
import { baseStyles } from '../styles/shared.ts';
import { errorMessage } from './format.ts';
import './attest-account-menu.ts';
import './attest-setup-page.ts';
import './attest-sign-in-page.ts';

/** Where the session stands: still asking, no account yet, signed out, or signed in. */
type Session =
  | { kind: 'loading' }
  | { kind: 'needs-setup' }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; me: Me }
  | { kind: 'failed'; detail: string };

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
    `,
  ];

  @provide({ context: apiClientContext })
  apiClient = new ApiClient();

  @provide({ context: currentUserContext })
  @state()
  currentUser: Me | undefined;

  private readonly router = new Router(
    this,
    [
      { path: '/setup', render: () => this.publicPage(html`<attest-setup-page></attest-setup-page>`) },
      {
        path: '/sign-in',
        render: () =>
          this.publicPage(
            html`<attest-sign-in-page .next=${nextPathFrom(window.location.search)}></attest-sign-in-page>`,
          ),
      },
      {
        path: '/invite/:token',
        enter: loadPage(() => import('./attest-invite-page.ts')),
        render: ({ token }) =>
          this.publicPage(html`<attest-invite-page .token=${token ?? ''}></attest-invite-page>`),
      },
      {
        path: '/',
        enter: loadPage(() => import('./attest-projects-page.ts')),
        render: () => this.privatePage(() => html`<attest-projects-page></attest-projects-page>`),
      },
      {
        path: '/account/password',
        enter: loadPage(() => import('./attest-password-page.ts')),
        render: () => this.privatePage(() => html`<attest-password-page></attest-password-page>`),
      },
      {
        path: '/account/tokens',
        enter: loadPage(() => import('./attest-tokens-page.ts')),
        render: () => this.privatePage(() => html`<attest-tokens-page></attest-tokens-page>`),
      },
      {
        path: '/projects/:slug',
        enter: loadPage(() => import('./attest-documents-page.ts')),
        render: ({ slug }) =>
          this.privatePage(() => html`<attest-documents-page .slug=${slug ?? ''}></attest-documents-page>`),
      },
      {
        path: '/projects/:slug/report',
        enter: loadPage(() => import('./attest-project-report-page.ts')),
        render: ({ slug }) =>
          this.privatePage(
            () => html`<attest-project-report-page .slug=${slug ?? ''}></attest-project-report-page>`,
          ),
      },
      {
        path: '/projects/:slug/claims/:claimId',
        enter: loadPage(() => import('./attest-claim-page.ts')),
        render: ({ slug, claimId }) =>
          this.privatePage(
            () => html`<attest-claim-page .slug=${slug ?? ''} .claimId=${claimId ?? ''}></attest-claim-page>`,
          ),
      },
      {
        path: '/projects/:slug/export',
        enter: loadPage(() => import('./attest-export-page.ts')),
        render: ({ slug }) =>
          this.privatePage(() => html`<attest-export-page .slug=${slug ?? ''}></attest-export-page>`),
      },
      {
        path: '/projects/:slug/settings/:section?',
        enter: loadPage(() => import('./attest-project-settings-page.ts')),
        render: ({ slug, section }) =>
          this.privatePage(
            () =>
              html`<attest-project-settings-page .slug=${slug ?? ''} .section=${section ?? 'members'}></attest-project-settings-page>`,
          ),
      },
      {
        path: '/documents/:id/review',
        enter: loadPage(() => import('./attest-review-page.ts')),
        render: ({ id }) =>
          this.privatePage(() => html`<attest-review-page .documentId=${id ?? ''}></attest-review-page>`),
      },
      {
        path: '/documents/:id/report',
        enter: loadPage(() => import('./attest-document-report-page.ts')),
        render: ({ id }) =>
          this.privatePage(
            () => html`<attest-document-report-page .documentId=${id ?? ''}></attest-document-report-page>`,
          ),
      },
      {
        path: '/documents/:id',
        enter: loadPage(() => import('./attest-annotate-page.ts')),
        render: ({ id }) =>
          this.privatePage(
            () =>
              html`<attest-annotate-page .documentId=${id ?? ''} .notice=${this.noticeFor(window.location.pathname)}></attest-annotate-page>`,
          ),
      },
    ],
    {
      fallback: {
        enter: loadPage(() => import('./attest-projects-page.ts')),
        render: () =>
          this.privatePage(
            () =>
              html`<attest-projects-page .missingPath=${window.location.pathname}></attest-projects-page>`,
          ),
      },
    },
  );

  @query('main') private main!: HTMLElement;

  @state() private session: Session = { kind: 'loading' };

  /** A message for the page an event navigated to (e.g. "already imported"). */
  private notice: { path: string; text: string } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(NavigateEvent.eventName, this.handleNavigate);
    this.addEventListener(SessionChangeEvent.eventName, this.handleSessionChange);
    this.addEventListener(SignOutEvent.eventName, this.handleSignOut);
    this.apiClient.onUnauthenticated = () => this.handleUnauthenticated();
    void this.loadSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(NavigateEvent.eventName, this.handleNavigate);
    this.removeEventListener(SessionChangeEvent.eventName, this.handleSessionChange);
    this.removeEventListener(SignOutEvent.eventName, this.handleSignOut);
    this.apiClient.onUnauthenticated = undefined;
  }

  /** Asks the server whether Attest is set up and who is signed in, then opens the right page. */
  private async loadSession(): Promise<void> {
    // Both questions at once, so the first screen waits for one round trip, not two; who is
    // signed in matters only once setup is known to be done.
    const setup = this.apiClient.getSetup();
    const me = this.apiClient.getMe();
    me.catch(() => {});
    try {
      const { needsSetup } = await setup;
      if (needsSetup) {
        this.setSession({ kind: 'needs-setup' });
        if (window.location.pathname !== '/setup') this.goto('/setup', { replace: true });
        return;
      }
      this.setSession({ kind: 'signed-in', me: await me });
      if (isSignedOutPath(window.location.pathname))
        this.goto(nextPathFrom(window.location.search), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.endSession();
      else this.setSession({ kind: 'failed', detail: errorMessage(error) });
    }
  }

  private setSession(session: Session): void {
    this.session = session;
    this.currentUser = session.kind === 'signed-in' ? session.me : undefined;
  }

  /**
   * Any 401 once the session is known: it ended; sign in and come back here afterwards. While
   * loading, `loadSession` answers its own 401; before the first run there is no one to sign in.
   */
  private handleUnauthenticated(): void {
    if (this.session.kind === 'needs-setup' || this.session.kind === 'loading') return;
    this.endSession();
  }

  /** The session ended (or never began): sign in and come back here afterwards. */
  private endSession(): void {
    this.setSession({ kind: 'signed-out' });
    const { pathname, search } = window.location;
    if (pathname === '/setup') this.goto('/sign-in', { replace: true });
    if (isPublicPath(pathname)) return;
    this.goto(`/sign-in?next=${encodeURIComponent(pathname + search)}`, { replace: true });
  }

  /** A page for everyone: sign-in, first run, invitations. */
  private publicPage(page: TemplateResult) {
    return this.session.kind === 'loading' ? this.loadingTemplate() : page;
  }

  /** A page for signed-in users only; others are sent to sign in (or to the first run). */
  private privatePage(page: () => TemplateResult) {
    switch (this.session.kind) {
      case 'signed-in':
        return page();
      case 'failed':
        return html`<p class="message error" role="alert">Attest could not start: ${this.session.detail}</p>`;
      default:
        return this.loadingTemplate();
    }
  }

  private loadingTemplate() {
    return html`<p class="loading" role="status">Loading…</p>`;
  }

  private goto(path: string, { replace = false } = {}): void {
    if (replace) window.history.replaceState({}, '', path);
    else window.history.pushState({}, '', path);
    void this.router.goto(new URL(path, window.location.origin).pathname);
  }

  private noticeFor(path: string): string | undefined {
    return this.notice?.path === path ? this.notice.text : undefined;
  }

  private readonly handleNavigate = (event: NavigateEvent): void => {
    event.stopPropagation();
    this.notice = event.notice === undefined ? undefined : { path: event.path, text: event.notice };
    this.goto(event.path);
  };

  private readonly handleSessionChange = (event: SessionChangeEvent): void => {
    event.stopPropagation();
    this.setSession({ kind: 'loading' });
    void this.loadSession().then(() => {
      if (this.session.kind === 'signed-in') this.goto(event.path, { replace: true });
    });
  };

  private readonly handleSignOut = async (event: SignOutEvent): Promise<void> => {
    event.stopPropagation();
    // Leave this tab signed out even when the server fails to end the session.
    await this.apiClient.signOut().catch((error: unknown) => console.warn('Sign-out failed:', error));
    this.setSession({ kind: 'signed-out' });
    this.goto('/sign-in', { replace: true });
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
          ${
            this.currentUser
              ? html`<attest-account-menu .user=${this.currentUser.user}></attest-account-menu>`
              : null
          }
        </nav>
      </header>
      <main id="main" tabindex="-1">${this.router.outlet()}</main>
    `;
  }
}

/**
 * A route's `enter` that loads its page's module first: each page is its own chunk, so the first
 * screen parses only the code it shows. The router does not cancel a navigation still loading
 * when another starts (the session check sending a new user to /setup while / loads), so one
 * the address bar has moved on from by the time its code arrives is dropped.
 */
function loadPage(load: () => Promise<unknown>): () => Promise<boolean> {
  return async () => {
    const requestedPath = window.location.pathname;
    await load();
    return window.location.pathname === requestedPath;
  };
}

const publicPaths = [/^\/setup$/, /^\/sign-in$/, /^\/invite\/[^/]+$/];

function isPublicPath(pathname: string): boolean {
  return publicPaths.some((pattern) => pattern.test(pathname));
}

/** Pages a signed-in user has no use for: they go on to where they were heading. */
function isSignedOutPath(pathname: string): boolean {
  return pathname === '/setup' || pathname === '/sign-in';
}

/** The `next` query parameter when it is a path on this site (never another site's address). */
function nextPathFrom(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-app': AttestApp;
  }
}
