// Accounts, sessions and API tokens, delegated to better-auth: password hashing, session
// cookies, login rate limits and token hashing are the library's, not ours.

import { accounts, apiKeys, type Database, rateLimits, sessions, users, verifications } from '@attest/db';
import { apiKey } from '@better-auth/api-key';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { authLogger } from '../lib/error-log.ts';
import { releasingAsyncContext } from './async-context-release.ts';

/** The header the Node server fills with the socket's address; clients cannot set it. */
export const clientAddressHeader = 'x-attest-client-address';

export const tokenPrefix = 'attest_';

export interface AuthOptions {
  db: Database;
  /** Signs session cookies; at least 32 characters. */
  secret: string;
  /** Origins allowed to send cookie-authenticated requests besides the server's own. */
  trustedOrigins: string[];
  /** Sign-in attempts allowed per client address per minute. */
  signInAttemptsPerMinute?: number;
  /** The address people open Attest at; https makes session cookies Secure. */
  publicUrl?: string | undefined;
  /** Where the library's warnings and errors go, one line each. */
  logError: (message: string, details: Record<string, unknown>) => void;
}

export function createAuth(options: AuthOptions) {
  return releasingAsyncContext(
    betterAuth({
      appName: 'Attest',
      logger: authLogger(options.logError),
      basePath: '/api/auth',
      secret: options.secret,
      ...(options.publicUrl ? { baseURL: options.publicUrl } : {}),
      // Besides the public URL, the server's own origin as the request names it (as in
      // same-origin.ts): Attest reached at another of its addresses keeps working.
      trustedOrigins: (request?: Request) =>
        request ? [...options.trustedOrigins, new URL(request.url).origin] : options.trustedOrigins,
      database: drizzleAdapter(options.db, {
        provider: 'pg',
        schema: { users, sessions, accounts, verifications, rateLimits, apiKeys },
      }),
      user: { modelName: 'users' },
      session: { modelName: 'sessions', expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
      account: { modelName: 'accounts' },
      verification: { modelName: 'verifications' },
      emailAndPassword: { enabled: true, minPasswordLength: 10, maxPasswordLength: 128, autoSignIn: true },
      rateLimit: {
        enabled: true,
        storage: 'database',
        modelName: 'rateLimits',
        window: 60,
        max: 300,
        customRules: {
          '/sign-in/email': { window: 60, max: options.signInAttemptsPerMinute ?? 5 },
          '/change-password': { window: 60, max: 5 },
        },
      },
      advanced: {
        cookiePrefix: 'attest',
        database: { generateId: 'uuid' },
        defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
        // A Secure cookie is never sent back over plain http: decide from the public URL.
        ...(options.publicUrl ? { useSecureCookies: options.publicUrl.startsWith('https://') } : {}),
        ipAddress: { ipAddressHeaders: [clientAddressHeader] },
      },
      hooks: {
        before: createAuthMiddleware(async (context) => {
          if (!context.request) return;
          // Accounts come from the first-run page or an invitation, both of which call the
          // library from the server; nobody signs up over HTTP directly.
          if (context.path === '/sign-up/email') {
            throw new APIError('FORBIDDEN', {
              message:
                'Accounts are created on the first-run page or through an invitation from a project owner.',
            });
          }
          // Tokens are made, listed and revoked through /api/tokens only, which keeps each to the
          // projects chosen at creation; the library's own routes could widen that scope.
          if (context.path.startsWith('/api-key/')) {
            throw new APIError('FORBIDDEN', {
              message: 'Manage API tokens under /api/tokens (Tokens in the account menu).',
            });
          }
        }),
      },
      plugins: [
        apiKey({
          schema: { apikey: { modelName: 'apiKeys' } },
          defaultPrefix: tokenPrefix,
          // Enough of the token to tell several apart in a list ("attest_Xy3k…"), far too little to use.
          startingCharactersConfig: { shouldStore: true, charactersLength: tokenPrefix.length + 5 },
          enableMetadata: true,
          rateLimit: { enabled: false },
          keyExpiration: { defaultExpiresIn: null, maxExpiresIn: 366 },
        }),
      ],
    }),
  );
}

export type Auth = ReturnType<typeof createAuth>;
