import type { Label } from '@attest/core';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { annotateShortcuts } from '../controllers/annotate-keyboard-controller.ts';
import { baseStyles } from '../styles/shared.ts';

/** Keys drawn with an arrow glyph: ↓, Ctrl+←, … */
const arrowGlyph = /[←↑→↓]/;

/** The list of the annotate view's keyboard shortcuts, label hotkeys first. */
@customElement('attest-shortcut-help')
export class AttestShortcutHelp extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      table {
        width: 100%;
        border-collapse: collapse;
      }
      th,
      td {
        padding: 0.45rem 0.25rem;
        border-bottom: 1px solid var(--attest-color-background);
        text-align: left;
        vertical-align: top;
      }
      th {
        width: 11rem;
        font-weight: 400;
        white-space: nowrap;
      }
      kbd + kbd {
        margin-left: 0.3rem;
      }
      /* Arrow glyphs are small in the monospace face: draw them larger, in the text face. */
      kbd.arrow {
        min-width: 1.9em;
        font-family: inherit;
        font-size: 1.1rem;
        line-height: 1.2;
      }
      p {
        margin: 0.75rem 0 0;
        color: var(--attest-color-muted);
        font-size: 0.9rem;
      }
    `,
  ];

  /** The project's labels, whose hotkeys tag the selected sentence. */
  @property({ attribute: false }) labels: readonly Label[] = [];

  override render() {
    const rows = [
      ...this.labels
        .filter((label) => label.hotkey)
        .map((label) => ({ keys: [label.hotkey!], action: `Tag as ${label.name}` })),
      ...annotateShortcuts,
    ];
    return html`
      <table>
        <caption class="visually-hidden">Keyboard shortcuts</caption>
        <tbody>
          ${rows.map(
            (row) => html`<tr>
              <th scope="row">${row.keys.map((key) => html`<kbd class=${arrowGlyph.test(key) ? 'arrow' : ''}>${key}</kbd>`)}</th>
              <td>${row.action}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <p>Clicking a sentence selects it; the label buttons above the list tag it. Shortcuts are off while you type in a field.</p>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-shortcut-help': AttestShortcutHelp;
  }
}
