// The built web app is served from the same origin: every path outside /api answers with the
// web root's index.html, so the editor's own routes load on a reload or a shared link.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createTestApp, type TestApp } from './helpers.ts';

let testApp: TestApp;
const webRoots: string[] = [];

beforeAll(async () => {
  testApp = await createTestApp();
});

afterAll(async () => {
  await testApp?.database.destroy();
  await Promise.all(webRoots.map((webRoot) => rm(webRoot, { recursive: true, force: true })));
});

async function appServing(title: string) {
  const webRoot = await mkdtemp(path.join(tmpdir(), 'attest-web-root-'));
  webRoots.push(webRoot);
  await writeFile(path.join(webRoot, 'index.html'), `<!doctype html><title>${title}</title>`);
  await writeFile(path.join(webRoot, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await mkdir(path.join(webRoot, 'assets'));
  await writeFile(path.join(webRoot, 'assets', 'index-a1b2c3.js'), 'export {};');
  return createApp({
    db: testApp.database.db,
    secret: 'a-test-secret-that-is-long-enough-0987654321',
    webRoot,
  });
}

describe('the web app beside the API', () => {
  it("answers an editor route with its own web root's page, even with two servers in one process", async () => {
    const first = await appServing('First build');
    const second = await appServing('Second build');
    const firstPage = await first.request('/projects/demo/documents');
    const secondPage = await second.request('/projects/demo/documents');
    expect(firstPage.status).toBe(200);
    expect(await firstPage.text()).toContain('<title>First build</title>');
    expect(await secondPage.text()).toContain('<title>Second build</title>');
  });

  it('still answers unknown API paths with problem+json, not the page', async () => {
    const app = await appServing('Build');
    const response = await app.request('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('lets the browser keep the hashed build files for good, but not the page or unhashed files', async () => {
    const app = await appServing('Build');
    const script = await app.request('/assets/index-a1b2c3.js');
    expect(script.status).toBe(200);
    expect(await script.text()).toBe('export {};');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await app.request('/documents/some-document');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBeNull();
    const missing = await app.request('/assets/index-gone.js');
    expect(missing.headers.get('cache-control')).toBeNull();
    const icon = await app.request('/favicon.svg');
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBeNull();
  });
});
