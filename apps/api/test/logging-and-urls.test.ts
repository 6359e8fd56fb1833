// What the server writes to its log (one line per unexpected error, never the request's data;
// nothing for a refused token) and which source URLs a document may carry.
import { inspect } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { logErrorLine, summarizeError } from '../src/lib/error-log.ts';
import { createTestApp, expectProblem, jsonRequest, type TestApp } from './helpers.ts';

let testApp: TestApp;
/** Everything written to the log, as it would print: logError's arguments and the console's. */
const logged: string[] = [];
const originalNodeEnv = process.env['NODE_ENV'];

beforeAll(async () => {
  // As in production, where the auth library's logger is on.
  process.env['NODE_ENV'] = 'production';
  testApp = await createTestApp({
    logError: (message, details) => logged.push(inspect([message, details], { depth: 8 })),
  });
  process.env['NODE_ENV'] = originalNodeEnv;
  for (const method of ['error', 'warn', 'log', 'info'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      logged.push(inspect(args, { depth: 8 }));
    });
}, 60_000);

beforeEach(() => {
  logged.length = 0;
});

afterAll(async () => {
  vi.restoreAllMocks();
  await testApp.database.destroy();
});

describe('the log', () => {
  it('records nothing for an invalid API token, which is answered 401', async () => {
    const response = await testApp.anonymous.request('/api/projects', {
      headers: { authorization: 'Bearer attest_notARealTokenAtAll12345' },
    });
    await expectProblem(response, 401);
    expect(logged).toEqual([]);
  });

  it('records a 500 in one line with the request id and the error, without the SQL parameters', async () => {
    const sentenceId = await firstSentenceId();
    // A database fault that surfaces as an unexpected error on a save holding private text.
    await testApp.database.db.execute(
      sql`alter table annotations add constraint refuses_this_note check (note is null or note not like '%do not log%')`,
    );
    try {
      const response = await testApp.owner.request(
        `/api/sentences/${sentenceId}/annotation`,
        jsonRequest(
          'PUT',
          { label: 'reported_fact', note: 'Private: do not log this note' },
          { 'if-match': '"0"' },
        ),
      );
      await expectProblem(response, 500);
      const requestId = response.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      expect(logged).toHaveLength(1);
      const [line] = logged;
      expect(line).toContain(requestId!);
      expect(line).toContain('23514');
      expect(line).toContain('refuses_this_note');
      expect(line).toContain('DrizzleQueryError');
      expect(line).not.toContain('do not log');
      expect(line).not.toContain('params');
    } finally {
      await testApp.database.db.execute(sql`alter table annotations drop constraint refuses_this_note`);
    }
  });
});

describe('the default error log', () => {
  it('writes each event as one JSON line', () => {
    const written: string[] = [];
    const write = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    try {
      logErrorLine('Unexpected error', {
        requestId: 'r1',
        error: summarizeError(new Error('first\nsecond')),
      });
    } finally {
      write.mockRestore();
    }
    expect(written).toHaveLength(1);
    expect(written[0]!.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(written[0]!)).toMatchObject({
      level: 'error',
      requestId: 'r1',
      error: { message: 'first' },
    });
  });
});

describe('document source URLs', () => {
  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.org/a'])(
    'refuses %s with a detail naming the field',
    async (url) => {
      const response = await testApp.owner.json('POST', '/api/projects/demo/documents', {
        body: 'The ministry said the figures were checked.',
        url,
      });
      const problem = await expectProblem(response, 422);
      expect(problem.detail).toContain('url');
      expect(problem.detail).toContain('http://');
    },
  );

  it('accepts http and https addresses', async () => {
    for (const [index, url] of ['http://example.org/a', 'https://example.org/b'].entries()) {
      const response = await testApp.owner.json('POST', '/api/projects/demo/documents', {
        body: `Article ${index}: the ministry said the figures were checked.`,
        url,
      });
      expect(response.status).toBe(201);
    }
  });
});

async function firstSentenceId(): Promise<string> {
  const result = (await testApp.database.db.execute(
    sql`select s.id from sentences s join documents d on d.id = s.document_id
      join projects p on p.id = d.project_id where p.slug = 'demo' and s.kind = 'sentence' limit 1`,
  )) as unknown as { id: string }[] | { rows: { id: string }[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return rows[0]!.id;
}
