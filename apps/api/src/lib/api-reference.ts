// The browsable API reference (Scalar), served entirely from this server: no CDN, which a
// locked-down network or the Content-Security-Policy would block.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Scalar } from '@scalar/hono-api-reference';
import type { Context } from 'hono';
import type { AppEnv } from './openapi.ts';

const scalarBundlePath = path.join(
  path.dirname(createRequire(import.meta.url).resolve('@scalar/api-reference')),
  'browser/standalone.js',
);
let scalarBundle: Promise<string> | undefined;

export const apiReferencePath = '/api/docs';
export const apiReferenceScriptPath = `${apiReferencePath}/scalar.js`;

export async function serveApiReferenceScript(c: Context<AppEnv>) {
  scalarBundle ??= readFile(scalarBundlePath, 'utf8');
  return c.body(await scalarBundle, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=86400',
  });
}

/**
 * Attest's colours on Scalar's light theme: text dark enough for WCAG AA (Scalar's own grey
 * reads 3.2:1, its yellow PATCH far less), the app's accent, and room for the bar that leads
 * back to the app.
 */
const attestCss = `
/* Doubled: outranks the theme Scalar's script adds after this style sheet. */
.light-mode.light-mode {
  --scalar-color-1: #101828;
  --scalar-color-2: #344054;
  --scalar-color-3: #475467;
  --scalar-color-accent: #1849a9;
  --scalar-background-1: #ffffff;
  --scalar-background-2: #f2f4f7;
  --scalar-background-3: #e4e7ec;
  --scalar-background-accent: #eff4ff;
  --scalar-border-color: #d0d5dd;
  --scalar-color-green: #067647;
  --scalar-color-red: #b42318;
  --scalar-color-yellow: #93370d;
  --scalar-color-blue: #1849a9;
  --scalar-color-orange: #93370d;
  --scalar-color-purple: #5925dc;
}
/* The request examples are dark cards even on the light page: light colours there. */
.dark-mode.dark-mode {
  --scalar-color-accent: #84adff;
  --scalar-color-green: #47cd89;
  --scalar-color-red: #fda29b;
  --scalar-color-yellow: #fdb022;
  --scalar-color-blue: #84adff;
  --scalar-color-orange: #fdb022;
  --scalar-color-purple: #bdb4fe;
}
:root {
  --scalar-custom-header-height: 2.75rem;
}
.attest-back-bar {
  position: sticky;
  top: 0;
  z-index: 100;
  display: flex;
  align-items: center;
  gap: 1rem;
  height: 2.75rem;
  padding: 0 1rem;
  background: #1d2939;
  color: #ffffff;
  font: 600 0.95rem/1 system-ui, sans-serif;
}
.attest-back-bar a {
  color: #ffffff;
}
`;

/** A bar above the reference that leads back to the app (Scalar has no place of its own for one). */
const backBar =
  '<nav class="attest-back-bar" aria-label="Attest"><a href="/">← Back to Attest</a><span>API reference</span></nav>';

const scalarPage = Scalar<AppEnv>((c) => ({
  url: '/api/openapi.json',
  pageTitle: 'Attest API reference',
  cdn: apiReferenceScriptPath,
  nonce: c.get('secureHeadersNonce'),
  withDefaultFonts: false,
  customCss: attestCss,
  forceDarkModeState: 'light',
  hideDarkModeToggle: true,
  // Third-party services (an AI chat, SDK generation, deployment) that have nothing to do with a
  // self-hosted Attest, nor any business receiving its API description.
  agent: { disabled: true },
  mcp: { disabled: true },
  showToolbar: 'never',
  showDeveloperTools: 'never',
  telemetry: false,
}));

/** The reference page: Scalar's, in English (`lang`), with the way back to the app. */
export async function apiReferencePage(c: Context<AppEnv>) {
  const response = await scalarPage(c, async () => {});
  if (!response) return c.notFound();
  const page = (await response.text())
    .replace('<html>', '<html lang="en">')
    .replace('<body>', `<body>\n    ${backBar}`);
  return c.html(page, response.status as 200);
}
