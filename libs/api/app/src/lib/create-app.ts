import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@cx/api-shared-config';
import { runMigrationsWithLock } from '@cx/api-shared-database';
import cookieParser from 'cookie-parser';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';

import { createDatabase, type OpenedDatabase } from './database/database-factory';
import { seedDemoData } from './database/seed';
import { AppModule } from './app.module';
import { createAccessLog, createRootLogger, PinoNestLogger } from './logging';

export interface CreatedApp {
  app: INestApplication;
  database: OpenedDatabase;
  logger: Logger;
  seeded: boolean;
}

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Angular and USWDS set inline style attributes; scripts stay locked down.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  objectSrc: ["'none'"],
};

/**
 * Connects, applies pending migrations (under a lock, so replicas may start together) and loads the demo data
 * if SEED_ON_START asks for it (`auto`: into an empty embedded database). True if it seeded.
 */
export async function prepareDatabase(database: OpenedDatabase, config: AppConfig, logger: Logger): Promise<boolean> {
  if (!database.dataSource.isInitialized) await database.dataSource.initialize();
  const applied = await runMigrationsWithLock(database.dataSource, Boolean(database.embedded));
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'Applied database migrations');
  const wantSeed =
    config.seedOnStart === 'always' ||
    (config.seedOnStart === 'auto' &&
      Boolean(database.embedded) &&
      (await database.dataSource.query('SELECT 1 FROM organization LIMIT 1')).length === 0);
  if (!wantSeed) return false;
  await seedDemoData(database.dataSource);
  logger.info('Loaded demo data');
  return true;
}

/** Opens the database, migrates (and seeds an empty embedded one), then builds the Nest app. Shared by main.ts and the tests. */
export interface CreateAppOptions {
  /** Sees every SQL statement (tests count statements per operation with it). */
  sqlLogger?: TypeOrmLogger;
}

export async function createApp(
  config: AppConfig,
  logger: Logger = createRootLogger(config),
  options: CreateAppOptions = {},
): Promise<CreatedApp> {
  const database = await createDatabase(config, options.sqlLogger);
  let seeded: boolean;
  try {
    seeded = await prepareDatabase(database, config, logger);
  } catch (err) {
    await database.close();
    throw err;
  }

  const app = await NestFactory.create<NestExpressApplication>(AppModule.register({ config, dataSource: database.dataSource, logger }), {
    logger: new PinoNestLogger(logger),
    // JSON only (registered below, with its size limit): nothing here takes URL-encoded forms; evidence files
    // come as multipart, read by their own route.
    bodyParser: false,
  });
  app.set(
    'trust proxy',
    config.trustProxy === false ? false : /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy,
  );
  app.disable('x-powered-by');
  // GraphQL answers POSTs, which are never revalidated: hashing every response body for an ETag is wasted work.
  app.set('etag', false);
  app.use(createAccessLog(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { ...CONTENT_SECURITY_POLICY, ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}) },
      },
      hsts: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(cookieParser());
  app.useBodyParser('json', { limit: '1mb' });
  if (config.isProduction && !config.evidenceScan) {
    logger.warn('Evidence files are not scanned for viruses: set EVIDENCE_SCAN_URL to a ClamAV daemon (tcp://host:3310).');
  }
  serveWebApp(app, config, logger);
  app.enableShutdownHooks();
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await database.close();
  };
  return { app, database, logger, seeded };
}

const API_PATHS = /^\/(graphql|health|auth)(\/|$)/;

/** Serves the built Angular app (if present) with a fallback to index.html for client-side routes. */
function serveWebApp(app: NestExpressApplication, config: AppConfig, logger: Logger): void {
  const dir = resolve(config.webDistDir);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ dir }, 'Web app not built: only the API is served. Run `npm run build` to build it.');
    return;
  }
  app.useStaticAssets(dir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, path) => {
      if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
