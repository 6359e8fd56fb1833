// Builds the HTTP application from its dependencies, so tests call app.request() directly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '@attest/db';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import { resolveActor, UnauthenticatedError } from './auth/actor.ts';
import { type Auth, createAuth } from './auth/create-auth.ts';
import { authRequestHandler } from './auth/mount.ts';
import { SessionCache } from './auth/session-cache.ts';
import { DatabaseUnavailableError, ProblemError, TokenOutOfScopeError } from './errors.ts';
import { accessLog } from './lib/access-log.ts';
import {
  apiReferencePage,
  apiReferencePath,
  apiReferenceScriptPath,
  serveApiReferenceScript,
} from './lib/api-reference.ts';
import { limitBodies } from './lib/body-limit.ts';
import { isDatabaseUnavailable } from './lib/database-errors.ts';
import { logErrorLine, summarizeError } from './lib/error-log.ts';
import { defaultExportLimits, ExportGate, type ExportLimits } from './lib/export-gate.ts';
import { checkJsonText } from './lib/json-text.ts';
import { type AppEnv, createRouter } from './lib/openapi.ts';
import { problemBody, problemResponse } from './lib/problem.ts';
import { sameOriginWrites } from './lib/same-origin.ts';
import { securityHeaders } from './lib/security-headers.ts';
import { annotationRoutes } from './routes/annotations.ts';
import { archiveRoutes } from './routes/archive.ts';
import { claimRoutes } from './routes/claims.ts';
import { documentRoutes } from './routes/documents.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { inviteRoutes } from './routes/invites.ts';
import { memberRoutes } from './routes/members.ts';
import { projectRoutes } from './routes/projects.ts';
import { reportRoutes } from './routes/reports.ts';
import { segmentationRoutes } from './routes/segmentation.ts';
import { sessionRoutes } from './routes/session.ts';
import { suggestionModelRoutes } from './routes/suggestion-model.ts';
import { tokenRoutes } from './routes/tokens.ts';
import type { ClaimLinkerWaker } from './services/claim-linker.ts';
import type { SuggestionWaker } from './services/suggestion-filler.ts';

export interface AppDependencies {
  db: Database;
  /**
   * Links imported documents into claims in the background; the caller starts and stops it.
   * Without one, imported documents wait for another process, the CLI or a re-link.
   */
  claimLinker?: ClaimLinkerWaker | undefined;
  /** The process's filler of suggestions (services/suggestion-filler.ts), woken after an import. */
  suggestionFiller?: SuggestionWaker | undefined;
  /** Where dataset exports read (a pool of their own on PostgreSQL); `db` when omitted. */
  exportDb?: Database;
  /** Where the one-statement save is sent (a pool of its own on PostgreSQL); `db` when omitted. */
  saveDb?: Database;
  /** Exports at once, overall and per account, and the write timeout (defaults in export-gate.ts). */
  exportLimits?: Partial<ExportLimits>;
  /** Signs session cookies; at least 32 characters. */
  secret: string;
  /** Origins besides the server's own whose pages may use a session (e.g. the Vite dev server). */
  trustedOrigins?: string[];
  /** Sign-in attempts allowed per client address per minute (default 5). */
  signInAttemptsPerMinute?: number;
  /**
   * The address people open Attest at (ATTEST_PUBLIC_URL); session cookies are Secure only
   * when it is https. Omitted, the library derives it from each request.
   */
  publicUrl?: string;
  /** The built web app to serve from the same origin (production); omitted in tests and dev. */
  webRoot?: string | undefined;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes?: number;
  /** Where unexpected errors are reported, with the request id (one JSON line on stderr by default). */
  logError?: (message: string, details: Record<string, unknown>) => void;
  /** Where one line per request goes; omitted, nothing is logged (tests). */
  logRequest?: (line: string) => void;
  /**
   * How long this process trusts a session it has looked up (default 10 s; 0 looks up every
   * request). Another process sees a sign-out within this time; this one at once.
   */
  sessionCacheMilliseconds?: number;
}

export const defaultSessionCacheMilliseconds = 10_000;

export const defaultBodyLimitBytes = 4 * 1024 * 1024;

/** Paths that need a signed-in user or an API token; everything else under /api is public. */
const protectedPaths = [
  '/api/me',
  '/api/projects',
  '/api/projects/*',
  '/api/documents/*',
  '/api/sentences/*',
  '/api/claim-links/*',
  '/api/tokens',
  '/api/tokens/*',
];

/**
 * Routes about the account rather than a project. A token is limited to chosen projects, so
 * it never reaches these: they need the person, signed in (/api/auth is refused in mount.ts).
 */
const accountLevelRoutes: [method: string, path: string][] = [
  ['GET', '/api/tokens'],
  ['POST', '/api/tokens'],
  ['DELETE', '/api/tokens/*'],
  ['POST', '/api/invites/*'],
  ['POST', '/api/projects'],
  // Deleting a whole project is the owner's act, signed in: a script's token may not end it.
  ['DELETE', '/api/projects/:slug'],
];

