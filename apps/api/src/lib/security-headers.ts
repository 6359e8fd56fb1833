// Security headers on every response, of two kinds.
//
// Pages (the web app, the API reference) get the full set. Their Content-Security-Policy allows
// no inline script: the only page with one, the API reference, gets a per-request nonce.
//
// The API's own answers (JSON, problem+json, export downloads) are never rendered as pages, so
// they get the headers that matter for such answers (OWASP's REST Security Cheat Sheet): a policy
// that allows nothing and no framing, nosniff, X-Frame-Options, HSTS and Cross-Origin-Resource-
// Policy. The page-only headers (referrer, DNS prefetch, download and cross-domain policies, the
// XSS auditor, the opener policy, origin-keyed agent clusters) protect nothing there, and at one
// analyst, setting, sending and parsing the seven of them cost the save about 5 % of its
// throughput (docs/benchmarks.md, Save).
import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { apiReferencePath, apiReferenceScriptPath } from './api-reference.ts';

/** Paths whose page carries an inline script allowed by the nonce. */
const noncePaths = new Set([apiReferencePath]);

/** The pages served under /api/: the API reference and its script. */
const apiPages = new Set([apiReferencePath, apiReferenceScriptPath]);

const pagePolicy = (scriptSrc: Array<string | typeof NONCE>) =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc,
      // Lit adopts constructed style sheets, but components may still set style attributes.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'same-origin',
  });

const answerPolicy = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  xFrameOptions: 'DENY',
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
  // Nothing here sets X-Powered-By.
  removePoweredBy: false,
});

/** Whether `path` is one of the API's answers rather than a page. */
function isApiAnswer(path: string): boolean {
  return path.startsWith('/api/') && !apiPages.has(path);
}

export const securityHeaders = (): MiddlewareHandler => {
  const withNonce = pagePolicy(["'self'", NONCE]);
  const withoutNonce = pagePolicy(["'self'"]);
  return (c, next) => {
    const path = c.req.path;
    const policy = isApiAnswer(path) ? answerPolicy : noncePaths.has(path) ? withNonce : withoutNonce;
    return policy(c, next);
  };
};
