import { ErrorCode } from '@cx/shared-domain';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

import { DomainError } from './domain-error';

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

/** Maps a domain error to the client-facing extensions. Exhaustive: a new code fails to compile until mapped. */
export function domainErrorExtensions(error: DomainError): Record<string, unknown> {
  const code = error.code;
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return { code, fieldErrors: (error as DomainError & { fieldErrors: unknown }).fieldErrors };
    case ErrorCode.CONFLICT:
      return { code, ...error.details };
    case ErrorCode.TOO_MANY_REQUESTS:
      return { code, retryAfterSeconds: (error as DomainError & { retryAfterSeconds: number }).retryAfterSeconds };
    case ErrorCode.UNAUTHENTICATED:
    case ErrorCode.FORBIDDEN:
    case ErrorCode.NOT_FOUND:
    case ErrorCode.INTERNAL_SERVER_ERROR:
    case ErrorCode.SERVICE_UNAVAILABLE:
      return { code };
    default:
      return assertUnreachable(code);
  }
}

// Codes graphql-js / Apollo attach to problems with the request itself: safe to pass through.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Socket errors of a database connection that cannot be made or was cut. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres's own words for a connection that is gone or could not be made. */
const CONNECTION_MESSAGES = /^(Connection terminated|Client has encountered a connection error)/;
/** PostgreSQL's: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections (class 08 is checked apart). */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** pg-pool's words when every connection stayed in use for the whole wait: the database is up, the service is overloaded. */
const POOL_EXHAUSTED_MESSAGE = /^timeout exceeded when trying to connect/;

/**
 * Why the database cannot serve a request just now, if that is what an error means: `busy` when every connection of
 * the pool stayed in use for the whole wait, `unreachable` when it is down, restarting, refusing connections, or the
 * connection was cut (a bad password also ends here: people can do nothing about it; the log has the cause). Looks
 * at node-postgres's errors and TypeORM's wrapping of them (`driverError`; not any `cause`, which may be another
 * service's); anything else, a fault in this request, is undefined. A FATAL or PANIC from the server always ends
 * the session, so it counts.
 */
export function databaseUnavailability(error: unknown): 'busy' | 'unreachable' | undefined {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const { code, severity, message } = e as { code?: unknown; severity?: unknown; message?: unknown };
    if (typeof message === 'string' && POOL_EXHAUSTED_MESSAGE.test(message)) return 'busy';
    if (severity === 'FATAL' || severity === 'PANIC') return 'unreachable';
    // Class 08 is connection exceptions, except 08P01 (protocol violation), which is a fault in the request.
    const connectionClass = typeof code === 'string' && code.startsWith('08') && code !== '08P01';
    if (connectionClass || (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || CONNECTION_ERROR_CODES.has(code)))) {
      return 'unreachable';
    }
    if (typeof message === 'string' && CONNECTION_MESSAGES.test(message)) return 'unreachable';
    e = (e as { driverError?: unknown }).driverError;
  }
  return undefined;
}

export const DATABASE_UNAVAILABLE_MESSAGE = 'The service cannot reach its database just now. Try again in a minute.';
export const DATABASE_BUSY_MESSAGE = 'The service is too busy to answer just now. Try again in a moment.';

export interface FormatErrorOptions {
  requestIdOf?: () => string | undefined;
  onUnexpected?: (error: unknown) => void;
}

/**
 * Apollo `formatError`: domain errors keep their plain message and code; request errors pass through; a database
 * that cannot be reached, or whose connections are all busy, is SERVICE_UNAVAILABLE (try again, in words that say
 * which); anything else becomes a generic INTERNAL_SERVER_ERROR with no stack, no SQL, no internals.
 */
export function formatGraphQLError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatErrorOptions = {},
): GraphQLFormattedError {
  const original = (error as { originalError?: unknown } | undefined)?.originalError;
  if (original instanceof DomainError) {
    return { message: original.message, path: formatted.path, locations: formatted.locations, extensions: domainErrorExtensions(original) };
  }
  const code = formatted.extensions?.['code'];
  // Apollo wraps graphql-js's own errors about the request (syntax, validation, variables); their text is safe.
  const aboutTheRequest = !original || original instanceof GraphQLError;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code) && aboutTheRequest) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  options.onUnexpected?.(original ?? error);
  const unavailable = databaseUnavailability(original ?? error);
  if (unavailable) {
    return {
      message: unavailable === 'busy' ? DATABASE_BUSY_MESSAGE : DATABASE_UNAVAILABLE_MESSAGE,
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    };
  }
  const requestId = options.requestIdOf?.();
  return {
    message: `Something went wrong on our side. Try again; if it keeps happening, contact support${requestId ? ` and give them this reference: ${requestId}` : ''}.`,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}