const refuseTokens: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.actor?.via === 'token') throw new TokenOutOfScopeError();
  await next();
};

export function createApp(dependencies: AppDependencies) {
  const limitBytes = dependencies.bodyLimitBytes ?? defaultBodyLimitBytes;
  const logError = dependencies.logError ?? logErrorLine;
  const trustedOrigins = dependencies.trustedOrigins ?? [];
  const auth: Auth = createAuth({
    db: dependencies.db,
    secret: dependencies.secret,
    trustedOrigins,
    signInAttemptsPerMinute: dependencies.signInAttemptsPerMinute,
    publicUrl: dependencies.publicUrl,
    logError,
  });

  const exportGate = new ExportGate(dependencies.exportDb ?? dependencies.db, {
    ...defaultExportLimits,
    ...dependencies.exportLimits,
  });

  const sessions = new SessionCache(dependencies.sessionCacheMilliseconds ?? defaultSessionCacheMilliseconds);

  const app = createRouter();
  app.use(requestId());
  if (dependencies.logRequest) app.use(accessLog(dependencies.logRequest));
  app.use(securityHeaders());
  app.use(
    '/api/*',
    limitBodies(limitBytes, () =>
      problemResponse(
        problemBody(
          413,
          'body-too-large',
          'The request is too large',
          `Requests are limited to ${(limitBytes / 1024 / 1024).toFixed(0)} MiB. Split the article or import it as a file in parts.`,
        ),
      ),
    ),
  );
  app.use('/api/*', checkJsonText);
  app.use('/api/*', sameOriginWrites(trustedOrigins));
  app.use(async (c, next) => {
    c.set('auth', auth);
    c.set('db', dependencies.db);
    c.set('exportGate', exportGate);
    c.set('logError', logError);
    c.set('actor', null);
    await next();
  });
  app.on(['GET', 'POST'], '/api/auth/*', authRequestHandler(sessions));
  app.use('/api/*', async (c, next) => {
    const actor = await resolveActor(auth, dependencies.db, c.req.raw.headers, sessions);
    c.set('actor', actor);
    if (actor)
      c.set('services', {
        db: dependencies.db,
        saveDb: dependencies.saveDb,
        userId: actor.userId,
        tokenProjectIds: actor.tokenProjectIds,
        claimLinker: dependencies.claimLinker,
        suggestionFiller: dependencies.suggestionFiller,
      });
    await next();
  });
  const requireSignedIn: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!c.var.actor) throw new UnauthenticatedError();
    await next();
  };
  for (const protectedPath of protectedPaths) app.use(protectedPath, requireSignedIn);
  for (const [method, accountPath] of accountLevelRoutes) app.on(method, accountPath, refuseTokens);

  const routes = app
    .route('/', healthRoutes)
    .route('/', sessionRoutes)
    .route('/', inviteRoutes)
    .route('/', memberRoutes)
    .route('/', tokenRoutes)
    .route('/', projectRoutes)
    .route('/', documentRoutes)
    .route('/', annotationRoutes)
    .route('/', segmentationRoutes)
    .route('/', exportRoutes)
    .route('/', importRoutes)
    .route('/', reportRoutes)
    .route('/', archiveRoutes)
    .route('/', claimRoutes)
    .route('/', suggestionModelRoutes);

  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Attest API',
      version: '0.2.0',
      description:
        'Claim-provenance annotation: projects, members, documents, sentences and annotations. Sign in through /api/auth (cookie session) or send an API token as "Authorization: Bearer attest_…".',
    },
  });
  app.get(apiReferencePath, apiReferencePage);
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
    logError('Unexpected error', {
      requestId: id,
      method: c.req.method,
      path: c.req.path,
      error: summarizeError(error),
    });
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
    // Vite names every built script and style under /assets/ by its content's hash: a changed
    // file gets a new name, so the browser may keep these for good instead of fetching them again
    // for each page it opens. index.html, which names them, is not cached, nor is the page the
    // server answers for a missing file.
    app.use('/assets/*', async (c, next) => {
      await next();
      if (c.res.status === 200 && !c.res.headers.get('content-type')?.startsWith('text/html'))
        c.res.headers.set('cache-control', immutableAssetCaching);
    });
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

const immutableAssetCaching = 'public, max-age=31536000, immutable';

/** Each web root's index.html, read once: a process may serve several (the benchmarks do). */
const indexHtmlByWebRoot = new Map<string, string>();
function indexHtml(webRoot: string): string {
  let html = indexHtmlByWebRoot.get(webRoot);
  if (html === undefined) {
    html = readFileSync(path.join(webRoot, 'index.html'), 'utf8');
    indexHtmlByWebRoot.set(webRoot, html);
  }
  return html;
}
