import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '@cx/api-shared-config';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pino, { type Level, type Logger } from 'pino';

// Never write these to logs: session cookies, CSRF tokens, credentials.
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.token',
  '*.csrfToken',
];

export function createRootLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' }, base: { service: 'cx-api' } });
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;

const STARTED_AT = 'cxStartedAt';
type TimedRequest = FastifyRequest & { [STARTED_AT]: number };

/** Fastify's `genReqId`: a well-formed X-Request-Id from the proxy, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * JSON access log: one line per request once its response is sent or the client gives up, with the request's id
 * (see `requestIdOf`), which is echoed back and which audit events record (requestMeta), so a log line and the
 * changes it made can be matched. Only method, path, status, time and the client's address are logged: never
 * headers, so never cookies or tokens. Health checks are not logged.
 */
export function registerAccessLog(fastify: FastifyInstance, logger: Logger): void {
  const write = (request: FastifyRequest, statusCode: number, responseTime: number, aborted: boolean): void => {
    if (request.url.startsWith('/health')) return;
    const level: Level = statusCode >= 500 ? 'error' : statusCode >= 400 || aborted ? 'warn' : 'info';
    if (!logger.isLevelEnabled(level)) return;
    logger[level](
      {
        reqId: request.id,
        req: { method: request.method, url: request.url, remoteAddress: request.ip },
        res: { statusCode },
        responseTime: Math.round(responseTime),
      },
      aborted ? 'request aborted' : 'request completed',
    );
  };
  // Aborted requests have no reply to time them by: the start is kept on the request.
  fastify.decorateRequest(STARTED_AT, 0);
  fastify.addHook('onRequest', (request, reply, done) => {
    (request as TimedRequest)[STARTED_AT] = performance.now();
    void reply.header('x-request-id', request.id);
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    write(request, reply.statusCode, reply.elapsedTime, false);
    done();
  });
  fastify.addHook('onRequestAbort', (request, done) => {
    write(request, 499, performance.now() - (request as TimedRequest)[STARTED_AT], true);
    done();
  });
}

/** Routes Nest's own log lines through pino so every line is JSON. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
