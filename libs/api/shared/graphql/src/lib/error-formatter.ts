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

export interface FormatErrorOptions {
  requestIdOf?: () => string | undefined;
  onUnexpected?: (error: unknown) => void;
}

/**
 * Apollo `formatError`: domain errors keep their plain message and code; request
 * errors pass through; anything else becomes a generic INTERNAL_SERVER_ERROR with
 * no stack, no SQL, no internals.
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
  const requestId = options.requestIdOf?.();
  return {
    message: `Something went wrong on our side. Try again; if it keeps happening, contact support${requestId ? ` and give them this reference: ${requestId}` : ''}.`,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
  };
}
