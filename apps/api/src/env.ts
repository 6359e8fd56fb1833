// The server's configuration, read once from the environment; a bad value stops start-up with
// a message that says which variable to fix.
import { z } from 'zod';

const environmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  ATTEST_DATA_DIR: z.string().min(1).default('.attest'),
  ATTEST_WEB_ROOT: z.string().optional(),
  /** Signs session cookies; required with DATABASE_URL, generated and kept in the data dir otherwise. */
  ATTEST_SECRET: z.string().optional(),
  /** Sign-in attempts allowed per client address per minute. */
  ATTEST_SIGN_IN_LIMIT: z.coerce.number().int().min(1).max(10_000).default(5),
  /** Dataset exports running at once on the server; also the size of their connection pool. */
  ATTEST_EXPORT_LIMIT: z.coerce.number().int().min(1).max(100).default(4),
  /** Dataset exports running at once for one account. */
  ATTEST_EXPORT_USER_LIMIT: z.coerce.number().int().min(1).max(100).default(2),
  /** Seconds a download may leave data unread before its export is stopped. */
  ATTEST_EXPORT_WRITE_TIMEOUT: z.coerce.number().min(1).max(3_600).default(30),
  /** Comma-separated origins whose pages may use a session besides the server's own. */
  ATTEST_TRUSTED_ORIGINS: z
    .string()
    .optional()
    .transform((value) =>
      value
        ? value
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean)
        : [],
    ),
  /**
   * The address people open Attest at. Session cookies are Secure (and __Secure- named) only
   * when it is https, so sign-in works over plain http too.
   */
  ATTEST_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'ATTEST_PUBLIC_URL must be an http:// or https:// URL' })
    .optional()
    .or(z.literal('').transform(() => undefined))
    .transform((value) => (value ? new URL(value).origin : undefined)),
  /**
   * How long a process trusts a session it looked up; another process honours a sign-out within
   * this time (0: every request asks the database, and sign-outs are honoured at once).
   */
  ATTEST_SESSION_CACHE_SECONDS: z.coerce.number().min(0).max(300).default(10),
  /** Server processes sharing the port (Node's cluster); more than one needs DATABASE_URL. */
  ATTEST_WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Environment = z.infer<typeof environmentSchema>;

export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new Error(`Attest cannot start; fix these environment variables:\n${problems}`);
  }
  return parsed.data;
}

/** ATTEST_PUBLIC_URL, or the address the server listens on (loopback when it listens on all). */
export function publicUrlOf(environment: Environment, port = environment.PORT): string {
  if (environment.ATTEST_PUBLIC_URL) return environment.ATTEST_PUBLIC_URL;
  const isEveryInterface = environment.HOST === '0.0.0.0' || environment.HOST === '::';
  const host = isEveryInterface ? '127.0.0.1' : environment.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
