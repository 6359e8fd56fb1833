// What every routed page does when it appears: name the browser tab and move focus to the
// page's heading, so keyboard and screen-reader users start at the new content.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PageOptions {
  /** The page's name for the browser tab; "Attest" is appended. */
  title: () => string;
  /** What receives focus once it is rendered; the first <h1> by default. */
  focusTarget?: () => HTMLElement | null | undefined;
}

export class PageController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: PageOptions;
  /** The element focused on arrival; focus follows when a re-render replaces it. */
  private focusedElement: HTMLElement | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: PageOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.focusedElement = undefined;
  }

  hostUpdated(): void {
    const title = this.options.title();
    document.title = title ? `${title} · Attest` : 'Attest';
    // Loading content replaces the heading focused on arrival: move focus to its successor,
    // unless the analyst has already moved on.
    const isFocusLost =
      this.focusedElement === undefined ||
      (!this.focusedElement.isConnected && (document.activeElement ?? document.body) === document.body);
    if (!isFocusLost) return;
    const target = this.options.focusTarget?.() ?? this.host.shadowRoot?.querySelector('h1');
    if (!target) return;
    target.focus({ preventScroll: true });
    this.focusedElement = target;
  }
}
