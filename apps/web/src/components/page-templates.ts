// Page fragments the routed pages share; they rely on pageStyles.
import { html } from 'lit';
import { errorMessage } from './format.ts';

/** What a page shows when its content could not be loaded: a way back and the reason. */
export function loadErrorTemplate(heading: string, error: unknown) {
  return html`
    <nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Projects</a></li></ol></nav>
    <h1 tabindex="-1">${heading}</h1>
    <p class="message error" role="alert">${errorMessage(error)}</p>
  `;
}
