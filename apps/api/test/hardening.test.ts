import { openTestDatabase, preferredTestEngine } from '@attest/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { createTestApp, expectProblem, type TestApp } from './helpers.ts';

let testApp: TestApp;
beforeAll(async () => {
  testApp = await createTestApp();
});
afterAll(async () => {
  await testApp?.database.destroy();
});

describe('security headers', () => {
  it('sends pages a CSP without inline script, nosniff, frame-ancestors and a referrer policy', async () => {
    for (const path of ['/healthz', '/nothing']) {
      const response = await testApp.owner.request(path);
      const policy = response.headers.get('content-security-policy') ?? '';
      const scriptSource =
        policy.split(';').find((directive) => directive.trim().startsWith('script-src')) ?? '';
      expect(scriptSource).toContain("'self'");
      expect(scriptSource).not.toContain('unsafe-inline');
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });

  it("sends the API's answers a policy that allows nothing, and no page-only headers", async () => {
    const answers = [
      await testApp.owner.request('/api/projects'),
      await testApp.owner.request('/api/nothing'),
      await testApp.owner.request('/api/openapi.json'),
      await testApp.owner.request('/api/projects', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{',
      }),
    ];
    expect(answers.map((response) => response.status)).toEqual([200, 404, 200, 400]);
    for (const response of answers) {
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(response.headers.get('strict-transport-security')).toContain('max-age=');
      for (const pageOnly of [
        'referrer-policy',
        'x-xss-protection',
        'x-dns-prefetch-control',
        'origin-agent-cluster',
      ])
        expect(response.headers.get(pageOnly)).toBeNull();
    }
  });

  it('serves the API reference with its script from this server, allowed by a nonce', async () => {
    const page = await testApp.owner.request('/api/docs');
    const html = await page.text();
    const nonce = /script-src [^;]*'nonce-([^']+)'/.exec(
      page.headers.get('content-security-policy') ?? '',
    )?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain('/api/docs/scalar.js');
    expect(html).toContain(`nonce="${nonce}"`);
    expect(html).not.toContain('cdn.jsdelivr.net');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<a href="/">← Back to Attest</a>');
    // Third-party buttons (an AI chat, SDK generation, deployment) are switched off.
    expect(html).toMatch(/"agent":\s*\{\s*"disabled":\s*true/);
    expect(html).toMatch(/"showToolbar":\s*"never"/);
    const script = await testApp.owner.request('/api/docs/scalar.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    // The reference and its script are pages: they keep the page set, not the API answers' one.
    expect(script.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
  });
});

describe.runIf(preferredTestEngine() === 'postgres')('when the database is unreachable', () => {
  it('answers 503 with Retry-After, and /readyz reports it', async () => {
    const database = await openTestDatabase('postgres');
    await database.close();
    const app = createApp({
      db: database.db,
      secret: 'a-test-secret-that-is-long-enough-1234567890',
      logError: () => {},
    });
    try {
      const response = await app.request('/api/setup');
      const problem = await expectProblem(response, 503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(problem.detail).toContain('try again');
      expect((await app.request('/readyz')).status).toBe(503);
    } finally {
      await database.destroy().catch(() => {});
    }
  });
});
