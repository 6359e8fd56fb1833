// Drivers and Drizzle wrap a database error in others (a query error's `cause`, a pool's own
// error); what it was is a `code` somewhere down that chain: a SQLSTATE, or a driver's or
// network's own name for a lost connection.

/** Every `code` along the error's chain of causes, outermost first. */
export function errorCodesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const { code } = cause as { code?: unknown };
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** SQLSTATEs Attest answers differently from other failures. */
export const sqlState = {
  uniqueViolation: '23505',
  lockNotAvailable: '55P03',
} as const;
