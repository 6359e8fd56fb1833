// Page fragments the routed pages share; they rely on pageStyles.
import { html } from 'lit';
import { ApiError } from '../api/client.ts';
import { errorMessage } from './format.ts';

/**
 * What a page shows when its content could not be loaded: a way back, the reason and, when the
 * page can ask again (a dropped network), Retry.
 */
export function loadErrorTemplate(heading: string, error: unknown, retry?: () => void) {
  return html`
    <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Projects</a></li></ol></nav>
    <h1 tabindex="-1">${heading}</h1>
    <p class="message error" role="alert">${errorMessage(error)}</p>
    ${retry && (!(error instanceof ApiError) || error.isTransient) ? html`<p><button class="button" type="button" @click=${retry}>Retry</button></p>` : null}
  `;
}
