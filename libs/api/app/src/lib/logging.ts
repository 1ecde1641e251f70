import { randomUUID } from 'node:crypto';

import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '@cx/api-shared-config';
import type { RequestHandler } from 'express';
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

/**
 * JSON access log: one line per request once its response is sent or the client gives up, with a request id
 * (or a well-formed X-Request-Id from the proxy) that is echoed back. Only method, path, status, time and the
 * client's address are logged: never headers, so never cookies or tokens. Written here rather than with
 * pino-http, which serializes every request's headers into a child logger even when nothing is logged: that cost
 * 6-14 % of the API's CPU per assessment load in the benchmark.
 */
export function createAccessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', id);
    // Audit events carry it (requestMeta), so a log line and the changes it made can be matched.
    (req as { id?: string }).id = id;
    if (req.url.startsWith('/health')) return next();
    const started = performance.now();
    res.once('close', () => {
      const aborted = !res.writableFinished;
      const level: Level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 || aborted ? 'warn' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          reqId: id,
          req: { method: req.method, url: req.originalUrl, remoteAddress: req.ip },
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - started),
        },
        aborted ? 'request aborted' : 'request completed',
      );
    });
    next();
  };
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
