// Building application/problem+json responses.
import type { Problem } from '@attest/core';

export const problemContentType = 'application/problem+json';

export function problemBody(status: number, code: string, title: string, detail: string): Problem {
  return { type: `/problems/${code}`, title, status, detail };
}

export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': problemContentType, ...headers },
  });
}
