// The scaffolding both report pages share: the loading and error states around the report,
// and the row of print and download buttons.
import type { Task } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { loadErrorTemplate } from './page-templates.ts';

/** The report once loaded; until then a heading and a status, and on failure the reason. */
export function reportTaskTemplate<Data>(
  task: Task<readonly [string], Data>,
  pendingHeading: string,
  complete: (data: Data) => unknown,
) {
  return task.render({
    pending: () => html`<h1 tabindex="-1">${pendingHeading}</h1><p role="status">Loading the report…</p>`,
    complete,
    error: (error) => loadErrorTemplate('Report not available', error, () => void task.run()),
  });
}

/** Print and Download HTML, after any page-specific action (`leading`). */
export function reportActionsTemplate(
  download: () => void,
  leading: TemplateResult | typeof nothing = nothing,
) {
  return html`<div class="report-actions">
    ${leading}
    <button type="button" class="button small" @click=${() => window.print()}>Print</button>
    <button type="button" class="button small" @click=${download}>Download HTML</button>
  </div>`;
}
