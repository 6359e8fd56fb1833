import type { Me } from '@attest/core';
import { provide } from '@lit/context';
import { Router } from '@lit-labs/router';
import { html, LitElement, type TemplateResult } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import { ApiClient, ApiError } from '../api/client.ts';
import { apiClientContext, currentUserContext } from '../api/context.ts';
import { dropEarlyResponses } from '../api/early-responses.ts';
import { UnsavedEdits, unsavedEdits } from '../controllers/unsaved-edits.ts';
import { NavigateEvent } from '../events/navigate-event.ts';
import { SessionChangeEvent } from '../events/session-change-event.ts';
import { SignOutEvent } from '../events/sign-out-event.ts';
import { baseStyles, buttonStyles } from '../styles/shared.ts';
import { appStyles } from './attest-app.styles.ts';
import { errorMessage, plural } from './format.ts';
import './attest-account-menu.ts';
import './attest-dialog.ts';
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
  static override styles = [baseStyles, buttonStyles, appStyles];

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
        path: '/docs/:name',
        enter: loadPage(() => import('./attest-docs-page.ts')),
        render: ({ name }) =>
          this.publicPage(html`<attest-docs-page .name=${name ?? ''}></attest-docs-page>`),
      },
      {
        path: '/',
        enter: loadPage(() => import('./attest-projects-page.ts')),
        render: () =>
          this.privatePage(
            () => html`<attest-projects-page .notice=${this.noticeFor('/')}></attest-projects-page>`,
          ),
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
          this.privatePage(
            () =>
              html`<attest-documents-page .slug=${slug ?? ''} .notice=${this.noticeFor(window.location.pathname)}></attest-documents-page>`,
          ),
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

  /** Edits not yet sent, from any page: shown in the header until the server has them. */
  @state() private unsavedCount = unsavedEdits.count;

  /** Where the analyst asked to go while edits were unsent: the leave dialog asks first. */
  @state() private leavingTo: string | undefined;

  /** The page the app was opened on: the one the early requests (first-screen-requests.ts) are for. */
  private readonly openedPath = window.location.pathname;

  /** The address of the page shown, to return to when Back is held back. */
  private shownPath = window.location.pathname + window.location.search;

  /** Whether the browser says it is offline, for the unsaved-edits indicator. */
  @state() private isOffline = !navigator.onLine;

  /** A message for the page an event navigated to (e.g. "already imported"). */
  private notice: { path: string; text: string } | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener(NavigateEvent.eventName, this.handleNavigate);
    this.addEventListener(SessionChangeEvent.eventName, this.handleSessionChange);
    this.addEventListener(SignOutEvent.eventName, this.handleSignOut);
    this.apiClient.onUnauthenticated = () => this.handleUnauthenticated();
    unsavedEdits.addEventListener(UnsavedEdits.changeEvent, this.handleUnsavedChange);
    // Before the router's own click handler (bubbling on window): a link can be held back.
    window.addEventListener('click', this.handleLinkClick, { capture: true });
    // Capturing listeners on window run before the router's own (Back and Forward as well).
    window.addEventListener('popstate', this.handleHistoryMove, { capture: true });
    window.addEventListener('online', this.handleConnectivity);
    window.addEventListener('offline', this.handleConnectivity);
    void this.loadSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener(NavigateEvent.eventName, this.handleNavigate);
    this.removeEventListener(SessionChangeEvent.eventName, this.handleSessionChange);
    this.removeEventListener(SignOutEvent.eventName, this.handleSignOut);
    this.apiClient.onUnauthenticated = undefined;
    unsavedEdits.removeEventListener(UnsavedEdits.changeEvent, this.handleUnsavedChange);
    window.removeEventListener('click', this.handleLinkClick, { capture: true });
    window.removeEventListener('popstate', this.handleHistoryMove, { capture: true });
    window.removeEventListener('online', this.handleConnectivity);
    window.removeEventListener('offline', this.handleConnectivity);
  }

  protected override willUpdate(): void {
    // Every route change renders the shell: remember the address it shows.
    this.shownPath = window.location.pathname + window.location.search;
    // Answers asked for before the app ran are for the page it was opened on, and only then fresh.
    if (window.location.pathname !== this.openedPath) dropEarlyResponses();
  }

  /** Asks the server whether Attest is set up and who is signed in, then opens the right page. */
  private async loadSession(): Promise<void> {
    try {
      // One question that answers 200 signed in or not: a signed-out visit logs no error.
      const { needsSetup, me } = await this.apiClient.getSession();
      if (needsSetup) {
        this.setSession({ kind: 'needs-setup' });
        if (window.location.pathname !== '/setup') this.goto('/setup', { replace: true });
        return;
      }
      if (!me) {
        this.endSession();
        return;
      }
      this.setSession({ kind: 'signed-in', me });
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
    // Edits an earlier visit left unsent count as well: they go once their document is opened.
    if (session.kind === 'signed-in') void unsavedEdits.loadStored(session.me.user.id);
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

  /** Settles once the new route's page code has loaded. */
  private goto(path: string, { replace = false } = {}): Promise<void> {
    if (replace) window.history.replaceState({}, '', path);
    else window.history.pushState({}, '', path);
    this.shownPath = path;
    return this.router.goto(new URL(path, window.location.origin).pathname);
  }

  private noticeFor(path: string): string | undefined {
    return this.notice?.path === path ? this.notice.text : undefined;
  }

  private readonly handleNavigate = (event: NavigateEvent): void => {
    event.stopPropagation();
    this.notice = event.notice === undefined ? undefined : { path: event.path, text: event.notice };
    void this.leaveFor(event.path);
  };

  private readonly handleUnsavedChange = (): void => {
    this.unsavedCount = unsavedEdits.count;
  };

  private readonly handleConnectivity = (): void => {
    this.isOffline = !navigator.onLine;
  };

  /** A link to another page of the app while edits are unsent: ask before following it. */
  private readonly handleLinkClick = (event: MouseEvent): void => {
    if (unsavedEdits.count === 0 || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (anchor?.target !== '' || anchor.hasAttribute('download')) return;
    // Pages outside the app (the API reference) unload it: the browser's own warning asks then.
    if (anchor.origin !== window.location.origin || anchor.getAttribute('rel') === 'external') return;
    if (anchor.pathname === window.location.pathname) return;
    event.preventDefault();
    event.stopPropagation();
    void this.leaveFor(anchor.pathname + anchor.search);
  };

  /** Back or Forward while edits are unsent: put the address back, and ask as for a link. */
  private readonly handleHistoryMove = (event: PopStateEvent): void => {
    const target = window.location.pathname + window.location.search;
    if (unsavedEdits.count === 0 || target === this.shownPath) return;
    event.stopImmediatePropagation();
    window.history.pushState({}, '', this.shownPath);
    void this.leaveFor(target);
  };

  /**
   * Goes to `path`; with edits unsent, first gives them a moment to arrive (a save just made
   * online), then asks whether to leave without them.
   */
  private async leaveFor(path: string): Promise<void> {
    if (!(await unsavedEdits.whenAllSent(1500))) {
      this.leavingTo = path;
      return;
    }
    this.goto(path);
  }

  private stay(): void {
    this.leavingTo = undefined;
  }

  private leaveAnyway(): void {
    const path = this.leavingTo;
    this.leavingTo = undefined;
    if (path) this.goto(path);
  }

  /** The unsent edits, in the header of every page, linking back to their document. */
  private renderUnsaved() {
    const user = this.currentUser?.user;
    if (this.unsavedCount === 0 || !user) return null;
    const [documentId] = unsavedEdits.documentIdsOf(user.id);
    const text = `${plural(this.unsavedCount, 'unsaved change')}${this.isOffline ? ' · offline' : ''}`;
    return html`<span role="status"><a class="unsaved" href=${documentId ? `/documents/${documentId}` : '/'}>${text}</a></span>`;
  }

  private renderLeaveDialog() {
    const count = this.unsavedCount;
    return html`
      <attest-dialog label="Leave with unsaved changes?" ?open=${this.leavingTo !== undefined} @attest-dialog-close=${this.stay}>
        <p>
          ${plural(count, 'change')} ${count === 1 ? 'has' : 'have'} not reached the server${this.isOffline ? ': this browser is offline' : ''}.
          ${count === 1 ? 'It stays' : 'They stay'} in this browser and ${count === 1 ? 'is' : 'are'} sent once the connection is back,
          while Attest is open, or when you open the document again.
        </p>
        <div class="leave-choices">
          <button class="button primary" type="button" @click=${this.stay}>Stay</button>
          <button class="button" type="button" @click=${this.leaveAnyway}>Leave anyway</button>
        </div>
      </attest-dialog>
    `;
  }

  private readonly handleSessionChange = (event: SessionChangeEvent): void => {
    event.stopPropagation();
    this.setSession({ kind: 'loading' });
    // Leave the page first: the one that changed the session (an invitation just used) must
    // not load again for the new session, which would ask for what is gone. So the session is
    // read only once the next page's code is in, never while the old route still shows.
    void this.goto(event.path, { replace: true })
      .catch(() => {})
      .then(() => this.loadSession());
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
          ${this.renderUnsaved()}
          <a href="/api/docs" rel="external">API reference</a>
          ${
            this.currentUser
              ? html`<attest-account-menu .user=${this.currentUser.user}></attest-account-menu>`
              : null
          }
        </nav>
      </header>
      <main id="main" tabindex="-1">${this.router.outlet()}</main>
      ${this.renderLeaveDialog()}
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

const publicPaths = [/^\/setup$/, /^\/sign-in$/, /^\/invite\/[^/]+$/, /^\/docs\/[^/]+$/];

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
