// Shared pieces of the OpenAPI route definitions: problem responses and the app factory.
import { problemSchema } from '@attest/core';
import type { Database } from '@attest/db';
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Actor } from '../auth/actor.ts';
import type { Auth } from '../auth/create-auth.ts';
import type { ServiceContext } from '../services/context.ts';
import type { ExportGate } from './export-gate.ts';
import { problemBody, problemContentType } from './problem.ts';

export interface AppEnv {
  Variables: {
    /** Set for signed-in requests (and those with a token); protected routes require it. */
    services: ServiceContext;
    actor: Actor | null;
    auth: Auth;
    db: Database;
    exportGate: ExportGate;
    /** Where unexpected errors go (one line each, no request data). */
    logError: (message: string, details: Record<string, unknown>) => void;
    requestId: string;
    secureHeadersNonce?: string;
  };
}

/** The content of a JSON request or response body with this schema. */
export const jsonContent = <Schema extends z.ZodType>(schema: Schema) => ({ 'application/json': { schema } });

/** A declared error response: a problem+json body. */
interface ProblemResponse {
  description: string;
  content: Record<string, { schema: typeof problemSchema }>;
}

export function problemResponses<const Status extends number>(
  ...statuses: readonly Status[]
): Record<Status, ProblemResponse> {
  const descriptions: Record<number, string> = {
    400: 'The request could not be read (malformed JSON or headers).',
    404: 'The resource does not exist.',
    412: 'The If-Match version is stale; the body holds the current value.',
    413: 'The request body is over the size limit.',
    415: 'The request body has an unsupported content type.',
    422: 'The request is well-formed but not valid.',
    429: 'Too many at once; Retry-After says when to try again.',
    503: 'The database is unreachable; retry later.',
  };
  const responses = statuses.map((status): [Status, ProblemResponse] => [
    status,
    {
      description: descriptions[status] ?? 'An error.',
      content: { [problemContentType]: { schema: problemSchema } },
    },
  ]);
  // `Object.fromEntries` keys its result by string; the keys are exactly `statuses`.
  return Object.fromEntries(responses) as Record<Status, ProblemResponse>;
}

/** A router whose validation failures answer 422 problem+json listing every invalid field. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, context) => {
      if (result.success) return;
      const errors = result.error.issues.map((issue) => ({
        path: issue.path.join('.') || result.target,
        message: issue.message,
      }));
      const summary = errors.map((error) => `${error.path}: ${error.message}`).join('; ');
      return context.body(
        JSON.stringify({
          ...problemBody(
            422,
            'invalid-input',
            'The request is not valid',
            `Fix these fields and send it again — ${summary}`,
          ),
          errors,
        }),
        422,
        { 'content-type': problemContentType },
      );
    },
  });
}
