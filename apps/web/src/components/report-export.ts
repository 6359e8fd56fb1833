// Reports leave the editor two ways: printed (the app's header hidden) and downloaded as one
// self-contained HTML file — the rendered report with its SVG charts and styles inlined, and no
// script, so it opens anywhere and cannot run anything.
import type { LitElement, ReactiveController, ReactiveControllerHost } from 'lit';

const voidElements = new Set([
  'area',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'wbr',
]);
/** What a static copy has no use for: controls, navigation, anything executable. */
const skippedElements = new Set(['script', 'button', 'nav', 'noscript', 'iframe', 'object', 'embed', 'slot']);

/** While a report is shown, printing leaves out the application's header and skip link. */
const printChrome = new CSSStyleSheet();
printChrome.replaceSync('@media print { header, .skip-link { display: none !important; } }');

/** Adds the print rules to the shadow root holding the report while the report is shown. */
export class PrintChromeController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private root: ShadowRoot | Document | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.host = host;
    host.addController(this);
  }

  hostConnected(): void {
    const root = this.host.getRootNode();
    if (!(root instanceof ShadowRoot || root instanceof Document)) return;
    this.root = root;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, printChrome];
  }

  hostDisconnected(): void {
    if (this.root)
      this.root.adoptedStyleSheets = this.root.adoptedStyleSheets.filter((sheet) => sheet !== printChrome);
    this.root = undefined;
  }
}

/** Saves `content` (an element of a report page) as `<fileName>.html`. */
export function downloadReport(content: Element, title: string, fileName: string): void {
  const blob = new Blob([reportDocument(content, title)], { type: 'text/html' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileName}.html`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The report as a standalone HTML document, shadow roots flattened into plain markup. */
export function reportDocument(content: Element, title: string): string {
  const styles = new Set<string>();
  for (const sheet of Array.from(document.styleSheets)) {
    try {
      for (const rule of Array.from(sheet.cssRules)) styles.add(rule.cssText);
    } catch {
      // A stylesheet from another origin cannot be read; the report does without it.
    }
  }
  // The page's own styles (layout, tables, figures) apply to the body of the copy.
  const root = content.getRootNode();
  if (root instanceof ShadowRoot) addComponentStyles(root.host, 'body', styles);
  const body = serialise(content, styles);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeText(title)}</title>
<style>
${[...styles].join('\n')}
body { max-width: 72rem; margin: 1.5rem auto; padding: 0 1.5rem; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

function serialise(node: Node, styles: Set<string>): string {
  if (node.nodeType === Node.TEXT_NODE) return escapeText(node.textContent ?? '');
  if (!(node instanceof Element)) return '';
  const tag = node.localName;
  if (skippedElements.has(tag) || node.classList.contains('no-export')) return '';
  const shadow = node.shadowRoot;
  let children: Node[] = Array.from(node.childNodes);
  let attributes = Array.from(node.attributes)
    .filter((attribute) => !attribute.name.startsWith('on') && !/^\s*javascript:/i.test(attribute.value))
    .map((attribute) => ` ${attribute.name}="${escapeAttribute(attribute.value)}"`)
    .join('');
  if (shadow) {
    // A component becomes a <div> carrying its tag name; its :host rules are rewritten to match.
    addComponentStyles(node, `[data-component="${tag}"]`, styles);
    children = Array.from(shadow.childNodes);
    attributes = ` data-component="${tag}"`;
    return `<div${attributes}>${children.map((child) => serialise(child, styles)).join('')}</div>`;
  }
  if (tag === 'details') attributes += ' open';
  const inner = children.map((child) => serialise(child, styles)).join('');
  return voidElements.has(tag) ? `<${tag}${attributes}>` : `<${tag}${attributes}>${inner}</${tag}>`;
}

/** A Lit component's styles, its :host rules rewritten to match `hostSelector`. */
function addComponentStyles(element: Element, hostSelector: string, styles: Set<string>): void {
  const component = element.constructor as typeof LitElement;
  for (const style of component.elementStyles ?? []) {
    const text = 'cssText' in style ? style.cssText : '';
    styles.add(text.replaceAll(':host', hostSelector));
  }
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replaceAll('"', '&quot;');
}
