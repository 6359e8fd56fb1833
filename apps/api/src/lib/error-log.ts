// What an unexpected error looks like in the log: one line with its kind, code and message,
// never the data it carried. Drizzle's query errors repeat every SQL parameter (article text,
// notes, password hashes) in their message, and a logged error object prints them all.

export interface ErrorSummary {
  /** The error's class, then its causes': "DrizzleQueryError < PostgresError". */
  class: string;
  /** The first code in the chain: a SQLSTATE, a Node error code, a better-auth code. */
  code?: string;
  message: string;
  /** Where it was thrown: the top frames of the stack, which hold no data. */
  at?: string[];
}

const longestMessage = 300;

export function summarizeError(error: unknown): ErrorSummary {
  if (!(error instanceof Error))
    return { class: typeof error, message: 'A value that is not an Error was thrown.' };
  const chain: Error[] = [];
  for (let cause: unknown = error; cause instanceof Error && chain.length < 5; cause = cause.cause)
    chain.push(cause);
  const code = chain
    .map((link) => (link as { code?: unknown }).code)
    .find((candidate): candidate is string => typeof candidate === 'string');
  // A query error's message lists its parameters; the database's own error at the root of the
  // chain says what failed without them.
  const root = chain.at(-1)!;
  const message = root.message.split('\nparams:')[0]!.split('\n')[0]!.slice(0, longestMessage);
  const at = error.stack
    ?.split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 3)
    .map((line) => line.trim());
  return {
    class: chain.map(className).join(' < '),
    ...(code ? { code } : {}),
    message,
    ...(at && at.length > 0 ? { at } : {}),
  };
}

/** The constructor's name where it says more than "Error" (Drizzle's errors keep that name). */
function className(error: Error): string {
  const constructorName = error.constructor.name;
  return constructorName.length > 2 && constructorName !== 'Error' ? constructorName : error.name;
}

/** Writes one JSON line to standard error: the server's default for unexpected errors. */
export function logErrorLine(message: string, details: Record<string, unknown>): void {
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: 'error', message, ...details })}\n`,
  );
}

type LogError = (message: string, details: Record<string, unknown>) => void;

/**
 * better-auth's logger as one line per event, with errors summarised and other arguments left
 * out (they can hold request data). A refused credential is an answer the client gets (401,
 * 403, 429), not an event: an invalid token used to log five lines of ERROR.
 */
export function authLogger(logError: LogError) {
  return {
    level: 'warn' as const,
    log: (level: string, message: string, ...args: unknown[]) => {
      const errors = args.filter((arg): arg is Error => arg instanceof Error);
      if (errors.some(isClientError)) return;
      logError(`[Better Auth] ${message}`, {
        level,
        ...(errors.length > 0 ? { errors: errors.map(summarizeError) } : {}),
      });
    },
  };
}

function isClientError(error: Error): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status < 500;
}
