import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '@cx/api-shared-config';
import { runMigrationsWithLock } from '@cx/api-shared-database';
import type { Logger } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';

import { createDatabase, type OpenedDatabase } from './database/database-factory';
import { seedDemoData } from './database/seed';
import { AppModule } from './app.module';
import { createRootLogger, PinoNestLogger, registerAccessLog, requestIdOf } from './logging';
import { registerSecurityHeaders } from './security-headers';
import { serveWebApp } from './web-app';

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

  // Fastify rather than Express: the same app costs the API about 0.1 ms less CPU per request (see README "Measured").
  const adapter = new FastifyAdapter({
    trustProxy: config.trustProxy,
    // JSON bodies up to 1 MB; evidence files come as multipart, read with their own limit by their route.
    bodyLimit: 1_048_576,
    genReqId: requestIdOf,
    requestIdHeader: false,
    // Node's own default, which Fastify turns off: a client gets 5 minutes to send its whole request.
    requestTimeout: 300_000,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ config, dataSource: database.dataSource, logger, closeDatabase: () => database.close() }),
    adapter,
    { logger: new PinoNestLogger(logger) },
  );
  registerAccessLog(app.getHttpAdapter().getInstance(), logger);
  registerSecurityHeaders(app.getHttpAdapter().getInstance(), {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...CONTENT_SECURITY_POLICY, ...(config.isProduction ? { upgradeInsecureRequests: [] } : {}) },
    },
    hsts: config.isProduction ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    // The same as the CSP's frame-ancestors 'none', for browsers that only know X-Frame-Options.
    xFrameOptions: { action: 'deny' },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart);
  if (config.isProduction && !config.evidenceScan) {
    logger.warn('Evidence files are not scanned for viruses: set EVIDENCE_SCAN_URL to a ClamAV daemon (tcp://host:3310).');
  }
  await serveWebApp(app, config.webDistDir, logger);
  // The database closes in a shutdown hook (AppModule): assigning `app.close` would not stick, as Nest's proxy
  // around the app ignores writes.
  app.enableShutdownHooks();
  return { app, database, logger, seeded };
}
