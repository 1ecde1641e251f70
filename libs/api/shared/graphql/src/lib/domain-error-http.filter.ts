import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { ErrorCode } from '@cx/shared-domain';
import type { FastifyReply } from 'fastify';

import { DomainError } from './domain-error';
import { assertUnreachable, domainErrorExtensions } from './error-formatter';

export function httpStatusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BAD_USER_INPUT:
      return 400;
    case ErrorCode.UNAUTHENTICATED:
      return 401;
    case ErrorCode.FORBIDDEN:
      return 403;
    case ErrorCode.NOT_FOUND:
      return 404;
    case ErrorCode.CONFLICT:
      return 409;
    case ErrorCode.TOO_MANY_REQUESTS:
      return 429;
    case ErrorCode.SERVICE_UNAVAILABLE:
      return 503;
    case ErrorCode.INTERNAL_SERVER_ERROR:
      return 500;
    default:
      return assertUnreachable(code);
  }
}

/**
 * Domain errors on plain HTTP routes (file upload and download) get the same code and plain
 * message as on GraphQL: `{ error: { message, code, ... } }`. GraphQL errors pass through to Apollo.
 */
@Catch(DomainError)
export class DomainErrorHttpFilter implements ExceptionFilter {
  catch(error: DomainError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') return error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(httpStatusOf(error.code)).send({ error: { message: error.message, ...domainErrorExtensions(error) } });
    return undefined;
  }
}
