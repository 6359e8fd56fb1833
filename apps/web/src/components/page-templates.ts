// Page fragments the routed pages share; they rely on pageStyles.
import { html } from 'lit';
import { ApiError } from '../api/client.ts';
import { errorMessage } from './format.ts';

/** One step of a page's breadcrumb trail: a link, or the current page when it has no `href`. */
export interface Crumb {
  text: string;
  href?: string;
}

/** The trail from the projects list to this page. */
export function breadcrumbsTemplate(trail: readonly Crumb[] = []) {
  return html`
    <nav class="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        <li><a href="/">Projects</a></li>
        ${trail.map((crumb) =>
          crumb.href
            ? html`<li><a href=${crumb.href}>${crumb.text}</a></li>`
            : html`<li><span aria-current="page">${crumb.text}</span></li>`,
        )}
      </ol>
    </nav>
  `;
}

/**
 * What a page shows when its content could not be loaded: a way back, the reason and, when the
 * page can ask again (a dropped network), Retry.
 */
export function loadErrorTemplate(heading: string, error: unknown, retry?: () => void) {
  return html`
    ${breadcrumbsTemplate()}
    <h1 tabindex="-1">${heading}</h1>
    <p class="message error" role="alert">${errorMessage(error)}</p>
    ${retry && (!(error instanceof ApiError) || error.isTransient) ? html`<p><button class="button" type="button" @click=${retry}>Retry</button></p>` : null}
  `;
}
