// Talking to a running Attest server with an API token (--server and ATTEST_TOKEN).
import type { Problem } from '@attest/core';
import { Agent, request as requestWithoutTimeouts } from 'undici';
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
    throw unreachable(server, error);
  }
  if (!response.ok) throw await refusal(method, path, response.status, response.json());
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

/**
 * Waits for the server however long it works before answering: fetch gives up when no answer
 * has begun within five minutes, and a re-link of a large project answers only when it is done.
 * Reaching the server still fails at once.
 */
const patientAgent = new Agent({ headersTimeout: 0, bodyTimeout: 0 });

/** Sends a request without a body whose answer may take longer than fetch waits; its JSON. */
export async function requestJsonPatiently<Result>(
  server: RemoteServer,
  method: string,
  path: string,
): Promise<Result> {
  let response: Awaited<ReturnType<typeof requestWithoutTimeouts>>;
  try {
    response = await requestWithoutTimeouts(`${server.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${server.token}` },
      dispatcher: patientAgent,
    });
  } catch (error) {
    throw unreachable(server, error);
  }
  if (response.statusCode >= 400)
    throw await refusal(method, path, response.statusCode, response.body.json());
  return (await response.body.json()) as Result;
}

function unreachable(server: RemoteServer, error: unknown): Error {
  return new Error(`Cannot reach ${server.url}: ${error instanceof Error ? error.message : String(error)}`);
}

/** The server's problem detail, or what answered how when it sent none. */
async function refusal(method: string, path: string, status: number, body: Promise<unknown>): Promise<Error> {
  const problem = (await body.catch(() => undefined)) as Problem | undefined;
  return new Error(problem?.detail ?? `${method} ${path} answered ${status}`);
}
