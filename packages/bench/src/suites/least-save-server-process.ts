// The least an HTTP save server can do, run as a child process (see `startLeastSaveServer`):
// node:http, no framework, no session, no checks, no ORM; it writes each save with the floor's
// own statement and answers with the new version. Run beside Attest's API under the same load,
// it shows what HTTP alone costs against the floor, so how far Attest's own request path is
// from the least any save over HTTP would take.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { DefaultLabelKey } from '@attest/core';
import postgres from 'postgres';
import type { ChildServerReply } from '../harness/child-server.ts';
import { writeFloorSave } from './save-floor-statement.ts';

/** What the parent sends first. */
export interface LeastServerRequest {
  databaseUrl: string;
  /** The pool size, the floor's. */
  connections: number;
  /** Each analyst by the cookie their saves carry, in place of a session. */
  analystByCookie: Record<string, { userId: string; documentId: string }>;
  labelIdByKey: Record<string, string>;
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function serve(request: LeastServerRequest) {
  const client = postgres(request.databaseUrl, { max: request.connections, onnotice: () => {} });
  const server = createServer(async (incoming, response) => {
    try {
      const body = await readBody(incoming);
      // The load generator opens each connection with a GET before its clock starts.
      if (incoming.method === 'GET') return answer(response, 200, { ok: true });
      const analyst = request.analystByCookie[incoming.headers.cookie ?? ''];
      const sentenceId = incoming.url?.split('/')[3];
      const { label } = JSON.parse(body) as { label: DefaultLabelKey };
      const labelId = request.labelIdByKey[label];
      if (!analyst || !sentenceId || !labelId) return answer(response, 400, { title: 'Not a save' });
      const version = await writeFloorSave(client, {
        ...analyst,
        sentenceId,
        labelId,
        labelKey: label,
        expectedVersion: Number(incoming.headers['if-match']?.replaceAll('"', '')),
        clientOpId: String(incoming.headers['idempotency-key']),
      });
      if (version === undefined) return answer(response, 412, { title: 'Stale version' });
      answer(response, 200, { version });
    } catch (error) {
      answer(response, 500, { title: String(error) });
    }
  });
  return { client, server };
}

process.once('message', (message) => {
  const { client, server } = serve(message as LeastServerRequest);
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const reply: ChildServerReply = { url: `http://127.0.0.1:${port}` };
    process.send?.(reply);
  });
  process.once('message', () => {
    server.close();
    server.closeAllConnections();
    void client.end({ timeout: 5 }).then(() => process.disconnect());
  });
});
