// Builds the HTTP application from its dependencies, so tests call app.request() directly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '@attest/db';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { DatabaseUnavailableError, ProblemError } from './errors.ts';
import { apiReferencePage, apiReferenceScriptPath, serveApiReferenceScript } from './lib/api-reference.ts';
import { isDatabaseUnavailable } from './lib/database-errors.ts';
import { createRouter } from './lib/openapi.ts';
import { problemBody, problemResponse } from './lib/problem.ts';
import { securityHeaders } from './lib/security-headers.ts';
import { annotationRoutes } from './routes/annotations.ts';
import { documentRoutes } from './routes/documents.ts';
import { healthRoutes } from './routes/health.ts';
import { projectRoutes } from './routes/projects.ts';
import { segmentationRoutes } from './routes/segmentation.ts';

export interface AppDependencies {
  db: Database;
  /** The user every request acts as, until accounts exist. */
  userId: string;
  /** The built web app to serve from the same origin (production); omitted in tests and dev. */
  webRoot?: string | undefined;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes?: number;
  /** Where unexpected errors are reported, with the request id. */
  logError?: (message: string, details: Record<string, unknown>) => void;
}

export const defaultBodyLimitBytes = 4 * 1024 * 1024;

export function createApp(dependencies: AppDependencies) {
  const limitBytes = dependencies.bodyLimitBytes ?? defaultBodyLimitBytes;
  const logError = dependencies.logError ?? ((message, details) => console.error(message, details));

  const app = createRouter();
  app.use(requestId());
  app.use(securityHeaders());
  app.use(async (c, next) => {
    c.set('services', { db: dependencies.db, userId: dependencies.userId });
    await next();
  });
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: limitBytes,
      onError: () =>
        problemResponse(
          problemBody(
            413,
            'body-too-large',
            'The request is too large',
            `Requests are limited to ${(limitBytes / 1024 / 1024).toFixed(0)} MiB. Split the article or import it as a file in parts.`,
          ),
        ),
    }),
  );

  const routes = app
    .route('/', healthRoutes)
    .route('/', projectRoutes)
    .route('/', documentRoutes)
    .route('/', annotationRoutes)
    .route('/', segmentationRoutes);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Attest API',
      version: '0.1.0',
      description: 'Claim-provenance annotation: projects, documents, sentences and annotations.',
    },
  });
  app.get('/api/docs', apiReferencePage);
  app.get(apiReferenceScriptPath, serveApiReferenceScript);

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/') || !dependencies.webRoot) {
      return problemResponse(
        problemBody(
          404,
          'not-found',
          'Not found',
          `${c.req.method} ${c.req.path} is not part of the Attest API.`,
        ),
      );
    }
    return c.html(indexHtml(dependencies.webRoot));
  });

  app.onError((error, c) => {
    const problem =
      error instanceof ProblemError
        ? error
        : isDatabaseUnavailable(error)
          ? new DatabaseUnavailableError()
          : undefined;
    if (problem) {
      return problemResponse(
        { ...problemBody(problem.status, problem.code, problem.title, problem.detail), ...problem.extra },
        problem.headers,
      );
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(httpExceptionProblem(error));
    }
    const id = c.var.requestId;
    logError('Unexpected error', { requestId: id, method: c.req.method, path: c.req.path, error });
    return problemResponse(
      problemBody(
        500,
        'internal',
        'Something went wrong',
        `The server failed to answer; quote request id ${id}.`,
      ),
      { 'x-request-id': id },
    );
  });

  if (dependencies.webRoot) {
    app.use('/*', serveStatic({ root: dependencies.webRoot }));
  }
  return routes;
}

/** Hono's own exceptions (malformed JSON, wrong media type) with a detail a user can act on. */
function httpExceptionProblem(error: HTTPException) {
  switch (error.status) {
    case 400:
      return problemBody(
        400,
        'malformed-request',
        'The request could not be read',
        `${error.message}. Send valid JSON.`,
      );
    case 415:
      return problemBody(
        415,
        'unsupported-media-type',
        'Unsupported content type',
        'Send Content-Type: application/json, or multipart/form-data where a file upload is accepted.',
      );
    default:
      return problemBody(error.status, 'bad-request', 'The request was refused', error.message);
  }
}

export type AppType = ReturnType<typeof createApp>;

let cachedIndexHtml: string | undefined;
function indexHtml(webRoot: string): string {
  cachedIndexHtml ??= readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  return cachedIndexHtml;
}
