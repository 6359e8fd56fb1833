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
