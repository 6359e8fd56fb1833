// Telling "the database is down or restarting" apart from a bug, so clients get 503 with
// Retry-After (and retry) instead of a 500.
import { errorCodesOf } from '@attest/db';

// Network errors, postgres.js connection states, and SQLSTATE classes 08 (connection
// exception) and 57P (operator intervention: shutdown, restart, not yet accepting).
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01',
  '57P02',
  '57P03',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  return errorCodesOf(error).some((code) => unavailableCodes.has(code) || code.startsWith('08'));
}
