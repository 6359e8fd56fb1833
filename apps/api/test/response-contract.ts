// Holds the API to its declared contract while the tests run: every JSON answer must be one the
// route's OpenAPI definition describes (status, content type, schema, and no key the schema
// leaves out), and every error a problem+json body. createTestApp wraps each test app with it,
// so each API test doubles as a contract test.
import { problemSchema } from '@attest/core';
import type { OpenAPIHono, z } from '@hono/zod-openapi';

interface DeclaredResponse {
  content?: Record<string, { schema: unknown }>;
}

export interface DeclaredRoute {
  method: string;
  /** As declared, e.g. /api/documents/{id}/report. */
  path: string;
  pattern: RegExp;
  /** Path segments without a parameter: the most literal match wins (…/claims/relink over …/{claimId}). */
  literalSegments: number;
  responses: Record<string, DeclaredResponse>;
  request: { params?: unknown; query?: unknown; body?: unknown; headers?: unknown } | undefined;
}

type AnyOpenApiApp = Pick<OpenAPIHono, 'openAPIRegistry'>;

/** Every route the app declares through @hono/zod-openapi, sub-apps included. */
export function declaredRoutes(app: AnyOpenApiApp): DeclaredRoute[] {
  return app.openAPIRegistry.definitions.flatMap((definition) => {
    if (definition.type !== 'route') return [];
    const { method, path, responses, request } = definition.route;
    const segments = path.split('/');
    const source = segments
      .map((segment) => (/^\{.+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
      .join('/');
    return [
      {
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${source}$`),
        literalSegments: segments.filter((segment) => !segment.startsWith('{')).length,
        responses: responses as Record<string, DeclaredResponse>,
        request: request as DeclaredRoute['request'],
      },
    ];
  });
}

export function findRoute(routes: readonly DeclaredRoute[], method: string, path: string) {
  return routes
    .filter((route) => route.method === method && route.pattern.test(path))
    .sort((a, b) => b.literalSegments - a.literalSegments)[0];
}

/** Why an answer breaks the contract, or undefined when it keeps it. */
export function contractViolation(
  routes: readonly DeclaredRoute[],
  request: { method: string; path: string },
  response: { status: number; contentType: string; body: unknown },
): string | undefined {
  const where = `${request.method} ${request.path} answered ${response.status}`;
  if (response.contentType === 'application/problem+json') {
    const problem = schemaViolation(problemSchema, response.body);
    return problem && `${where} with a problem+json body its schema does not describe: ${problem}`;
  }
  const route = findRoute(routes, request.method, request.path);
  // Not part of the declared API: the sign-in library (/api/auth), the OpenAPI document, the web app.
  if (!route) return undefined;
  const declared = route.responses[String(response.status)];
  // Errors are problem+json; the one exception is a status a route declares with its own body
  // (/readyz's 503 is a readiness report, read by probes), which is held to its schema below.
  const declaresThisBody = Boolean(declared?.content?.[response.contentType]);
  if (response.status >= 400 && !declaresThisBody)
    return `${where} with ${response.contentType || 'no body'}, not problem+json`;
  if (!declared) return `${where}, a status ${route.path} does not declare`;
  const content = declared.content ?? {};
  if (Object.keys(content).length === 0) {
    return response.contentType ? `${where} with a body where ${route.path} declares none` : undefined;
  }
  const media = content[response.contentType];
  if (!media) {
    return `${where} as ${response.contentType || 'no content type'}; ${route.path} declares ${Object.keys(content).join(', ')}`;
  }
  if (response.contentType !== 'application/json') return undefined;
  const mismatch = schemaViolation(media.schema as z.ZodType, response.body);
  return mismatch && `${where} with JSON its schema does not describe: ${mismatch}`;
}

/** A schema error, or the first key the schema leaves out (zod drops those silently). */
function schemaViolation(schema: z.ZodType, body: unknown): string | undefined {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    return parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
      .join('; ');
  }
  const undescribed = firstUndescribedKey(body, parsed.data, '');
  return undescribed && `${undescribed} is not in the schema`;
}

function firstUndescribedKey(sent: unknown, described: unknown, path: string): string | undefined {
  if (Array.isArray(sent)) {
    if (!Array.isArray(described)) return undefined;
    for (const [index, item] of sent.entries()) {
      const found = firstUndescribedKey(item, described[index], `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof sent !== 'object' || sent === null) return undefined;
  if (typeof described !== 'object' || described === null) return undefined;
  for (const [key, value] of Object.entries(sent)) {
    const keyPath = path ? `${path}.${key}` : key;
    if (!(key in described)) return keyPath;
    const found = firstUndescribedKey(value, (described as Record<string, unknown>)[key], keyPath);
    if (found) return found;
  }
  return undefined;
}

/**
 * The app, with every answer checked against its contract: an answer the routes do not describe
 * rejects the request with the reason, so the test that made it fails.
 */
export function checkingContract<
  App extends AnyOpenApiApp & { fetch: (request: Request, ...rest: never[]) => Response | Promise<Response> },
>(app: App): App {
  const routes = declaredRoutes(app);
  const fetchWithoutCheck = app.fetch;
  app.fetch = (async (request: Request, ...rest: never[]) => {
    const response = await fetchWithoutCheck(request, ...rest);
    const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
    // Only JSON is read here: a streamed export must stay unread for the tests of back-pressure.
    const isJson = contentType === 'application/json' || contentType === 'application/problem+json';
    const body: unknown = isJson
      ? await response
          .clone()
          .json()
          .catch(() => '(unreadable JSON)')
      : undefined;
    const violation = contractViolation(
      routes,
      { method: request.method, path: new URL(request.url).pathname },
      { status: response.status, contentType: response.body === null ? '' : contentType, body },
    );
    if (violation) throw new Error(`API contract broken: ${violation}`);
    return response;
  }) as App['fetch'];
  return app;
}
