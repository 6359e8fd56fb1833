// Talking to a running Attest server with an API token (--server and ATTEST_TOKEN).
import type { Problem } from '@attest/core';
import { UsageError } from './files.ts';

export interface RemoteServer {
  url: string;
  token: string;
}

export function remoteServer(
  serverUrl: string | undefined,
  token: string | undefined,
): RemoteServer | undefined {
  if (!serverUrl) return undefined;
  if (!token) {
    throw new UsageError(
      '--server needs an API token: set ATTEST_TOKEN (create one under Tokens in Attest).',
    );
  }
  try {
    return { url: new URL(serverUrl).origin, token };
  } catch {
    throw new UsageError(`--server must be a URL like http://127.0.0.1:3000; got ${serverUrl}.`);
  }
}

export async function request(
  server: RemoteServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const isForm = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${server.token}`,
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch (error) {
    throw new Error(`Cannot reach ${server.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    const problem = (await response.json().catch(() => undefined)) as Problem | undefined;
    throw new Error(problem?.detail ?? `${method} ${path} answered ${response.status}`);
  }
  return response;
}

export async function requestJson<Result>(
  server: RemoteServer,
  method: string,
  path: string,
  body?: unknown,
) {
  return (await (await request(server, method, path, body)).json()) as Result;
}
