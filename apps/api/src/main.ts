import 'reflect-metadata';

import cluster from 'node:cluster';
import { existsSync } from 'node:fs';

import { createApp, createDatabase, createRootLogger, prepareDatabase } from '@cx/api-app';
import { type AppConfig, ConfigValidationError, loadConfig } from '@cx/api-shared-config';
import { runMigrationsWithLock } from '@cx/api-shared-database';

function configOrExit(): AppConfig {
  // A local .env (see .env.example) is read if present; real environment variables win.
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigValidationError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** `node main.js --migrate-only`: the one-shot deploy step that runs before new replicas start. */
async function migrateOnly(config: AppConfig): Promise<void> {
  const db = await createDatabase(config);
  try {
    await db.dataSource.initialize();
    const applied = await runMigrationsWithLock(db.dataSource, Boolean(db.embedded));
    console.log(applied.length ? `Applied migrations: ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations.');
  } finally {
    await db.close();
  }
}

/**
 * API_WORKERS > 1: this process migrates and seeds once, then runs that many API processes sharing the port
 * (node:cluster hands them connections in turn) and replaces any that dies. Sessions, rate limits and
 * presence live in PostgreSQL, so any worker serves any request.
 */
async function supervise(config: AppConfig): Promise<void> {
  const logger = createRootLogger(config);
  const database = await createDatabase(config);
  try {
    await prepareDatabase(database, config, logger);
  } finally {
    await database.close();
  }
  let stopping = false;
  let quickExits = 0;
  const started = new Map<number, number>();
  const fork = (): void => {
    const worker = cluster.fork({ SEED_ON_START: 'never' });
    started.set(worker.id, Date.now());
  };
  for (let i = 0; i < config.apiWorkers; i++) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    // Workers that cannot even start (database gone) would otherwise be restarted forever.
    quickExits = Date.now() - (started.get(worker.id) ?? 0) < 10_000 ? quickExits + 1 : 0;
    started.delete(worker.id);
    if (quickExits >= 3) {
      logger.fatal({ pid: worker.process.pid, code, signal }, 'API workers keep failing to start; stopping');
      process.exit(1);
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'An API worker stopped; starting another');
    fork();
  });
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.on(sig, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(sig);
    });
  }
  logger.info({ workers: config.apiWorkers, port: config.port }, `Starting ${config.apiWorkers} API workers`);
}

async function bootstrap(): Promise<void> {
  const config = configOrExit();
  if (process.argv.includes('--migrate-only')) return migrateOnly(config);
  if (config.apiWorkers > 1 && cluster.isPrimary) return supervise(config);
  const { app, logger, database } = await createApp(config);
  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  logger.info(
    { url, database: database.embedded ? `embedded (${database.embedded.dir})` : 'postgresql', demoSignIn: config.demoSignIn },
    `CX Capacity is ready at ${url}${config.demoSignIn ? ' — open it and choose a demo user to sign in' : ''}`,
  );
}

bootstrap().catch((err: unknown) => {
  console.error('The API could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
