// Keeps a CSS custom property on the host equal to one of its rendered elements' height, so
// styles can place things below a sticky element whose height depends on its content.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class HeightPropertyController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly target: () => HTMLElement | undefined;
  private readonly property: string;
  private observed: HTMLElement | undefined;
  /** Observed rather than read after each update, which would lay the page out an extra time. */
  private readonly observer = new ResizeObserver(([entry]) => {
    const height = entry?.borderBoxSize[0]?.blockSize;
    if (height) this.host.style.setProperty(this.property, `${height}px`);
  });

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    target: () => HTMLElement | undefined,
    property: string,
  ) {
    this.host = host;
    this.target = target;
    this.property = property;
    host.addController(this);
  }

  hostUpdated(): void {
    const target = this.target();
    if (target && target !== this.observed) {
      if (this.observed) this.observer.unobserve(this.observed);
      this.observed = target;
      this.observer.observe(target);
    }
  }

  hostDisconnected(): void {
    this.observer.disconnect();
    this.observed = undefined;
  }
}
