// Downloads that stop reading must not wedge the server: 30 clients start an export over real
// TCP and never read it, while saves, sign-ins and /readyz keep answering; once they leave,
// nothing is left holding the database.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { testEngines } from '@attest/db/testing';
import { serve } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { within } from '../src/lib/deadline.ts';
import {
  addMember,
  createBulkProject,
  createTestApp,
  jsonRequest,
  signIn,
  type TestApp,
  type TestUser,
} from './helpers.ts';

const writeTimeoutMs = 10_000;
/** What "still answering" means for saves and sign-ins while the downloads stall. */
const answerDeadlineMs = 1_000;

interface StalledDownload {
  socket: net.Socket;
  /** The first bytes the client read before it stopped: the status line and headers. */
  head: string;
}

/** Starts an export over a raw socket and stops reading after its first chunk. */
function startStalledDownload(port: number, cookie: string): Promise<StalledDownload> {
  const socket = net.connect(port, '127.0.0.1');
  socket.write(
    `GET /api/projects/wide/export?format=jsonl HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\n\r\n`,
  );
  const firstChunk = new Promise<string>((resolve) => {
    socket.once('data', (chunk: Buffer) => {
      socket.pause();
      resolve(chunk.toString('latin1'));
    });
    socket.once('error', () => resolve(''));
  });
  // A server that never answers is a failure to report, not a test that hangs.
  return within(firstChunk, 10_000, '').then((head) => ({ socket, head }));
}

for (const engine of testEngines())
  describe(`stalled export downloads on ${engine}`, () => {
    let testApp: TestApp;
    let server: ReturnType<typeof serve>;
    let port: number;
    let reviewers: TestUser[];
    let sentenceIds: string[];

    beforeAll(async () => {
      testApp = await createTestApp({ exportLimits: { writeTimeoutMs } }, engine);
      // 20,000 sentences of 1 kB: over 20 MB of JSON lines over several pages, far more than the
      // sockets' and streams' buffers hold, so an export whose client stops reading stops too.
      sentenceIds = await createBulkProject(testApp, 'wide', {
        documents: 20,
        sentencesPerDocument: 1_000,
        sentenceText: 'The ministry said the figures were checked twice. '.repeat(20).trim(),
      });
      reviewers = [];
      for (const name of ['Rae One', 'Rae Two', 'Rae Three', 'Rae Four'])
        reviewers.push(await addMember(testApp, 'wide', 'reviewer', name));
      server = await new Promise((resolve) => {
        const started = serve({ fetch: testApp.app.fetch, hostname: '127.0.0.1', port: 0 }, () =>
          resolve(started),
        );
      });
      port = (server.address() as AddressInfo).port;
    }, 120_000);

    afterAll(async () => {
      (server as Server | undefined)?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
      await testApp?.database.destroy();
    });

    async function readiness() {
      const response = await within(Promise.resolve(testApp.anonymous.request('/readyz')), 3_000, undefined);
      if (!response) return { status: 0, body: undefined };
      return {
        status: response.status,
        body: (await response.json()) as { status: string; exports: { active: number; limit: number } },
      };
    }

    async function countCopies(condition: ReturnType<typeof sql>): Promise<number> {
      const [row] = (await testApp.database.db.execute(
        sql`select count(*)::int as count from pg_stat_activity
          where datname = current_database() and state = 'active' and starts_with(query, 'set local jit = off; copy (') and ${condition}`,
      )) as unknown as { count: number }[];
      return row!.count;
    }
    const copiesRunning = () => countCopies(sql`true`);
    const copiesWaitingOnClient = () => countCopies(sql`wait_event = 'ClientWrite'`);

    it('keeps saves, sign-ins and /readyz answering while 30 downloads stop reading, and recovers', async () => {
      // Five accounts, six downloads each.
      const cookies = [testApp.owner, ...reviewers].flatMap((user) => Array<string>(6).fill(user.cookie));
      const downloads = await Promise.all(cookies.map((cookie) => startStalledDownload(port, cookie)));
      try {
        const started = downloads.filter((download) => download.head.startsWith('HTTP/1.1 200'));
        const refused = downloads.filter((download) => download.head.startsWith('HTTP/1.1 429'));
        // At most four run at once, two per account; the rest are told when to come back.
        expect(started.length).toBeGreaterThan(0);
        expect(started.length).toBeLessThanOrEqual(4);
        expect(started.length + refused.length).toBe(30);
        for (const { head } of refused) {
          expect(head).toMatch(/\r\nretry-after: \d+\r\n/i);
          expect(head).toMatch(/\r\ncontent-type: application\/problem\+json\r\n/i);
        }

        if (engine === 'postgres') {
          // Wait until the exports have filled every buffer on the way: each statement still
          // running waits to write to its client.
          await expect
            .poll(async () => (await copiesRunning()) - (await copiesWaitingOnClient()), {
              timeout: 10_000,
              interval: 100,
            })
            .toBe(0);
        }

        // Saves and sign-ins answer within a second while the downloads sit unread.
        for (const [index, sentenceId] of sentenceIds.slice(0, 5).entries()) {
          const save = Promise.resolve(
            testApp.owner.request(
              `/api/sentences/${sentenceId}/annotation`,
              jsonRequest('PUT', { label: 'reported_fact', note: `save ${index}` }, { 'if-match': '"0"' }),
            ),
          );
          const answered = await within(save, answerDeadlineMs, undefined);
          expect(answered?.status, `save ${index} within ${answerDeadlineMs} ms`).toBe(200);
        }
        for (const reviewer of reviewers.slice(0, 2)) {
          const signedIn = await within(
            signIn(testApp, reviewer.email).then(() => true),
            answerDeadlineMs,
            false,
          );
          expect(signedIn, `sign-in of ${reviewer.email} within ${answerDeadlineMs} ms`).toBe(true);
        }
        const during = await readiness();
        expect(during.status).toBe(200);

        // Clients that stay but never read are cut off after the write timeout.
        await expect
          .poll(async () => (await readiness()).body?.exports.active, {
            timeout: writeTimeoutMs + 5_000,
            interval: 200,
          })
          .toBe(0);
        // ... and their connections broken off: read again, each gets what was buffered, then
        // the end, without the last chunk of a complete response (which would pass for a whole file).
        const closed = started.map(
          ({ socket }) =>
            new Promise<{ received: number; tail: string }>((resolve) => {
              let received = 0;
              let tail = '';
              socket.on('data', (chunk: Buffer) => {
                received += chunk.byteLength;
                tail = (tail + chunk.toString('latin1')).slice(-5);
              });
              socket.once('close', () => resolve({ received, tail }));
              socket.resume();
            }),
        );
        const endings = await within(Promise.all(closed), 10_000, undefined);
        expect(endings, 'every stalled download closed by the server').toBeDefined();
        for (const { received, tail } of endings!) {
          expect(received).toBeLessThan(20_000_000);
          expect(tail).not.toBe('0\r\n\r\n');
        }
      } finally {
        for (const { socket } of downloads) socket.destroy();
      }

      // After they leave: ready, and a whole export comes through.
      const after = await readiness();
      expect(after.status).toBe(200);
      expect(after.body?.status).toBe('ok');
      const whole = await within(
        Promise.resolve(testApp.owner.request('/api/projects/wide/export?format=jsonl')).then((response) =>
          response.text(),
        ),
        30_000,
        '',
      );
      expect(whole.trimEnd().split('\n')).toHaveLength(20_000);
      // No statement of the stalled exports is left running on the server.
      if (engine === 'postgres') expect(await copiesRunning()).toBe(0);
    }, 120_000);
  });
