import { ErrorCode, type FieldError } from '@cx/shared-domain';

/** Base for every expected failure. Its message is shown to users, so it is plain language and never leaks internals. */
export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra, safe-to-show data for the client (e.g. the current value on a conflict). */
  readonly details: Record<string, unknown> = {};
}

export class BadUserInputError extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(
    readonly fieldErrors: FieldError[],
    message = 'Some of the information you entered needs to be fixed.',
  ) {
    super(message);
  }

  static field(path: string, message: string): BadUserInputError {
    return new BadUserInputError([{ path, message }], message);
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'You are not signed in, or your session ended. Sign in again.') {
    super(message);
  }
}

/** Thrown when the actor may not do this. `action`/`subject*` feed the denied-attempt audit event. */
export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(
    readonly action: string,
    readonly subjectType?: string,
    readonly subjectId?: string,
    message = 'You do not have access to do that.',
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(what: string) {
    super(`We could not find that ${what}.`);
  }
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    Object.assign(this.details, details);
  }
}

/** Something the operation needs (such as the virus scanner) is down; trying again later may work. */
export class ServiceUnavailableError extends DomainError {
  readonly code = ErrorCode.SERVICE_UNAVAILABLE;
}

export class TooManyRequestsError extends DomainError {
  readonly code = ErrorCode.TOO_MANY_REQUESTS;
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many attempts. Wait ${retryAfterSeconds} seconds and try again.`);
  }
}
