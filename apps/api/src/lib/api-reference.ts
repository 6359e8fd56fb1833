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

export const apiReferenceScriptPath = '/api/docs/scalar.js';

export async function serveApiReferenceScript(c: Context<AppEnv>) {
  scalarBundle ??= readFile(scalarBundlePath, 'utf8');
  return c.body(await scalarBundle, 200, {
    'content-type': 'text/javascript; charset=utf-8',
    'cache-control': 'public, max-age=86400',
  });
}

export const apiReferencePage = Scalar<AppEnv>((c) => ({
  url: '/api/openapi.json',
  pageTitle: 'Attest API reference',
  cdn: apiReferenceScriptPath,
  nonce: c.get('secureHeadersNonce'),
  withDefaultFonts: false,
}));
