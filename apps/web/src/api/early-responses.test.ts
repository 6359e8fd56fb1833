import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client.ts';
import { dropEarlyResponses, requestEarly } from './early-responses.ts';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** A fetch that answers each call with the next of `answers`, recording the addresses asked for. */
function stubFetch(...answers: Response[]): string[] {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const answer = answers.shift();
      if (!answer) throw new Error(`no answer left for ${url}`);
      return answer;
    }),
  );
  return asked;
}

afterEach(() => {
  dropEarlyResponses();
  vi.unstubAllGlobals();
});

describe('early responses', () => {
  it('answer the first GET of their address, once, without asking the server again', async () => {
    const asked = stubFetch(
      jsonResponse(200, { user: { id: 'early' } }),
      jsonResponse(200, { user: { id: 'later' } }),
    );
    requestEarly('/api/me');
    const client = new ApiClient();
    expect(await client.getMe()).toEqual({ user: { id: 'early' } });
    expect(await client.getMe()).toEqual({ user: { id: 'later' } });
    expect(asked).toEqual(['/api/me', '/api/me']);
  });

  it('are asked for again when they failed, so the error reads as any other', async () => {
    const asked = stubFetch(
      jsonResponse(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Sign in.' }),
      jsonResponse(200, { user: { id: 'signed-in' } }),
    );
    requestEarly('/api/me');
    expect(await new ApiClient().getMe()).toEqual({ user: { id: 'signed-in' } });
    expect(asked).toEqual(['/api/me', '/api/me']);
  });

  it('are not taken once dropped, nor by another address', async () => {
    const asked = stubFetch(
      jsonResponse(200, { items: [] }),
      jsonResponse(200, { user: { id: 'asked by the client' } }),
      jsonResponse(200, { user: { id: 'early, then dropped' } }),
      jsonResponse(200, { user: { id: 'asked again' } }),
    );
    requestEarly('/api/projects');
    const client = new ApiClient();
    expect(await client.getMe()).toEqual({ user: { id: 'asked by the client' } });
    requestEarly('/api/me');
    dropEarlyResponses();
    expect(await client.getMe()).toEqual({ user: { id: 'asked again' } });
    expect(asked).toEqual(['/api/projects', '/api/me', '/api/me', '/api/me']);
  });
});
