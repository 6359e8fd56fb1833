/// <reference lib="dom" />
// What the editor benchmark runs inside Chromium: functions Playwright serialises into the page,
// so each is self-contained (no imports, no helpers from this module).

/** What the probes record in the page, read back by the benchmark. */
export interface PageProbe {
  /**
   * Milliseconds from navigation start to the paint of the first frame whose sentences fill the
   * window; null until then.
   */
  firstSentenceAt: number | null;
  longTasks: { startTime: number; duration: number }[];
  /** The label name the next hotkey should show on the selected row. */
  expectedLabel: string;
  /** Resolves with milliseconds from the last label key press to the paint that showed it. */
  lastKeyToPaint: Promise<number> | null;
}

declare global {
  interface Window {
    attestBenchProbe: PageProbe;
  }
}

/**
 * Installed before any page script: records long tasks, the paint of the first frame in which
 * elements matching `sentenceSelector` (looking inside shadow roots) fill the window, and, for each label hotkey,
 * the time from the key event to the first paint after the selected row shows the label.
 */
export function installProbes({
  sentenceSelector,
  labelKeys,
}: {
  sentenceSelector: string;
  labelKeys: string[];
}) {
  const probe: PageProbe = { firstSentenceAt: null, longTasks: [], expectedLabel: '', lastKeyToPaint: null };
  window.attestBenchProbe = probe;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      probe.longTasks.push({ startTime: entry.startTime, duration: entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });

  /** The document or shadow root that holds the first element matching `selector`. */
  const findRootOf = (root: Document | ShadowRoot, selector: string): Document | ShadowRoot | null => {
    if (root.querySelector(selector)) return root;
    for (const element of root.querySelectorAll('*')) {
      const inner = element.shadowRoot ? findRootOf(element.shadowRoot, selector) : null;
      if (inner) return inner;
    }
    return null;
  };
  const findDeep = (root: Document, selector: string): Element | null =>
    findRootOf(root, selector)?.querySelector(selector) ?? null;

  // A message posted from a frame callback is handled after that frame's paint.
  const afterPaint = (callback: () => void) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = callback;
      channel.port2.postMessage(null);
    });

  // A screenful: sentences down to the bottom of the window (or the whole page, when it is
  // shorter than the window), checked at the start of each frame and timed once that frame has
  // been painted, the same way for the static page and the editor.
  const isScreenFull = () => {
    const root = findRootOf(document, sentenceSelector);
    const sentences = root?.querySelectorAll(sentenceSelector);
    const last = sentences?.[sentences.length - 1];
    if (!last) return false;
    return (
      last.getBoundingClientRect().bottom >= window.innerHeight ||
      (document.readyState === 'complete' &&
        document.documentElement.scrollHeight <= window.innerHeight &&
        last.getBoundingClientRect().bottom > 0)
    );
  };
  const watchForSentences = () => {
    if (!isScreenFull()) requestAnimationFrame(watchForSentences);
    else
      afterPaint(() => {
        probe.firstSentenceAt = performance.now();
      });
  };
  requestAnimationFrame(watchForSentences);
  let sentenceList: Element | null = null;
  window.addEventListener(
    'keydown',
    (event) => {
      if (!labelKeys.includes(event.key)) return;
      const pressedAt = event.timeStamp;
      const expected = probe.expectedLabel;
      probe.lastKeyToPaint = new Promise((resolve) => {
        const check = () => {
          sentenceList ??= findDeep(document, 'attest-sentence-list');
          const chip = sentenceList?.shadowRoot?.querySelector('.row.selected .chip.tagged');
          if (chip?.textContent?.trim() === expected)
            afterPaint(() => resolve(performance.now() - pressedAt));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
    true,
  );
}

/** Elements in the page, counting those inside shadow roots. */
export function countElements(): number {
  const count = (root: ParentNode): number => {
    let total = 0;
    for (const element of root.querySelectorAll('*')) {
      total += 1;
      if (element.shadowRoot) total += count(element.shadowRoot);
    }
    return total;
  };
  return count(document);
}

/**
 * Asks the sentence list: how many rows it has in the DOM (the windowed list's rendered rows,
 * -1 without a list), or whether it holds the whole document yet (a long one's later sentences
 * arrive after the first screen, and the list is aria-busy until then).
 */
export function inspectSentenceList(question: 'rowCount' | 'isWholeDocumentLoaded'): number | boolean {
  const findList = (root: ParentNode): Element | null => {
    const found = root.querySelector('attest-sentence-list');
    if (found) return found;
    for (const element of root.querySelectorAll('*')) {
      const inner = element.shadowRoot ? findList(element.shadowRoot) : null;
      if (inner) return inner;
    }
    return null;
  };
  const listRoot = findList(document)?.shadowRoot;
  if (question === 'isWholeDocumentLoaded') {
    return listRoot?.querySelector('[role="listbox"]')?.getAttribute('aria-busy') === 'false';
  }
  return listRoot?.querySelectorAll('[role="option"]').length ?? -1;
}

/** Scrolls the window from top to bottom a few screens at a time, two frames per step, and back. */
export async function scrollThrough(screensPerStep: number): Promise<number> {
  const nextFrames = () =>
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  let steps = 0;
  window.scrollTo(0, 0);
  await nextFrames();
  while (window.scrollY + window.innerHeight < document.documentElement.scrollHeight - 2) {
    window.scrollBy(0, window.innerHeight * screensPerStep);
    steps += 1;
    await nextFrames();
  }
  window.scrollTo(0, 0);
  await nextFrames();
  return steps;
}
