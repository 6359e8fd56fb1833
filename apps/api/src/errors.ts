// Domain errors: each carries what a client needs to act, and onError turns it into
// application/problem+json (RFC 9457).
import type { Adjudication, Annotation } from '@attest/core';

export interface FieldError {
  path: string;
  message: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 412 | 413 | 415 | 422 | 429 | 503,
    /** A short, stable identifier; the problem's `type` is /problems/<code>. */
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; current?: Annotation | Adjudication | null } = {},
  ) {
    super(detail);
    this.name = new.target.name;
  }

  /** Response headers that go with the problem, e.g. Retry-After. */
  get headers(): Record<string, string> {
    return {};
  }
}

export class NotFoundError extends ProblemError {
  constructor(what: string, detail?: string) {
    super(404, 'not-found', `${what} not found`, detail ?? `No ${what.toLowerCase()} has this identifier.`);
  }
}

export class ForbiddenError extends ProblemError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Not allowed', detail);
  }
}

/** An API token on a route about the account (tokens, invitations, password, new projects). */
export class TokenOutOfScopeError extends ProblemError {
  constructor() {
    super(
      403,
      'token-out-of-scope',
      'Not with an API token',
      'An API token works only inside the projects it was made for. Manage tokens, accept invitations, create or delete projects and change your password while signed in.',
    );
  }
}

export class InvalidInputError extends ProblemError {
  constructor(detail: string, errors?: FieldError[]) {
    super(422, 'invalid-input', 'The request is not valid', detail, errors ? { errors } : {});
  }
}

export class StaleVersionError extends ProblemError {
  constructor(current: Annotation | null) {
    const detail = current
      ? `The annotation changed to version ${current.version} ("${current.label}") since you loaded it; reload it or send If-Match: "${current.version}" to overwrite.`
      : 'The annotation was cleared since you loaded it; send If-Match: "0" to create it again.';
    super(412, 'stale-version', 'The annotation changed in the meantime', detail, { current });
  }
}

export class StaleAdjudicationError extends ProblemError {
  constructor(current: Adjudication | null) {
    const detail = current
      ? `The gold label changed to "${current.label}" (version ${current.version}) since you loaded it; reload, or send If-Match: "${current.version}" to overwrite.`
      : 'The gold label was removed since you loaded it; send If-Match: "0" to set it again.';
    super(412, 'stale-version', 'The gold label changed in the meantime', detail, { current });
  }
}

export class DatabaseUnavailableError extends ProblemError {
  constructor() {
    super(
      503,
      'database-unavailable',
      'The database is not reachable',
      'Attest cannot reach its database right now. Your request was not applied; try again in a few seconds.',
    );
  }

  /** About as long as a PostgreSQL restart takes. */
  override get headers(): Record<string, string> {
    return { 'retry-after': '2' };
  }
}

export class TooManyExportsError extends ProblemError {
  constructor(
    detail: string,
    private readonly retryAfterSeconds: number,
  ) {
    super(429, 'too-many-exports', 'Too many exports at once', detail);
  }

  override get headers(): Record<string, string> {
    return { 'retry-after': String(this.retryAfterSeconds) };
  }
}
