// The documentation in docs/, built into the app: the pages link to it and it is the version
// of the docs that matches the running code.
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { PageController } from '../controllers/page-controller.ts';
import { baseStyles, buttonStyles, pageStyles } from '../styles/shared.ts';
import { breadcrumbsTemplate, loadErrorTemplate } from './page-templates.ts';
import './attest-markdown.ts';

/** Each docs/*.md file, loaded when its page is opened. */
const documentLoaders = import.meta.glob<string>('../../../../docs/*.md', {
  query: '?raw',
  import: 'default',
});

/** The screenshots the docs show, by file name, as the build serves them. */
const screenshotUrls = new Map(
  Object.entries(
    import.meta.glob<string>('../../../../docs/screenshots/*.png', {
      query: '?url',
      import: 'default',
      eager: true,
    }),
  ).map(([file, url]) => [file.split('/').pop() ?? file, url]),
);

/** The names of the docs pages ("datasets" for docs/datasets.md), for links and tests. */
export const docNames = Object.keys(documentLoaders).map((file) =>
  (file.split('/').pop() ?? '').replace(/\.md$/, ''),
);

/**
 * One page of the documentation, rendered from its Markdown: links between the docs stay in
 * the app, and the screenshots they show are the ones built with it.
 */
@customElement('attest-docs-page')
export class AttestDocsPage extends LitElement {
  static override styles = [
    baseStyles,
    buttonStyles,
    pageStyles,
    css`
      article {
        max-width: 52rem;
        padding: 1.25rem 1.75rem;
      }
    `,
  ];

  protected readonly page = new PageController(this, {
    title: () => this.docTask.value?.title ?? 'Documentation',
    // The page's heading is the document's own, inside the rendered Markdown.
    focusTarget: () => this.renderRoot.querySelector<HTMLElement>('article'),
  });

  /** The page's name: `datasets` (or `datasets.md`) for docs/datasets.md. */
  @property() name = '';

  private readonly docTask = new Task(this, {
    task: async ([name]) => {
      const load = documentLoaders[`../../../../docs/${name.replace(/\.md$/, '')}.md`];
      if (!load)
        throw new Error(
          `There is no documentation page called “${name}”. The pages are: ${docNames.join(', ')}.`,
        );
      const markdown = withAppLinks(await load());
      return { markdown, title: /^#\s+(.+)$/m.exec(markdown)?.[1] ?? name };
    },
    args: () => [this.name] as const,
  });

  override render() {
    return this.docTask.render({
      pending: () => html`<h1 tabindex="-1">Documentation</h1><p role="status">Loading…</p>`,
      complete: ({ markdown }) => html`
        ${breadcrumbsTemplate([{ text: 'Documentation' }])}
        <article class="panel" tabindex="-1"><attest-markdown .markdown=${markdown}></attest-markdown></article>
      `,
      error: (error) => loadErrorTemplate('Documentation not available', error),
    });
  }
}

/** Points the Markdown's relative links at the app: other docs pages and the built screenshots. */
function withAppLinks(markdown: string): string {
  return markdown
    .replaceAll(/\]\(screenshots\/([^)\s]+)\)/g, (whole, file: string) => {
      const url = screenshotUrls.get(file);
      return url ? `](${url})` : whole;
    })
    .replaceAll(
      /\]\(([a-z-]+)\.md(#[^)\s]*)?\)/g,
      (_whole, name: string, anchor = '') => `](/docs/${name}${anchor})`,
    );
}

declare global {
  interface HTMLElementTagNameMap {
    'attest-docs-page': AttestDocsPage;
  }
}
