// Security headers on every response. The Content-Security-Policy allows no inline script:
// the only page with one, the API reference, gets a per-request nonce. Every other response
// gets the same policy without one, since making a nonce (random bytes, base64) for each JSON
// answer showed in the save benchmark's CPU profile and protects nothing there.
import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';

/** Paths whose page carries an inline script allowed by the nonce. */
const noncePaths = new Set(['/api/docs']);

const policy = (scriptSrc: Array<string | typeof NONCE>) =>
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

export const securityHeaders = (): MiddlewareHandler => {
  const withNonce = policy(["'self'", NONCE]);
  const withoutNonce = policy(["'self'"]);
  return (c, next) => (noncePaths.has(c.req.path) ? withNonce : withoutNonce)(c, next);
};
