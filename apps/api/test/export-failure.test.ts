// An export that fails after its first byte: the client must see a broken download, not a
// shorter file that looks whole, and the log gets one line without the failing query's data.
import type { AddressInfo } from 'node:net';
import type { Database } from '@attest/db';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { clientAddressHeader } from '../src/auth/create-auth.ts';
import {
  createBulkProject,
  createTestApp,
  jsonRequest,
  type TestApp,
  testOrigin,
  testPassword,
} from './helpers.ts';

// The HTTP layer is what is tested; PGlite is the engine whose page queries a wrapper can fail.
describe('an export that fails while streaming', () => {
  let testApp: TestApp;
  let server: ReturnType<typeof serve>;
  let port: number;
  const logged: string[] = [];
  let executeCalls = 0;
  let cookie = '';

  beforeAll(async () => {
    testApp = await createTestApp({}, 'pglite');
    await createBulkProject(testApp, 'pages', {
      documents: 10,
      sentencesPerDocument: 100,
      sentenceText: 'The ministry said the figures were checked twice.',
    });
    // The exports' database fails its third query: the annotator list and the first page pass.
    const failingExportDb = new Proxy(testApp.database.db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver);
        return (query: Parameters<Database['execute']>[0]) => {
          executeCalls++;
          if (executeCalls === 3)
            return Promise.reject(new Error('Failed query: select …\nparams: private-article-text'));
          return target.execute(query);
        };
      },
    });
    const app = createApp({
      db: testApp.database.db,
      exportDb: failingExportDb,
      secret: 'a-test-secret-that-is-long-enough-1234567890',
      logError: (message, details) => logged.push(JSON.stringify([message, details])),
    });
    server = await new Promise((resolve) => {
      const started = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(started));
    });
    port = (server.address() as AddressInfo).port;
    const signedIn = await app.request(
      '/api/auth/sign-in/email',
      jsonRequest(
        'POST',
        { email: testApp.owner.email, password: testPassword },
        { origin: testOrigin, [clientAddressHeader]: '198.51.100.7' },
      ),
    );
    cookie = signedIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await testApp?.database.destroy();
  });

  it('breaks the connection and logs one line with the request id and without the data', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/projects/pages/export?format=jsonl`, {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect(executeCalls).toBeGreaterThanOrEqual(3);
    const exportLines = logged.filter((line) => line.includes('Export failed while streaming'));
    expect(exportLines).toHaveLength(1);
    expect(exportLines[0]).toContain(response.headers.get('x-request-id')!);
    expect(logged.join('\n')).not.toContain('private-article-text');
  });
});
